package dev.gridservices.programs.service;

import dev.gridservices.kit.paging.PageRequest;
import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.kit.problem.ProblemType;
import dev.gridservices.programs.mapping.JsonText;
import dev.gridservices.programs.messaging.ProgramEvents;
import dev.gridservices.programs.repository.Program;
import dev.gridservices.programs.repository.ProgramInstance;
import dev.gridservices.programs.repository.ProgramInstanceRepository;
import dev.gridservices.programs.repository.ProgramRepository;
import dev.gridservices.programs.repository.ProgramRepository.CatalogFilter;
import dev.gridservices.kit.paging.Page;
import dev.gridservices.programs.repository.Visibility;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/** Programs: the catalog both APIs read and the utility side writes. */
@ApplicationScoped
public class ProgramService {

    private static final Logger LOG = Logger.getLogger(ProgramService.class);

    private final ProgramRepository programs;
    private final ProgramInstanceRepository instances;
    private final ProgramEvents events;
    private final JsonText json;
    private final MeterRegistry registry;

    public ProgramService(ProgramRepository programs, ProgramInstanceRepository instances, ProgramEvents events,
                          JsonText json, MeterRegistry registry) {
        this.programs = programs;
        this.instances = instances;
        this.events = events;
        this.json = json;
        this.registry = registry;
    }

    @WithTransaction
    public Uni<Program> create(Caller caller, ProgramDraft draft) {
        Program program = new Program();
        program.id = Ids.newId();
        program.organizationId = caller.organizationId();
        program.workspaceId = caller.workspaceId();
        program.createdAt = now();
        apply(program, draft);
        return programs.persist(program)
                .call(programs::flush)
                .onFailure(Constraints::isUniqueViolation).transform(e -> slugTaken(draft.slug()))
                .call(() -> events.program(ProgramEvents.PROGRAM_CREATED, program))
                .invoke(() -> {
                    registry.counter("programs.written", "operation", "create").increment();
                    LOG.infof("Created %s program %s (%s) for organization %s", program.visibility, program.id,
                            program.slug, program.organizationId);
                })
                .replaceWith(program);
    }

    /**
     * Inserts catalog programs owned by {@code owner} that are not there yet (same id or slug: skipped)
     * and announces each; returns how many were inserted. A concurrent seeder on another replica makes
     * this transaction fail on the unique keys, and nothing is half-written.
     */
    @WithTransaction
    public Uni<Integer> seed(String owner, List<SeedEntry> entries) {
        List<String> ids = entries.stream().map(SeedEntry::id).toList();
        List<String> slugs = entries.stream().map(e -> e.draft().slug()).toList();
        return programs.list("id in ?1 or slug in ?2", ids, slugs).flatMap(existing -> {
            Set<String> taken = new HashSet<>();
            existing.forEach(p -> {
                taken.add(p.id);
                taken.add(p.slug);
            });
            List<Program> fresh = new ArrayList<>();
            for (SeedEntry entry : entries) {
                if (taken.contains(entry.id()) || taken.contains(entry.draft().slug())) {
                    continue;
                }
                Program program = new Program();
                program.id = entry.id();
                program.organizationId = owner;
                apply(program, entry.draft());
                program.createdAt = entry.createdAt() == null ? now() : entry.createdAt();
                fresh.add(program);
            }
            // One after the other (a reactive session runs one operation at a time), without building a
            // 600-deep chain of Unis.
            return Multi.createFrom().iterable(fresh)
                    .onItem().transformToUniAndConcatenate(program -> programs.persist(program)
                            .call(() -> events.program(ProgramEvents.PROGRAM_CREATED, program)))
                    .collect().asList()
                    .call(programs::flush)
                    .replaceWith(fresh.size());
        });
    }

    /** One program of a catalog seed: a fixed id (stable across environments) and its definition. */
    public record SeedEntry(String id, ProgramDraft draft, OffsetDateTime createdAt) {
    }

    /** Replaces a program's definition (OpenADR PUT); its instances are re-announced with the new facts. */
    @WithTransaction
    public Uni<Program> replace(Caller caller, String id, ProgramDraft draft) {
        return ownedForWrite(caller, id).call(program -> keepsItsAudience(program, draft)).flatMap(program -> {
            apply(program, draft);
            return programs.flush()
                    .onFailure(Constraints::isUniqueViolation).transform(e -> slugTaken(draft.slug()))
                    .call(() -> events.program(ProgramEvents.PROGRAM_UPDATED, program))
                    .call(() -> instances.allOfProgram(program.id).call(this::announce))
                    .invoke(() -> {
                        registry.counter("programs.written", "operation", "replace").increment();
                        LOG.infof("Replaced program %s (%s)", program.id, program.slug);
                    })
                    .replaceWith(program);
        });
    }

    /** Deletes a program that has no instances; with instances it answers 409 (the FK settles races). */
    @WithTransaction
    public Uni<Program> delete(Caller caller, String id) {
        return ownedForWrite(caller, id).flatMap(program -> programs.countInstances(program.id).flatMap(count -> {
            if (count > 0) {
                return Uni.createFrom().failure(instancesExist(program));
            }
            return programs.delete(program)
                    .call(programs::flush)
                    .onFailure(Constraints::isForeignKeyViolation).transform(e -> instancesExist(program))
                    .call(() -> events.program(ProgramEvents.PROGRAM_DELETED, program))
                    .invoke(() -> {
                        registry.counter("programs.written", "operation", "delete").increment();
                        LOG.infof("Deleted program %s (%s)", program.id, program.slug);
                    })
                    .replaceWith(program);
        }));
    }

    @WithSession
    public Uni<Program> getBySlug(Caller caller, String slug) {
        return programs.findVisibleBySlug(slug, caller.organizationId())
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Program", slug));
    }

    @WithSession
    public Uni<Program> getById(Caller caller, String id) {
        return programs.findVisibleById(id, caller.organizationId())
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Program", id));
    }

    @WithSession
    public Uni<Page<Program>> catalog(CatalogFilter filter, PageRequest page) {
        return programs.catalog(filter, page);
    }

    @WithSession
    public Uni<List<Program>> search(Caller caller, List<String> targets, int skip, int limit) {
        return programs.search(caller.organizationId(), targets, skip, limit);
    }

    /**
     * A public program that other organizations have instances of cannot turn private: they would keep
     * instances of a program they may no longer see.
     */
    private Uni<Void> keepsItsAudience(Program program, ProgramDraft draft) {
        if (!program.isPublic() || draft.visibility() == Visibility.PUBLIC) {
            return Uni.createFrom().voidItem();
        }
        return programs.countInstancesOfOthers(program.id, program.organizationId).map(count -> {
            if (count > 0) {
                throw ProblemException.conflict("Program " + program.id + " has instances of other "
                        + "organizations and cannot become private");
            }
            return null;
        });
    }

    /** One event per instance, one after the other: a reactive session runs one operation at a time. */
    private Uni<Void> announce(List<ProgramInstance> all) {
        return Multi.createFrom().iterable(all)
                .onItem().transformToUniAndConcatenate(i -> events.instance(ProgramEvents.INSTANCE_UPDATED, i))
                .collect().asList()
                .replaceWithVoid();
    }

    /** The program if the caller owns it; a program the caller may see but not own is 403, else 404. */
    private Uni<Program> ownedForWrite(Caller caller, String id) {
        return programs.findById(id).map(program -> {
            if (program == null || !program.visibleTo(caller.organizationId())) {
                throw ProblemException.notFound("Program", id);
            }
            if (!program.organizationId.equals(caller.organizationId())) {
                throw new ProblemException(ProblemType.FORBIDDEN,
                        "Program " + id + " belongs to another organization; only its owner may change it");
            }
            return program;
        });
    }

    private void apply(Program program, ProgramDraft draft) {
        program.slug = draft.slug();
        program.name = draft.name();
        program.description = draft.description() == null ? "" : draft.description();
        program.states = draft.states().toArray(String[]::new);
        program.active = draft.active();
        program.visibility = draft.visibility().value();
        program.programType = draft.programType() == null ? null : draft.programType().value();
        program.year = draft.year();
        program.startTime = draft.startTime();
        program.endTime = draft.endTime();
        program.intervalDuration = draft.intervalDuration();
        program.randomizeStart = draft.randomizeStart();
        program.descriptionUrls = json.write(draft.descriptionUrls());
        program.payloadDescriptors = json.write(draft.payloadDescriptors());
        program.extraAttributes = json.write(draft.extraAttributes());
        program.targets = draft.targets().toArray(String[]::new);
        program.updatedAt = now();
    }

    private static ProblemException slugTaken(String slug) {
        return ProblemException.conflict("A program with slug (programName) '" + slug + "' already exists");
    }

    /** Says that instances exist, not how many: they may belong to other organizations. */
    private static ProblemException instancesExist(Program program) {
        return ProblemException.conflict("Program " + program.id + " still has instances; it can be "
                + "deactivated (x-texture:ACTIVE false) but not deleted");
    }

    /** Now, at the database's precision (microseconds), so a written object reads back equal. */
    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
