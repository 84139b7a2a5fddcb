package dev.gridservices.enrollment.service;

import dev.gridservices.enrollment.mapping.DeviceEventRequest;
import dev.gridservices.enrollment.mapping.DeviceEventResult;
import dev.gridservices.enrollment.repository.DeviceChangeEvent;
import dev.gridservices.enrollment.repository.Enrollment;
import dev.gridservices.enrollment.repository.ResourceView;
import dev.gridservices.enrollment.repository.SiteView;
import dev.gridservices.enrollment.repository.Transition;
import dev.gridservices.kit.json.JsonText;
import dev.gridservices.kit.persistence.DatabaseViolation;
import dev.gridservices.kit.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Revocation and change events (direct-api-v2 §10.6), from the OEM's API calls and from devices.changed.
 * Each applies to every live enrollment of the device, so a revocation by any path revokes fully (§10.7).
 * Ordering: an enrollment remembers the occurrence time of the newest change applied to it; an older event
 * is recorded but changes nothing. Idempotency: the OEM's event id is a primary key; a replay returns what
 * the first delivery did.
 */
@ApplicationScoped
public class DeviceEventService {

    public static final Set<String> TYPES = Set.of("consent_revoked", "decommissioned", "relocated",
            "ownership_transferred", "connectivity_lost");

    static final String APPLIED = "applied";
    static final String STALE = "stale";
    static final String UNCHANGED = "unchanged";

    private final Lifecycle lifecycle;
    private final DirectEnrollmentService direct;
    private final JsonText json;
    private final MeterRegistry registry;

    public DeviceEventService(Lifecycle lifecycle, DirectEnrollmentService direct, JsonText json,
                              MeterRegistry registry) {
        this.lifecycle = lifecycle;
        this.direct = direct;
        this.json = json;
        this.registry = registry;
    }

    public static void validate(DeviceEventRequest in, OffsetDateTime now) {
        required("eventId", in.eventId());
        required("type", in.type());
        if (!TYPES.contains(in.type())) {
            throw ProblemException.invalid("type", "must be one of " + TYPES.stream().sorted().toList());
        }
        required("resourceID", in.resourceID());
        if (in.eventId().length() > 128) {
            throw ProblemException.invalid("eventId", "at most 128 characters");
        }
        if (in.occurredAt() == null) {
            throw ProblemException.invalid("occurredAt", "is required");
        }
        if (in.occurredAt().isAfter(now.plusMinutes(5))) {
            throw ProblemException.invalid("occurredAt", "must not be in the future");
        }
        switch (in.type()) {
            case "consent_revoked" -> required("source", in.source());
            case "decommissioned" -> required("reason", in.reason());
            case "relocated" -> required("newSiteID", in.newSiteID());
            case "ownership_transferred" -> {
                required("previousOwner", in.previousOwner());
                required("newOwner", in.newOwner());
            }
            default -> {
                if (in.lastSeenAt() == null) {
                    throw ProblemException.invalid("lastSeenAt", "is required");
                }
            }
        }
    }

    public Uni<DeviceEventResult> receive(DirectEnrollmentService.Oem oem, DeviceEventRequest in) {
        validate(in, lifecycle.now());
        OffsetDateTime received = lifecycle.now();
        return Panache.withTransaction(() -> DeviceChangeEvent.<DeviceChangeEvent>findById(
                        new DeviceChangeEvent.Key(oem.organizationId(), in.eventId()))
                .flatMap(seen -> seen != null ? replay(oem, seen) : apply(oem, in, received)))
                .onFailure(DatabaseViolation::isUniqueViolation).recoverWithUni(() -> Panache.withSession(() ->
                        DeviceChangeEvent.<DeviceChangeEvent>findById(
                                new DeviceChangeEvent.Key(oem.organizationId(), in.eventId()))
                                .flatMap(seen -> replay(oem, seen))));
    }

    private Uni<DeviceEventResult> replay(DirectEnrollmentService.Oem oem, DeviceChangeEvent seen) {
        return liveAndEnded(oem, seen.deviceId).map(list -> new DeviceEventResult(seen.eventId, seen.type,
                seen.deviceId, seen.outcome, true, states(list)));
    }

    private Uni<DeviceEventResult> apply(DirectEnrollmentService.Oem oem, DeviceEventRequest in,
                                         OffsetDateTime received) {
        Uni<SiteView> newSite = "relocated".equals(in.type()) ? direct.site(oem, in.newSiteID(), "newSiteID")
                : Uni.createFrom().nullItem();
        return newSite.flatMap(site -> ResourceView.<ResourceView>findById(in.resourceID()).flatMap(resource ->
                liveAndEnded(oem, in.resourceID()).flatMap(all -> {
                    if (all.isEmpty() && (resource == null || !oem.organizationId().equals(resource.organizationId))) {
                        throw ProblemException.notFound("Resource", in.resourceID());
                    }
                    boolean online = resource != null && "online".equals(resource.connectivity);
                    List<Enrollment> live = all.stream().filter(e -> e.endedAt == null).toList();
                    // One session: the changes run one after another, never concurrently.
                    Uni<List<String>> applied = Uni.createFrom().<List<String>>item(new ArrayList<>());
                    for (Enrollment e : live) {
                        applied = applied.flatMap(acc -> applyTo(e, in.type(), in, site, online, oem.actor(),
                                in.occurredAt()).map(b -> {
                                    acc.add(b);
                                    return acc;
                                }));
                    }
                    return applied.flatMap(results -> {
                        String outcome = live.isEmpty() ? "no_enrollment"
                                : results.contains(APPLIED) ? APPLIED : results.contains(UNCHANGED) ? UNCHANGED
                                : STALE;
                        DeviceChangeEvent record = new DeviceChangeEvent();
                        record.organizationId = oem.organizationId();
                        record.eventId = in.eventId();
                        record.type = in.type();
                        record.deviceId = in.resourceID();
                        record.occurredAt = in.occurredAt();
                        record.receivedAt = received;
                        record.outcome = outcome;
                        record.body = json.write(in);
                        registry.counter("enrollment.device.events", "type", in.type(), "outcome", outcome)
                                .increment();
                        return record.persist().map(x -> new DeviceEventResult(in.eventId(), in.type(),
                                in.resourceID(), outcome, false, states(all)));
                    });
                })));
    }

    /**
     * Applies one change to one live enrollment unless a newer change was applied already. Returns
     * {@code applied}, {@code stale} (a newer change was applied before) or {@code unchanged} (nothing to do in
     * the enrollment's state, e.g. connectivity lost before the device became active).
     */
    public Uni<String> applyTo(Enrollment e, String type, DeviceEventRequest in, SiteView newSite, boolean online,
                                String actor, OffsetDateTime occurredAt) {
        if (e.lastChangeAt != null && occurredAt.isBefore(e.lastChangeAt)) {
            return Uni.createFrom().item(STALE);
        }
        OffsetDateTime previousChange = e.lastChangeAt;
        e.lastChangeAt = occurredAt;
        DeviceState state = DeviceState.ofWire(e.state);
        List<Transition> steps = new ArrayList<>();
        Uni<Integer> consent = Uni.createFrom().item(0);
        switch (type) {
            case "consent_revoked" -> {
                steps.add(lifecycle.move(e, DeviceState.OPTED_OUT, type, actor,
                        "consent revoked (" + in.source() + ")", occurredAt));
                consent = Panache.getSession().flatMap(s -> s.createMutationQuery("update ConsentRecord c set "
                                + "c.revokedAt = :at, c.revocationSource = :source where c.enrollmentId = :id "
                                + "and c.revokedAt is null")
                        .setParameter("at", occurredAt).setParameter("source", in.source())
                        .setParameter("id", e.id).executeUpdate());
                recordRevocationLatency(occurredAt);
            }
            case "decommissioned" -> {
                steps.add(lifecycle.move(e, DeviceState.REVOKED, type, actor, "decommissioned: " + in.reason(),
                        occurredAt));
                recordRevocationLatency(occurredAt);
            }
            case "ownership_transferred" -> {
                steps.add(lifecycle.move(e, DeviceState.REVOKED, type, actor, "ownership transferred from "
                        + in.previousOwner() + " to " + in.newOwner(), occurredAt));
                recordRevocationLatency(occurredAt);
            }
            case "resource_deleted" -> steps.add(lifecycle.move(e, DeviceState.REVOKED, type, actor,
                    "the device was deleted", occurredAt));
            case "relocated" -> {
                e.siteId = newSite.id;
                steps.addAll(direct.rematch(e, newSite, online, "relocated", actor, occurredAt));
            }
            case "connectivity_lost" -> {
                if (state == DeviceState.ACTIVE) {
                    steps.add(lifecycle.move(e, DeviceState.SUSPENDED, type, actor, "device offline since "
                            + (in == null || in.lastSeenAt() == null ? occurredAt : in.lastSeenAt()), occurredAt));
                }
            }
            case "connectivity_restored" -> {
                if (state == DeviceState.SUSPENDED || state == DeviceState.ENROLLED) {
                    steps.add(lifecycle.move(e, DeviceState.ACTIVE, type, actor, "device is online", occurredAt));
                }
            }
            case "territory_changed" -> steps.addAll(direct.rematch(e, newSite, online, "territory_rematched",
                    actor, occurredAt));
            default -> throw new IllegalArgumentException("unknown change " + type);
        }
        if (steps.isEmpty() && !"relocated".equals(type)) {
            e.lastChangeAt = previousChange;
            return Uni.createFrom().item(UNCHANGED);
        }
        return consent.flatMap(x -> lifecycle.commit(e, false, type, actor, steps)).replaceWith(APPLIED);
    }

    private void recordRevocationLatency(OffsetDateTime occurredAt) {
        Duration latency = Duration.between(occurredAt, lifecycle.now());
        Timer.builder("enrollment.revocation.latency")
                .description("From the revocation's occurrence (client timestamp) to its commit")
                .publishPercentileHistogram()
                .register(registry)
                .record(latency.isNegative() ? Duration.ZERO : latency);
    }

    private Uni<List<Enrollment>> liveAndEnded(DirectEnrollmentService.Oem oem, String deviceId) {
        return Enrollment.<Enrollment>find("deviceId = ?1 and oemOrganizationId = ?2 and kind = 'direct' "
                + "order by createdAt, id", deviceId, oem.organizationId()).list()
                .map(list -> oem.venId() == null ? list
                        : list.stream().filter(e -> oem.venId().equals(e.venId)).toList());
    }

    private static List<DeviceEventResult.EnrollmentState> states(List<Enrollment> list) {
        return list.stream().map(e -> new DeviceEventResult.EnrollmentState(e.id, e.openadrProgramId, e.state))
                .toList();
    }

    private static void required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalid(field, "is required");
        }
    }
}
