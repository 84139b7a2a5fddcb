package dev.gridservices.dispatch.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridservices.dispatch.mapping.EventMapper;
import dev.gridservices.dispatch.mapping.Json;
import dev.gridservices.dispatch.repository.EnrollmentRecord;
import dev.gridservices.dispatch.repository.EventRecord;
import dev.gridservices.dispatch.repository.SubscriptionRecord;
import dev.gridservices.dispatch.repository.WebhookDelivery;
import dev.gridservices.dispatch.service.Targeting;
import dev.gridservices.dispatch.repository.KnownDevice;
import dev.gridservices.dispatch.repository.KnownInstance;
import dev.gridservices.dispatch.repository.KnownProgram;
import dev.gridservices.dispatch.repository.KnownSite;
import dev.gridservices.dispatch.repository.KnownVen;
import dev.gridservices.openadr.enrollment.EnrollmentChange;
import dev.gridservices.outbox.EventEnvelope;
import dev.gridservices.outbox.Inbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the local read models dispatch decides on, idempotently (inbox) and never letting an older fact
 * overwrite a newer one: program and instance ownership from programs.changed (ordered by updatedAt), enrollments from
 * enrollment.changed (read as {@link EnrollmentChange}, ordered per enrollment by sequence with the inbox), VENs, devices and sites from devices.changed (ordered by
 * updatedAt; a deletion sticks).
 */
@ApplicationScoped
public class ReadModelConsumer {

    static final String PROGRAMS_CONSUMER = "dispatch-programs";
    static final String ENROLLMENTS_CONSUMER = "dispatch-enrollments";
    static final String DEVICES_CONSUMER = "dispatch-devices";

    private final ObjectMapper mapper;
    private final Json json;
    private final Inbox inbox;
    private final Targeting targeting;

    public ReadModelConsumer(Json json, Inbox inbox, Targeting targeting) {
        this.json = json;
        this.mapper = json.mapper();
        this.inbox = inbox;
        this.targeting = targeting;
    }

    @Incoming("programs-in")
    public Uni<Void> programs(String record) {
        EventEnvelope envelope = EventEnvelope.parse(mapper, record);
        boolean instance = envelope.type().startsWith("programInstance.");
        if (!instance && !envelope.type().startsWith("program.") && !envelope.type().equals("programOffers.changed")) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> inbox.firstDelivery(PROGRAMS_CONSUMER, envelope.id())
                .chain(first -> !first ? Uni.createFrom().voidItem()
                        : instance ? applyInstance(envelope) : applyProgram(envelope)));
    }

    @Incoming("devices-in")
    public Uni<Void> devices(String record) {
        EventEnvelope envelope = EventEnvelope.parse(mapper, record);
        String type = envelope.type();
        Function<EventEnvelope, Uni<Void>> apply = type.startsWith("ven.") ? this::applyVen
                : type.startsWith("device.") ? this::applyDevice
                : type.startsWith("site.") ? this::applySite : null;
        if (apply == null) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> inbox.firstDelivery(DEVICES_CONSUMER, envelope.id())
                .chain(first -> first ? apply.apply(envelope) : Uni.createFrom().voidItem()));
    }

    @Incoming("enrollments-in")
    public Uni<Void> enrollments(String record) {
        EventEnvelope envelope = EventEnvelope.parse(mapper, record);
        // A malformed change fails here and is dead-lettered, like an unreadable envelope.
        EnrollmentChange change = EnrollmentChange.of(envelope.type(), envelope.version(), envelope.payload());
        return Panache.withTransaction(() -> inbox.shouldApply(ENROLLMENTS_CONSUMER, envelope.id(),
                        change.enrollmentId(), change.sequence())
                .chain(newer -> newer ? applyEnrollment(change) : Uni.createFrom().voidItem()));
    }

    private Uni<Void> applyProgram(EventEnvelope env) {
        JsonNode p = env.payload();
        String id = p.path("programId").asText("");
        String organizationId = p.path("organizationId").asText(env.tenant());
        if (id.isEmpty() || organizationId == null) {
            return Uni.createFrom().voidItem();
        }
        OffsetDateTime at = time(p.path("updatedAt"), env);
        boolean deleted = env.type().equals("program.deleted");
        return KnownProgram.<KnownProgram>findById(id).chain(known -> {
            if (known != null && known.updatedAt.isAfter(at) && !deleted) {
                return Uni.createFrom().voidItem();
            }
            KnownProgram k = known == null ? new KnownProgram() : known;
            k.programId = id;
            k.organizationId = organizationId;
            k.deleted = deleted || (known != null && known.deleted);
            k.updatedAt = known != null && known.updatedAt.isAfter(at) ? known.updatedAt : at;
            return k.persist().replaceWithVoid();
        });
    }

    /** programInstance.*: the instance's program and owner, for core API program events; deleted sticks. */
    private Uni<Void> applyInstance(EventEnvelope env) {
        JsonNode p = env.payload();
        String id = p.path("instanceId").asText("");
        String programId = p.path("programId").asText("");
        String organizationId = p.path("organizationId").asText(env.tenant());
        if (id.isEmpty() || programId.isEmpty() || organizationId == null) {
            return Uni.createFrom().voidItem();
        }
        OffsetDateTime at = time(p.path("updatedAt"), env);
        boolean deleted = env.type().equals("programInstance.deleted");
        return KnownInstance.<KnownInstance>findById(id).chain(known -> {
            if (known != null && (known.deleted || (known.updatedAt.isAfter(at) && !deleted))) {
                return Uni.createFrom().voidItem();
            }
            KnownInstance k = known == null ? new KnownInstance() : known;
            k.instanceId = id;
            k.programId = programId;
            k.organizationId = organizationId;
            k.workspaceId = text(p, "workspaceId");
            k.deleted = deleted;
            k.updatedAt = known != null && known.updatedAt.isAfter(at) ? known.updatedAt : at;
            return k.persist().replaceWithVoid();
        });
    }

    private Uni<Void> applyVen(EventEnvelope env) {
        JsonNode p = env.payload();
        String id = p.path("venId").asText("");
        if (id.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        OffsetDateTime at = time(p.path("updatedAt"), env);
        return KnownVen.<KnownVen>findById(id).chain(known -> {
            if (known != null && known.updatedAt.isAfter(at)) {
                return Uni.createFrom().voidItem();
            }
            KnownVen v = known == null ? new KnownVen() : known;
            v.venId = id;
            v.venName = text(p, "venName");
            v.organizationId = p.path("organizationId").asText(env.tenant());
            v.deleted = env.type().equals("ven.deleted") || p.path("deleted").asBoolean(false);
            v.updatedAt = at;
            return v.persist().replaceWithVoid();
        });
    }

    /**
     * device.* snapshots: names a target may use (resource name, tags, targets, site) and deletion. A
     * deleted device stops counting at once; its VEN's queued notifications it no longer warrants are cancelled.
     */
    private Uni<Void> applyDevice(EventEnvelope env) {
        JsonNode p = env.payload();
        String id = p.path("deviceId").asText("");
        if (id.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        OffsetDateTime at = time(p.path("updatedAt"), env);
        boolean deleted = env.type().equals("device.deleted") || p.path("deleted").asBoolean(false);
        return KnownDevice.<KnownDevice>findById(id).chain(known -> {
            if (known != null && (known.deleted || (known.updatedAt.isAfter(at) && !deleted))) {
                return Uni.createFrom().voidItem();
            }
            KnownDevice d = known == null ? new KnownDevice() : known;
            d.deviceId = id;
            d.resourceName = text(p, "resourceName");
            d.venId = text(p, "venId");
            d.organizationId = p.path("organizationId").asText(env.tenant());
            d.siteId = text(p, "siteId");
            d.tags = strings(p.get("tags"));
            d.targets = strings(p.get("targets"));
            d.deleted = deleted;
            d.updatedAt = known != null && known.updatedAt.isAfter(at) ? known.updatedAt : at;
            return d.persist().chain(() -> deleted ? cancelUnreached(d.venId) : Uni.createFrom().voidItem());
        });
    }

    /** site.* snapshots: a deleted site's devices stop counting (deleted sticks). */
    private Uni<Void> applySite(EventEnvelope env) {
        JsonNode p = env.payload();
        String id = p.path("siteId").asText("");
        if (id.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        OffsetDateTime at = time(p.path("updatedAt"), env);
        boolean deleted = env.type().equals("site.deleted") || p.path("deleted").asBoolean(false);
        return KnownSite.<KnownSite>findById(id).chain(known -> {
            if (known != null && (known.deleted || (known.updatedAt.isAfter(at) && !deleted))) {
                return Uni.createFrom().voidItem();
            }
            KnownSite site = known == null ? new KnownSite() : known;
            site.siteId = id;
            site.venId = text(p, "venId");
            site.organizationId = p.path("organizationId").asText(env.tenant());
            site.deleted = deleted;
            site.updatedAt = known != null && known.updatedAt.isAfter(at) ? known.updatedAt : at;
            return site.persist().chain(() -> deleted ? cancelUnreached(site.venId) : Uni.createFrom().voidItem());
        });
    }

    private String strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(n -> {
                if (n.isTextual()) {
                    out.add(n.asText());
                }
            });
        }
        return json.write(out);
    }

    private Uni<Void> applyEnrollment(EnrollmentChange change) {
        return EnrollmentRecord.<EnrollmentRecord>findById(change.enrollmentId()).chain(known -> {
            boolean wasDispatchable = known != null && known.dispatchable();
            EnrollmentRecord e = known == null ? new EnrollmentRecord() : known;
            e.enrollmentId = change.enrollmentId();
            e.sequence = change.sequence();
            e.state = change.state();
            e.programId = change.programId();
            e.openadrProgramId = change.openadrProgramId();
            e.utilityOrganizationId = change.utilityOrganizationId();
            e.oemOrganizationId = change.oemOrganizationId();
            e.venId = change.venId();
            e.deviceId = change.deviceId();
            e.resourceName = change.resourceName();
            e.ended = change.ended();
            return e.persist().chain(() -> wasDispatchable && !e.dispatchable()
                    ? cancelUnreached(e.venId) : Uni.createFrom().voidItem());
        });
    }

    /**
     * A device left dispatch (revoked, opted out, ...): webhook notifications still queued for its VEN's
     * subscriptions about events that no longer reach the VEN are cancelled, so the revocation stops
     * deliveries that were owed before it landed. DELETE notifications of removed events still go out.
     */
    private Uni<Void> cancelUnreached(String venId) {
        if (venId == null) {
            return Uni.createFrom().voidItem();
        }
        return SubscriptionRecord.<SubscriptionRecord>list("venId = ?1", venId).chain(subs -> {
            if (subs.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            List<String> ids = subs.stream().map(s -> s.id).toList();
            return WebhookDelivery.<WebhookDelivery>list("subscriptionId in ?1 and status = ?2", ids,
                    WebhookDelivery.PENDING).chain(pending -> Multi.createFrom().iterable(pending)
                    .onItem().transformToUniAndConcatenate(d -> EventRecord.<EventRecord>findById(d.eventId)
                            .chain(event -> event == null ? Uni.createFrom().voidItem()
                                    : targeting.resolve(event.programId, event.organizationId,
                                            EventMapper.targets(json.read(event.body)))
                                    .invoke(vens -> {
                                        if (!vens.containsKey(venId)) {
                                            d.status = WebhookDelivery.CANCELLED;
                                            d.lastError = "the event no longer reaches VEN " + venId;
                                        }
                                    }).replaceWithVoid()))
                    .collect().last().replaceWithVoid());
        });
    }

    private static String text(JsonNode p, String field) {
        JsonNode v = p.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static OffsetDateTime time(JsonNode value, EventEnvelope env) {
        try {
            if (value.isTextual()) {
                return OffsetDateTime.parse(value.asText());
            }
        } catch (DateTimeParseException ignored) {
            // fall back to when the fact was recorded
        }
        return env.occurredAt().atOffset(ZoneOffset.UTC);
    }
}
