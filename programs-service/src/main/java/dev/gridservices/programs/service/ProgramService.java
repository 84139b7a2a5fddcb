package dev.gridservices.programs.service;

import dev.gridservices.kit.json.JsonText;
import dev.gridservices.kit.paging.PageRequest;
import dev.gridservices.kit.persistence.DatabaseViolation;
import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.kit.problem.ProblemType;
import dev.gridservices.programs.messaging.OfferEvents;
import dev.gridservices.programs.messaging.ProgramEvents;
import dev.gridservices.programs.repository.Program;
import dev.gridservices.programs.repository.ProgramInstance;
import dev.gridservices.programs.repository.ProgramInstanceRepository;
import dev.gridservices.programs.repository.ProgramOffer;
import dev.gridservices.programs.repository.ProgramOfferRepository;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/** Programs: the catalog both APIs read and the utility side writes. */
@ApplicationScoped
public class ProgramService {

    /** Owner of the platform's own programs (the public catalog, CommonGrid's seed): no tenant is it. */
    public static final String PLATFORM = "platform";

    private static final Logger LOG = Logger.getLogger(ProgramService.class);

    private final ProgramRepository programs;
    private final ProgramInstanceRepository instances;
    private final ProgramOfferRepository offers;
    private final ProgramEvents events;
    private final OfferEvents offerEvents;
    private final JsonText json;
    private final MeterRegistry registry;

    public ProgramService(ProgramRepository programs, ProgramInstanceRepository instances,
                          ProgramOfferRepository offers, ProgramEvents events, OfferEvents offerEvents,
                          JsonText json, MeterRegistry registry) {
        this.programs = programs;
        this.instances = instances;
        this.offers = offers;
        this.events = events;
        this.offerEvents = offerEvents;
        this.json = json;
        this.registry = registry;
    }

    /**
     * Creates a program. Publishing (a public program) is the platform admin's alone; a utility creates
     * private programs for itself. The platform admin may create a program for an organization
     * ({@code requestedOwner}), otherwise its public programs belong to the platform.
     */
    @WithTransaction
    public Uni<Program> create(Caller caller, ProgramDraft draft, String requestedOwner) {
        boolean isPublic = draft.visibility() == Visibility.PUBLIC;
        if (isPublic && !caller.platformAdmin()) {
            throw notPublisher();
        }
        String owner;
        if (caller.platformAdmin()) {
            if (requestedOwner == null && !isPublic) {
                throw ProblemException.invalid("organizationId", "is required for a private program the platform "
                        + "admin creates (the organization it is for)");
            }
            owner = requestedOwner == null ? PLATFORM : requestedOwner;
        } else {
            if (requestedOwner != null && !requestedOwner.equals(caller.organizationId())) {
                throw ProblemException.invalid("organizationId",
                        "a program can only be created for the caller's own organization");
            }
            owner = caller.organizationId();
        }
        Program program = new Program();
        program.id = Ids.newId();
        program.organizationId = owner;
        program.workspaceId = caller.workspaceId();
        program.createdAt = now();
        apply(program, draft);
        return claimSlug(draft.slug(), owner, isPublic, null)
                .call(() -> programs.persist(program))
                .call(programs::flush)
                .onFailure(DatabaseViolation::isUniqueViolation).transform(e -> slugTaken(draft.slug()))
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

    /**
     * Replaces a program's definition (OpenADR PUT); its instances are re-announced with the new facts. The
     * row is locked for the transaction, so a visibility change and a concurrent new instance cannot cross;
     * {@code expectedVersion} (If-Match) refuses a replacement based on a stale read.
     */
    @WithTransaction
    public Uni<Program> replace(Caller caller, String id, ProgramDraft draft, Long expectedVersion) {
        return forWrite(caller, id).call(program -> {
            checkVersion("Program", id, program.version, expectedVersion);
            boolean becomesPublic = draft.visibility() == Visibility.PUBLIC && !program.isPublic();
            if (becomesPublic && !caller.platformAdmin()) {
                throw notPublisher();
            }
            boolean recheckSlug = !draft.slug().equals(program.slug) || becomesPublic;
            return keepsItsAudience(program, draft)
                    .call(() -> recheckSlug ? claimSlug(draft.slug(), program.organizationId,
                            draft.visibility() == Visibility.PUBLIC, program.id) : Uni.createFrom().voidItem());
        }).flatMap(program -> {
            apply(program, draft);
            return programs.flush()
                    .onFailure(DatabaseViolation::isUniqueViolation).transform(e -> slugTaken(draft.slug()))
                    .onFailure(StaleWrites::isStale).transform(e -> stale("Program", id))
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
        return forWrite(caller, id).flatMap(program -> programs.countInstances(program.id).flatMap(count -> {
            if (count > 0) {
                return Uni.createFrom().failure(instancesExist(program));
            }
            return programs.delete(program)
                    .call(programs::flush)
                    .onFailure(DatabaseViolation::isForeignKeyViolation).transform(e -> instancesExist(program))
                    .call(() -> events.program(ProgramEvents.PROGRAM_DELETED, program))
                    .invoke(() -> {
                        registry.counter("programs.written", "operation", "delete").increment();
                        LOG.infof("Deleted program %s (%s)", program.id, program.slug);
                    })
                    .replaceWith(program);
        }));
    }

    /** What changed by an offer request: whether anything was added, and the program's offers after it. */
    public record Offers(Program program, boolean added, List<ProgramOffer> offers) {
    }

    /**
     * Offers the caller's program to OEM organizations (named ones, or every OEM organization): their callers
     * and VENs then see it. Offering again what is already offered changes nothing. The program row is locked,
     * so offers and a visibility change or a new instance cannot cross; the offers go out on programs.changed.
     */
    @WithTransaction
    public Uni<Offers> offer(Caller caller, String key, boolean allOems, List<String> organizationIds) {
        return ownedForOffers(caller, key, true).flatMap(program -> {
            if (organizationIds.contains(program.organizationId)) {
                throw ProblemException.invalid("organizationIds", "a program is not offered to its own organization");
            }
            return offers.ofProgram(program.id).flatMap(existing -> {
                Set<String> present = new HashSet<>();
                boolean allPresent = false;
                for (ProgramOffer o : existing) {
                    if (o.toAllOems()) {
                        allPresent = true;
                    } else {
                        present.add(o.organizationId);
                    }
                }
                List<ProgramOffer> fresh = new ArrayList<>();
                if (allOems && !allPresent) {
                    fresh.add(newOffer(program, null));
                }
                for (String org : new LinkedHashSet<>(organizationIds)) {
                    if (!present.contains(org)) {
                        fresh.add(newOffer(program, org));
                    }
                }
                if (fresh.isEmpty()) {
                    return Uni.createFrom().item(new Offers(program, false, existing));
                }
                return Multi.createFrom().iterable(fresh)
                        .onItem().transformToUniAndConcatenate(offers::persist)
                        .collect().asList()
                        .call(offers::flush)
                        .flatMap(ignored -> offers.ofProgram(program.id))
                        .call(all -> offerEvents.offers(program, all))
                        .invoke(all -> {
                            registry.counter("program.offers.written", "operation", "create").increment(fresh.size());
                            LOG.infof("Offered program %s to %s", program.id, fresh.stream()
                                    .map(o -> o.toAllOems() ? "every OEM organization" : o.organizationId).toList());
                        })
                        .map(all -> new Offers(program, true, all));
            });
        });
    }

    /** The offers of the caller's program (only its owner and the platform admin see them). */
    @WithSession
    public Uni<Offers> offers(Caller caller, String key) {
        return ownedForOffers(caller, key, false).flatMap(program -> offers.ofProgram(program.id)
                .map(all -> new Offers(program, false, all)));
    }

    /** Withdraws one offer ({@code organizationId} null: the offer to every OEM organization); 404 if none. */
    @WithTransaction
    public Uni<Void> withdraw(Caller caller, String key, String organizationId) {
        return ownedForOffers(caller, key, true).flatMap(program -> offers.withdraw(program.id, organizationId)
                .flatMap(removed -> {
                    if (removed == 0) {
                        return Uni.createFrom().failure(ProblemException.notFound("Offer of program " + program.id
                                + " to", organizationId == null ? "every OEM organization" : organizationId));
                    }
                    return offers.ofProgram(program.id).call(all -> offerEvents.offers(program, all))
                            .invoke(() -> {
                                registry.counter("program.offers.written", "operation", "delete").increment();
                                LOG.infof("Withdrew the offer of program %s to %s", program.id,
                                        organizationId == null ? "every OEM organization" : organizationId);
                            })
                            .replaceWithVoid();
                }));
    }

    /** The program a /v1 path names (id or slug) as the caller sees it, else 404. */
    @WithSession
    public Uni<Program> get(Caller caller, String key) {
        return programs.findVisible(key, caller.audience(), false)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Program", key));
    }

    @WithSession
    public Uni<Program> getById(Caller caller, String id) {
        return programs.findVisibleById(id, caller.audience(), false)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Program", id));
    }

    @WithSession
    public Uni<Page<Program>> catalog(CatalogFilter filter, PageRequest page) {
        return programs.catalog(filter, page);
    }

    @WithSession
    public Uni<List<Program>> search(Caller caller, List<String> targets, int skip, int limit) {
        return programs.search(caller.audience(), targets, skip, limit);
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

    /**
     * The program, locked, if the caller may change it: the platform admin any, a utility its own (a
     * workspace-bound credential: its workspace's). A program the caller may see but not change is 403, else 404.
     */
    private Uni<Program> forWrite(Caller caller, String id) {
        return programs.findVisibleById(id, caller.audience(), true).map(program -> {
            if (program == null) {
                throw ProblemException.notFound("Program", id);
            }
            requireWritable(caller, program);
            return program;
        });
    }

    private Uni<Program> ownedForOffers(Caller caller, String key, boolean lock) {
        return programs.findVisible(key, caller.audience(), lock).map(program -> {
            if (program == null) {
                throw ProblemException.notFound("Program", key);
            }
            requireWritable(caller, program);
            return program;
        });
    }

    static boolean writable(Caller caller, Program program) {
        return caller.platformAdmin()
                || caller.isUtility() && caller.tenant().owns(program.organizationId, program.workspaceId);
    }

    private static void requireWritable(Caller caller, Program program) {
        if (!writable(caller, program)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Program " + program.id + " belongs to another "
                    + "organization or workspace; only its owner (or the platform admin) may change it");
        }
    }

    /**
     * Takes the slug for a program of {@code owner} (advisory lock, then the check): 409 if it clashes with
     * a program the owner could see anyway (its own or a public one) or, for a public program, with any.
     */
    private Uni<Void> claimSlug(String slug, String owner, boolean forPublic, String exceptId) {
        return programs.lockSlug(slug)
                .flatMap(locked -> programs.slugTaken(slug, owner, forPublic, exceptId))
                .map(taken -> {
                    if (taken) {
                        throw slugTaken(slug);
                    }
                    return null;
                });
    }

    private static ProgramOffer newOffer(Program program, String organizationId) {
        ProgramOffer offer = new ProgramOffer();
        offer.id = Ids.newId();
        offer.programId = program.id;
        offer.organizationId = organizationId;
        offer.createdAt = now();
        return offer;
    }

    /** 409 unless the write was based on the current version (If-Match); null expects nothing. */
    static void checkVersion(String what, String id, long current, Long expected) {
        if (expected != null && expected != current) {
            throw stale(what, id);
        }
    }

    static ProblemException stale(String what, String id) {
        return ProblemException.conflict(what + " " + id + " was changed by another request; read it again "
                + "(its ETag) and retry");
    }

    private static ProblemException notPublisher() {
        return new ProblemException(ProblemType.FORBIDDEN,
                "Only the platform admin publishes public programs; a utility's programs are private and reach "
                        + "OEM organizations through offers (POST /v1/programs/{programSlug}/offers)");
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
        return ProblemException.conflict("The slug (programName) '" + slug + "' is taken by one of this "
                + "organization's programs or by a public program");
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
