package dev.gridservices.device.service;

import dev.gridservices.device.messaging.DeviceEvents;
import dev.gridservices.device.repository.CustomerRepository;
import dev.gridservices.device.repository.ProgramViewRepository;
import dev.gridservices.device.repository.Scope;
import dev.gridservices.device.repository.Site;
import dev.gridservices.device.repository.SiteRepository;
import dev.gridservices.device.territory.MatchOutcome;
import dev.gridservices.device.territory.Territory;
import dev.gridservices.device.territory.TerritoryMatch;
import dev.gridservices.device.territory.TerritoryMatcher;
import dev.gridservices.kit.json.JsonText;
import dev.gridservices.kit.paging.Page;
import dev.gridservices.kit.paging.PageRequest;
import dev.gridservices.kit.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * Sites: installation addresses, geocoded and matched to a utility territory whenever the address is set.
 * The outcome (§10.3) and program eligibility are stored with the site: they describe the address at the
 * time it was given; enrollment re-checks eligibility against the programs of its own day.
 */
@ApplicationScoped
public class SiteService {

    private static final Logger LOG = Logger.getLogger(SiteService.class);

    private final SiteRepository sites;
    private final CustomerRepository customers;
    private final ProgramViewRepository programs;
    private final TerritoryMatcher matcher;
    private final DeviceEvents events;
    private final JsonText json;
    private final MeterRegistry registry;
    private final Clock clock;

    public SiteService(SiteRepository sites, CustomerRepository customers, ProgramViewRepository programs,
                       TerritoryMatcher matcher, DeviceEvents events, JsonText json, MeterRegistry registry,
                       Clock clock) {
        this.sites = sites;
        this.customers = customers;
        this.programs = programs;
        this.matcher = matcher;
        this.events = events;
        this.json = json;
        this.registry = registry;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Site> create(Actor actor, SiteDraft draft) {
        Site site = new Site();
        site.id = Ids.site();
        site.organizationId = actor.organizationId();
        site.workspaceId = actor.workspaceId();
        site.venId = actor.venId();
        site.createdAt = Times.now(clock);
        return customerExists(actor, draft.customerId())
                .call(() -> locate(site, draft))
                .call(() -> sites.persist(site))
                .call(sites::flush)
                .call(() -> events.site(DeviceEvents.SITE_CREATED, site))
                .invoke(() -> {
                    registry.counter("sites.written", "operation", "create", "outcome", site.territoryOutcome)
                            .increment();
                    LOG.infof("Created site %s (organization %s): %s %s", site.id, site.organizationId,
                            site.territoryOutcome, site.utilityName == null ? "" : site.utilityName);
                })
                .replaceWith(site);
    }

    /** Changes a site: {@code change} turns the current definition into the new one (PUT replaces, PATCH merges). */
    @WithTransaction
    public Uni<Site> update(Actor actor, String id, UnaryOperator<SiteDraft> change) {
        return visible(actor.scope(), id).flatMap(site -> {
            SiteDraft before = draftOf(site);
            SiteDraft after = change.apply(before);
            return customerExists(actor, after.customerId())
                    .call(() -> after.sameLocation(before) ? keep(site, after) : locate(site, after))
                    .call(sites::flush)
                    .call(() -> events.site(DeviceEvents.SITE_UPDATED, site))
                    .invoke(() -> registry.counter("sites.written", "operation", "update", "outcome",
                            site.territoryOutcome).increment())
                    .replaceWith(site);
        });
    }

    /** Deletes a site no device is linked to; with devices it answers 409 (the FK settles races). */
    @WithTransaction
    public Uni<Site> delete(Actor actor, String id) {
        return visible(actor.scope(), id).flatMap(site -> sites.countDevices(site.id).flatMap(count -> {
            if (count > 0) {
                return Uni.createFrom().failure(hasDevices(site));
            }
            return sites.delete(site).call(sites::flush)
                    .onFailure(Constraints::isForeignKeyViolation).transform(e -> hasDevices(site))
                    .call(() -> events.site(DeviceEvents.SITE_DELETED, site))
                    .invoke(() -> registry.counter("sites.written", "operation", "delete", "outcome",
                            site.territoryOutcome).increment())
                    .replaceWith(site);
        }));
    }

    @WithSession
    public Uni<Site> get(Actor actor, String id) {
        return visible(actor.scope(), id);
    }

    @WithSession
    public Uni<List<Site>> window(Actor actor, int skip, int limit) {
        return sites.window(actor.scope(), skip, limit);
    }

    @WithSession
    public Uni<Page<Site>> page(Actor actor, String referenceId, PageRequest page) {
        return sites.page(actor.scope(), referenceId, null, page);
    }

    @WithSession
    public Uni<Page<Site>> ofCustomer(Actor actor, String customerId, PageRequest page) {
        return customers.findVisible(customerId, actor.organizationId())
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Customer", customerId))
                .flatMap(c -> sites.page(actor.scope(), null, customerId, page));
    }

    /** A site the caller may use (its organization's; a VEN-bound caller's own VEN's), else 404. */
    Uni<Site> visible(Scope scope, String id) {
        return sites.findVisible(id, scope).onItem().ifNull().failWith(() -> ProblemException.notFound("Site", id));
    }

    private Uni<Void> customerExists(Actor actor, String customerId) {
        if (customerId == null) {
            return Uni.createFrom().voidItem();
        }
        return customers.findVisible(customerId, actor.organizationId())
                .onItem().ifNull().failWith(() -> ProblemException.invalid("customerId", "no such customer"))
                .replaceWithVoid();
    }

    private Uni<Void> keep(Site site, SiteDraft draft) {
        applyFields(site, draft);
        return Uni.createFrom().voidItem();
    }

    /** Sets the address, geocodes and matches it, and decides the outcome with the programs known now. */
    private Uni<Void> locate(Site site, SiteDraft draft) {
        applyFields(site, draft);
        Timer.Sample sample = Timer.start(registry);
        TerritoryMatch match = matcher.match(draft.state(), draft.zip5(), draft.latitude(), draft.longitude());
        sample.stop(registry.timer("territory.match"));
        Uni<Boolean> available = match.utility() == null ? Uni.createFrom().item(false)
                : programs.anyActiveCovering(draft.state(), site.organizationId, Times.now(clock));
        return available.invoke(programAvailable -> {
            MatchOutcome outcome = match.outcome(programAvailable);
            site.latitude = match.latitude();
            site.longitude = match.longitude();
            site.locationSource = match.locationSource();
            site.timezone = match.timezone();
            site.territoryOutcome = outcome.wire();
            Territory utility = match.utility();
            site.utilityId = utility == null ? null : utility.id();
            site.utilityEiaId = utility == null ? null : utility.eiaId();
            site.utilityName = utility == null ? null : utility.name();
            site.utilitySlug = utility == null ? null : utility.slug();
            site.candidateUtilities = json.write(match.candidates().stream()
                    .map(t -> Map.of("id", t.id(), "eiaId", t.eiaId() == null ? "" : t.eiaId(), "name", t.name()))
                    .toList());
            site.ccaName = match.cca() == null ? null : match.cca().name();
            site.iso = match.iso() == null ? null : match.iso().slug();
            site.programEligible = outcome == MatchOutcome.MATCHED;
        }).replaceWithVoid();
    }

    private void applyFields(Site site, SiteDraft d) {
        site.name = d.name();
        site.streetOne = d.streetOne();
        site.streetTwo = d.streetTwo();
        site.city = d.city();
        site.state = d.state();
        site.postalCode = d.postalCode();
        site.country = d.country();
        site.utilityAccountNumber = d.utilityAccountNumber();
        site.referenceId = d.referenceId();
        site.customerId = d.customerId();
        site.updatedAt = Times.now(clock);
    }

    /** The current definition; the point counts as the caller's only if the caller gave it. */
    static SiteDraft draftOf(Site s) {
        boolean own = TerritoryMatch.FROM_CALLER.equals(s.locationSource);
        return new SiteDraft(s.name, s.streetOne, s.streetTwo, s.city, s.state, s.postalCode, s.country,
                s.utilityAccountNumber, s.referenceId, s.customerId, own ? s.latitude : null, own ? s.longitude : null);
    }

    private static ProblemException hasDevices(Site site) {
        return ProblemException.conflict("Site " + site.id + " still has devices; move or delete them first");
    }
}
