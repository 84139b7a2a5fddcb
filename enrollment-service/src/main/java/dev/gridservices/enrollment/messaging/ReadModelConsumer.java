package dev.gridservices.enrollment.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gridservices.enrollment.repository.Enrollment;
import dev.gridservices.enrollment.repository.InstanceView;
import dev.gridservices.enrollment.repository.ProgramOffer;
import dev.gridservices.enrollment.repository.ProgramView;
import dev.gridservices.enrollment.repository.ResourceView;
import dev.gridservices.enrollment.repository.SiteView;
import dev.gridservices.enrollment.service.DeviceEventService;
import dev.gridservices.kit.json.JsonText;
import dev.gridservices.outbox.EventEnvelope;
import dev.gridservices.outbox.Inbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Keeps the read models this service decides on, from programs.changed and devices.changed: each message is
 * applied once (inbox) in one transaction with its effects, and an older fact never overwrites a newer one
 * ({@code source_at}). Device facts that move enrollments (connectivity, a deleted device, a site's territory
 * match) are applied to the device's live enrollments in the same transaction, with their enrollment.changed.
 */
@ApplicationScoped
public class ReadModelConsumer {

    private static final Logger LOG = Logger.getLogger(ReadModelConsumer.class);
    private static final String ACTOR = "devices.changed";
    private static final String OFFERS_CHANGED = "programOffers.changed";
    private static final String DEVICE_DELETED = "device.deleted";
    private static final String SITE_DELETED = "site.deleted";
    /** Connectivity as kept in resource_view (from the snapshot's connectivityLost flag). */
    private static final String LOST = "lost";
    private static final String ONLINE = "online";

    private final Inbox inbox;
    private final JsonText json;
    private final DeviceEventService deviceEvents;

    public ReadModelConsumer(Inbox inbox, JsonText json, DeviceEventService deviceEvents) {
        this.inbox = inbox;
        this.json = json;
        this.deviceEvents = deviceEvents;
    }

    @Incoming("programs-in")
    public Uni<Void> programs(String record) {
        EventEnvelope envelope = EventEnvelope.parse(json.mapper(), record);
        return Panache.withTransaction(() -> inbox.firstDelivery("enrollment-programs", envelope.id())
                .flatMap(first -> first ? applyProgram(envelope) : Uni.createFrom().voidItem()));
    }

    @Incoming("devices-in")
    public Uni<Void> devices(String record) {
        EventEnvelope envelope = EventEnvelope.parse(json.mapper(), record);
        return Panache.withTransaction(() -> inbox.firstDelivery("enrollment-devices", envelope.id())
                .flatMap(first -> first ? applyDevice(envelope) : Uni.createFrom().voidItem()));
    }

    private Uni<Void> applyProgram(EventEnvelope env) {
        JsonNode p = env.payload();
        OffsetDateTime at = time(p.path("updatedAt"), env);
        String type = env.type();
        if (type.startsWith("programInstance.")) {
            String id = p.path("instanceId").asText();
            return InstanceView.<InstanceView>findById(id).flatMap(view -> {
                if (view != null && view.sourceAt.isAfter(at)) {
                    return Uni.createFrom().voidItem();
                }
                InstanceView v = view == null ? new InstanceView() : view;
                v.instanceId = id;
                v.programId = p.path("programId").asText();
                v.openadrProgramId = text(p, "openadrProgramId");
                v.organizationId = p.path("organizationId").asText(env.tenant());
                v.status = p.path("status").asText("active");
                v.acceptingEnrollments = p.path("acceptingEnrollments").asBoolean(false);
                v.states = json.write(p.path("states").isArray() ? p.get("states") : List.of());
                JsonNode criteria = p.get("eligibilityCriteria");
                v.eligibilityCriteria = criteria == null || criteria.isNull() ? null : json.write(criteria);
                v.endDate = p.hasNonNull("endDate") ? OffsetDateTime.parse(p.get("endDate").asText()) : null;
                v.deleted = type.endsWith(".deleted");
                if (v.deleted) {
                    v.acceptingEnrollments = false;
                }
                v.sourceAt = at;
                return (view == null ? v.persist() : Uni.createFrom().item(v)).replaceWithVoid();
            });
        }
        if (OFFERS_CHANGED.equals(type)) {
            // State transfer: the payload is the program's whole current offer set, so it replaces what was kept.
            String programId = p.path("programId").asText();
            String owner = p.path("organizationId").asText(env.tenant());
            return ProgramOffer.delete("programId = ?1 and organizationId <> ?2", programId, owner)
                    .flatMap(x -> ProgramOffer.<ProgramOffer>findById(new ProgramOffer.Key(programId, owner)))
                    .flatMap(offer -> {
                        if (offer != null && offer.sourceAt.isAfter(at)) {
                            return Uni.createFrom().voidItem();
                        }
                        ProgramOffer o = offer == null ? new ProgramOffer() : offer;
                        o.programId = programId;
                        o.organizationId = owner;
                        o.offeredTo = json.write(p.path("organizationIds").isArray() ? p.get("organizationIds")
                                : List.of());
                        o.allOems = p.path("allOems").asBoolean(false);
                        o.sourceAt = at;
                        return (offer == null ? o.persist() : Uni.createFrom().item(o)).replaceWithVoid();
                    });
        }
        if (type.startsWith("program.")) {
            String id = p.path("programId").asText();
            return ProgramView.<ProgramView>findById(id).flatMap(view -> {
                if (view != null && view.sourceAt.isAfter(at)) {
                    return Uni.createFrom().voidItem();
                }
                ProgramView v = view == null ? new ProgramView() : view;
                v.programId = id;
                v.openadrProgramId = text(p, "openadrProgramId");
                v.organizationId = p.path("organizationId").asText(env.tenant());
                v.visibility = text(p, "visibility");
                v.programType = text(p, "programType");
                v.active = p.path("active").asBoolean(true);
                v.deleted = type.endsWith(".deleted");
                v.sourceAt = at;
                Uni<Void> saved = (view == null ? v.persist() : Uni.createFrom().item(v)).replaceWithVoid();
                // program.deleted also ends its offers (programs-service publishes no programOffers.changed then).
                return v.deleted ? saved.flatMap(x -> ProgramOffer.delete("programId", id)).replaceWithVoid() : saved;
            });
        }
        LOG.debugf("Ignoring programs.changed %s (%s)", env.id(), type);
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> applyDevice(EventEnvelope env) {
        JsonNode p = env.payload();
        OffsetDateTime at = env.occurredAt().atOffset(ZoneOffset.UTC);
        String type = env.type();
        if (type.startsWith("device.")) {
            String id = p.path("deviceId").asText();
            return ResourceView.<ResourceView>findById(id).flatMap(view -> {
                if (view != null && view.sourceAt.isAfter(at)) {
                    return Uni.createFrom().voidItem();
                }
                ResourceView v = view == null ? new ResourceView() : view;
                v.id = id;
                v.resourceName = text(p, "resourceName");
                v.venId = text(p, "venId");
                v.organizationId = p.path("organizationId").asText(env.tenant());
                // "type" is the lower-case wire name (battery); deviceType the enum (BATTERY).
                v.deviceType = p.hasNonNull("type") ? p.get("type").asText()
                        : p.hasNonNull("deviceType") ? p.get("deviceType").asText().toLowerCase(Locale.ROOT) : null;
                v.siteId = text(p, "siteId");
                // device-service publishes no capacity: rules on it stay "not yet verifiable" (candidate).
                v.capacity = null;
                v.connectivity = p.path("connectivityLost").asBoolean(false) ? LOST : ONLINE;
                v.deleted = p.path("deleted").asBoolean(false) || DEVICE_DELETED.equals(type);
                v.sourceAt = at;
                // Every record is a full snapshot (the topic is compacted, so the connectivityLost/Restored record
                // itself may be gone): connectivity is applied on each one, as the enrollment may have moved by an
                // OEM's API event since the read model last changed (applyTo does nothing when nothing fits).
                String change = v.deleted ? "resource_deleted"
                        : LOST.equals(v.connectivity) ? "connectivity_lost" : "connectivity_restored";
                Uni<Void> saved = (view == null ? v.persist() : Uni.createFrom().item(v)).replaceWithVoid();
                return saved.flatMap(x -> onDevice(id, change, null, at, ONLINE.equals(v.connectivity)));
            });
        }
        if (type.startsWith("site.")) {
            String id = p.path("siteId").asText();
            return SiteView.<SiteView>findById(id).flatMap(view -> {
                if (view != null && view.sourceAt.isAfter(at)) {
                    return Uni.createFrom().voidItem();
                }
                SiteView v = view == null ? new SiteView() : view;
                String previousOutcome = view == null ? null : view.territoryOutcome;
                v.id = id;
                v.organizationId = p.path("organizationId").asText(env.tenant());
                v.state = text(p, "state");
                v.zip = text(p, "postalCode");
                v.territoryOutcome = text(p, "territoryOutcome");
                v.utilityId = text(p, "utilityId");
                v.utilityName = text(p, "utilityName");
                v.deleted = p.path("deleted").asBoolean(false) || SITE_DELETED.equals(type);
                v.sourceAt = at;
                Uni<Void> saved = (view == null ? v.persist() : Uni.createFrom().item(v)).replaceWithVoid();
                if (view == null || v.deleted || Objects.equals(previousOutcome, v.territoryOutcome)) {
                    return saved;
                }
                return saved.flatMap(x -> Enrollment.<Enrollment>find("siteId = ?1 and kind = 'direct' and "
                        + "endedAt is null", id).list()).flatMap(list -> {
                            Uni<Void> chain = Uni.createFrom().voidItem();
                            for (Enrollment e : list) {
                                chain = chain.flatMap(y -> ResourceView.<ResourceView>findById(e.deviceId))
                                        .flatMap(r -> deviceEvents.applyTo(e, "territory_changed", null, v,
                                                r != null && ONLINE.equals(r.connectivity), ACTOR, at))
                                        .replaceWithVoid();
                            }
                            return chain;
                        });
            });
        }
        LOG.debugf("Ignoring devices.changed %s (%s)", env.id(), type);
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> onDevice(String deviceId, String change, SiteView site, OffsetDateTime at, boolean online) {
        return Enrollment.<Enrollment>find("deviceId = ?1 and kind = 'direct' and endedAt is null", deviceId).list()
                .flatMap(list -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Enrollment e : list) {
                        chain = chain.flatMap(y -> deviceEvents.applyTo(e, change, null, site, online, ACTOR, at))
                                .replaceWithVoid();
                    }
                    return chain;
                });
    }

    private static OffsetDateTime time(JsonNode value, EventEnvelope env) {
        return value.isTextual() ? OffsetDateTime.parse(value.asText()) : env.occurredAt().atOffset(ZoneOffset.UTC);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
