package dev.gridservices.programs.service;

import dev.gridservices.kit.json.JsonText;
import dev.gridservices.kit.paging.PageRequest;
import dev.gridservices.kit.persistence.DatabaseViolation;
import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.programs.messaging.ProgramEvents;
import dev.gridservices.programs.repository.InstanceStatus;
import dev.gridservices.programs.repository.ProgramInstance;
import dev.gridservices.programs.repository.ProgramInstanceRepository;
import dev.gridservices.programs.repository.ProgramInstanceRepository.InstanceFilter;
import dev.gridservices.programs.repository.ProgramRepository;
import dev.gridservices.kit.paging.Page;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.text.Normalizer;
import java.time.OffsetDateTime;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Program instances and their lifecycle: only an active program that has not ended accepts new
 * instances; active and inactive switch freely; archived is final (read-only, no enrollments).
 */
@ApplicationScoped
public class ProgramInstanceService {

    private static final Logger LOG = Logger.getLogger(ProgramInstanceService.class);

    private final ProgramRepository programs;
    private final ProgramInstanceRepository instances;
    private final ProgramEvents events;
    private final JsonText json;
    private final MeterRegistry registry;

    public ProgramInstanceService(ProgramRepository programs, ProgramInstanceRepository instances,
                                  ProgramEvents events, JsonText json, MeterRegistry registry) {
        this.programs = programs;
        this.instances = instances;
        this.events = events;
        this.json = json;
        this.registry = registry;
    }

    /**
     * Creates an instance of the program {@code programKey} (id or slug) for the caller's organization and
     * workspace. The program row is locked (SELECT … FOR UPDATE) until the instance is written, so a
     * concurrent change of the program's visibility cannot leave an instance of a program its organization
     * may no longer see.
     */
    @WithTransaction
    public Uni<ProgramInstance> create(Caller caller, String programKey, InstanceDraft draft) {
        return programs.findVisible(programKey, caller.audience(), true)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Program", programKey))
                .flatMap(program -> {
                    OffsetDateTime now = ProgramService.now();
                    if (!program.active) {
                        throw ProblemException.conflict("Program " + program.slug
                                + " is inactive and accepts no new instances");
                    }
                    if (program.endTime != null && !program.endTime.isAfter(now)) {
                        throw ProblemException.conflict("Program " + program.slug + " ended at " + program.endTime
                                + " and accepts no new instances");
                    }
                    if (draft.status() == InstanceStatus.ARCHIVED) {
                        throw ProblemException.invalid("status", "a new instance is active or inactive, not archived");
                    }
                    ProgramInstance instance = new ProgramInstance();
                    instance.id = Ids.newId();
                    instance.program = program;
                    instance.organizationId = caller.organizationId();
                    instance.workspaceId = caller.workspaceId();
                    instance.slug = draft.slug() != null ? draft.slug() : slugFor(draft.title(), instance.id);
                    instance.status = (draft.status() == null ? InstanceStatus.ACTIVE : draft.status()).value();
                    instance.createdAt = now;
                    apply(instance, draft, now);
                    return instances.persist(instance)
                            .call(instances::flush)
                            .onFailure(DatabaseViolation::isUniqueViolation).transform(e -> slugTaken(instance.slug))
                            .call(() -> events.instance(ProgramEvents.INSTANCE_CREATED, instance))
                            .invoke(() -> {
                                registry.counter("program.instances.written", "operation", "create").increment();
                                LOG.infof("Created program instance %s of program %s for organization %s",
                                        instance.id, program.slug, instance.organizationId);
                            })
                            .replaceWith(instance);
                });
    }

    @WithSession
    public Uni<ProgramInstance> get(Caller caller, String id) {
        return instances.findOwned(id, caller.tenant())
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Program instance", id));
    }

    /** An instance addressed under its program's slug: a mismatching slug is as unknown as a wrong id. */
    @WithSession
    public Uni<ProgramInstance> getUnderProgram(Caller caller, String programKey, String id) {
        return instances.findOwned(id, caller.tenant()).map(instance -> {
            if (instance == null
                    || !instance.program.slug.equals(programKey) && !instance.program.id.equals(programKey)) {
                throw ProblemException.notFound("Program instance", id);
            }
            return instance;
        });
    }

    @WithSession
    public Uni<Page<ProgramInstance>> list(InstanceFilter filter, PageRequest page) {
        return instances.list(filter, page);
    }

    /** Lists a program's instances; the program must be visible to the caller (else 404). */
    @WithSession
    public Uni<Page<ProgramInstance>> listOfProgram(Caller caller, String programKey, PageRequest page) {
        return programs.findVisible(programKey, caller.audience(), false)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Program", programKey))
                .flatMap(program -> instances.list(new InstanceFilter(caller.tenant(), null, program.id,
                        null, null), page));
    }

    /**
     * Applies a PATCH. {@code expectedVersion} (If-Match) refuses a change based on a stale read; without it,
     * a concurrent update that committed between this one's read and write still makes this one fail (409,
     * optimistic lock) instead of silently overwriting it.
     */
    @WithTransaction
    public Uni<ProgramInstance> update(Caller caller, String id, InstanceDraft patch, Long expectedVersion) {
        return instances.findOwned(id, caller.tenant())
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Program instance", id))
                .flatMap(instance -> {
                    ProgramService.checkVersion("Program instance", id, instance.version, expectedVersion);
                    if (InstanceStatus.ARCHIVED.value().equals(instance.status)) {
                        throw ProblemException.conflict("Program instance " + id + " is archived and read-only");
                    }
                    OffsetDateTime start = patch.startDate() != null ? patch.startDate() : instance.startDate;
                    OffsetDateTime end = patch.endDate() != null ? patch.endDate() : instance.endDate;
                    if (start != null && end != null && !end.isAfter(start)) {
                        throw ProblemException.invalid("endDate", "must be after startDate (" + start + ")");
                    }
                    String previousStatus = instance.status;
                    if (patch.slug() != null) {
                        instance.slug = patch.slug();
                    }
                    if (patch.status() != null) {
                        instance.status = patch.status().value();
                    }
                    apply(instance, patch, ProgramService.now());
                    return instances.flush()
                            .onFailure(DatabaseViolation::isUniqueViolation).transform(e -> slugTaken(instance.slug))
                            .onFailure(StaleWrites::isStale).transform(e -> ProgramService.stale("Program instance", id))
                            .call(() -> events.instance(ProgramEvents.INSTANCE_UPDATED, instance))
                            .invoke(() -> {
                                registry.counter("program.instances.written", "operation", "update").increment();
                                LOG.infof("Updated program instance %s (status %s -> %s)", id, previousStatus,
                                        instance.status);
                            })
                            .replaceWith(instance);
                });
    }

    @WithTransaction
    public Uni<Void> delete(Caller caller, String id) {
        return instances.findOwned(id, caller.tenant())
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Program instance", id))
                .call(instance -> instances.delete(instance).call(instances::flush)
                        .call(() -> events.instance(ProgramEvents.INSTANCE_DELETED, instance)))
                .invoke(() -> {
                    registry.counter("program.instances.written", "operation", "delete").increment();
                    LOG.infof("Deleted program instance %s", id);
                })
                .replaceWithVoid();
    }

    /** Copies the given (non-null) fields; the merged dates are checked by the caller. */
    private void apply(ProgramInstance instance, InstanceDraft draft, OffsetDateTime now) {
        if (draft.title() != null) {
            instance.title = draft.title();
        }
        if (draft.description() != null) {
            instance.description = draft.description();
        }
        if (draft.eligibilityCriteria() != null) {
            instance.eligibilityCriteria = json.write(draft.eligibilityCriteria());
        }
        if (draft.programTerms() != null) {
            instance.programTerms = draft.programTerms();
        }
        if (draft.formConfig() != null) {
            instance.formConfig = json.write(draft.formConfig());
        }
        if (draft.logoUrl() != null) {
            instance.logoUrl = draft.logoUrl();
        }
        if (draft.startDate() != null) {
            instance.startDate = draft.startDate();
        }
        if (draft.endDate() != null) {
            instance.endDate = draft.endDate();
        }
        if (draft.metadata() != null) {
            instance.metadata = json.write(draft.metadata());
        }
        instance.updatedAt = now;
    }

    /** A readable, unique-enough slug when the client gave none: the title's words plus the id's tail. */
    static String slugFor(String title, String id) {
        String base = Normalizer.normalize(title, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (base.length() > 100) {
            base = base.substring(0, 100).replaceAll("-+$", "");
        }
        String tail = id.substring(id.length() - 8);
        return base.isEmpty() ? tail : base + "-" + tail;
    }

    private static ProblemException slugTaken(String slug) {
        return ProblemException.conflict("A program instance with slug '" + slug
                + "' already exists in this organization");
    }
}
