package dev.gridservices.dispatch.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gridservices.dispatch.mapping.EventMapper;
import dev.gridservices.dispatch.mapping.Json;
import dev.gridservices.dispatch.repository.EventRecord;
import dev.gridservices.dispatch.repository.SubscriptionRecord;
import dev.gridservices.dispatch.repository.WebhookDelivery;
import dev.gridservices.dispatch.service.Targeting.VenTarget;
import dev.gridservices.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Everything one event change owes the outside world, recorded in the transaction that made the change
 * (so nothing is announced for a change that rolled back, and nothing is lost for one that committed):
 * on {@value #TOPIC} one {@value #EVENT_CHANGED} record (key = event id) and one {@value #EVENT_DISPATCHED}
 * record per resolved VEN (key = VEN id; the MQTT delivery publishes it), and one durable webhook delivery
 * per matching subscription operation set.
 */
@ApplicationScoped
public class EventFanout {

    public static final String TOPIC = "events.dispatched";
    public static final String EVENT_CHANGED = "event.changed";
    public static final String EVENT_DISPATCHED = "event.dispatched";
    public static final int VERSION = 1;

    /** Payload of event.changed. */
    public record EventChanged(String eventID, String programID, String operation, List<String> venIDs,
                               JsonNode event) {
    }

    /** Payload of event.dispatched: the OpenADR notification's parts, for one VEN. */
    public record EventDispatched(String venID, String programID, String operation, JsonNode event) {
    }

    private final Outbox outbox;
    private final EventMapper mapper;
    private final Json json;

    public EventFanout(Outbox outbox, EventMapper mapper, Json json) {
        this.outbox = outbox;
        this.mapper = mapper;
        this.json = json;
    }

    /** Call inside the transaction that changed (or deleted) {@code event}. */
    public Uni<Void> changed(EventRecord event, String operation, Map<String, VenTarget> vens) {
        ObjectNode full = mapper.toOpenAdr(event);
        Uni<?> chain = outbox.event(TOPIC).key(event.id).type(EVENT_CHANGED).version(VERSION)
                .tenant(event.organizationId)
                .payload(new EventChanged(event.id, event.programId, operation, List.copyOf(vens.keySet()), full))
                .record();
        for (VenTarget ven : vens.values()) {
            ObjectNode view = mapper.toVenView(event, ven.names());
            chain = chain.chain(() -> outbox.event(TOPIC).key(ven.venId()).type(EVENT_DISPATCHED).version(VERSION)
                    .tenant(event.organizationId)
                    .payload(new EventDispatched(ven.venId(), event.programId, operation, view)).record());
        }
        return chain.chain(() -> SubscriptionRecord.<SubscriptionRecord>list(
                        "programId is null or programId = ?1", event.programId))
                .chain(subs -> {
                    List<WebhookDelivery> deliveries = new ArrayList<>();
                    List<String> eventTargets = EventMapper.targets(full);
                    for (SubscriptionRecord s : subs) {
                        if (!targetsMatch(json.read(s.targets), eventTargets)) {
                            continue;
                        }
                        ObjectNode object = audience(s, event, full, vens);
                        if (object == null) {
                            continue;
                        }
                        String body = json.write(notification(operation, object));
                        for (int index : operationsFor(s, operation)) {
                            deliveries.add(delivery(s, index, event.id, operation, body));
                        }
                    }
                    return deliveries.isEmpty() ? Uni.createFrom().voidItem()
                            : WebhookDelivery.persist(deliveries).replaceWithVoid();
                });
    }

    /**
     * What a subscription may see of the event, or null when it may not: the utility that owns the event
     * sees all of it; a VEN's subscription its own view when the event reaches it; an OEM organization's
     * (no VEN) the views of its VENs' targets.
     */
    private ObjectNode audience(SubscriptionRecord s, EventRecord event, ObjectNode full, Map<String, VenTarget> vens) {
        if (s.organizationId.equals(event.organizationId)) {
            return full;
        }
        if (s.venId != null) {
            VenTarget ven = vens.get(s.venId);
            return ven == null || !s.organizationId.equals(ven.oemOrganizationId()) ? null
                    : mapper.toVenView(event, ven.names());
        }
        Set<String> names = new LinkedHashSet<>();
        boolean any = false;
        for (VenTarget ven : vens.values()) {
            if (s.organizationId.equals(ven.oemOrganizationId())) {
                any = true;
                names.add(ven.venId());
                names.addAll(ven.names());
            }
        }
        return any ? mapper.toVenView(event, names) : null;
    }

    /**
     * OpenADR: a subscription's targets filter its notifications. An event without targets addresses the
     * whole program and passes every filter; a targeted one must share a target with the subscription.
     */
    static boolean targetsMatch(JsonNode subscriptionTargets, List<String> eventTargets) {
        if (subscriptionTargets == null || subscriptionTargets.isEmpty() || eventTargets.isEmpty()) {
            return true;
        }
        for (JsonNode t : subscriptionTargets) {
            if (eventTargets.contains(t.asText())) {
                return true;
            }
        }
        return false;
    }

    private List<Integer> operationsFor(SubscriptionRecord s, String operation) {
        List<Integer> out = new ArrayList<>();
        JsonNode ops = json.read(s.objectOperations);
        for (int i = 0; i < ops.size(); i++) {
            if (contains(ops.get(i).get("objects"), "EVENT") && contains(ops.get(i).get("operations"), operation)) {
                out.add(i);
            }
        }
        return out;
    }

    private static boolean contains(JsonNode array, String value) {
        if (array == null) {
            return false;
        }
        for (JsonNode v : array) {
            if (value.equals(v.asText())) {
                return true;
            }
        }
        return false;
    }

    private ObjectNode notification(String operation, ObjectNode object) {
        ObjectNode n = json.mapper().createObjectNode();
        n.put("objectType", "EVENT");
        n.put("operation", operation);
        n.set("object", object);
        return n;
    }

    private static WebhookDelivery delivery(SubscriptionRecord s, int index, String eventId, String operation,
                                            String body) {
        WebhookDelivery d = new WebhookDelivery();
        d.id = "msg_" + UUID.randomUUID().toString().replace("-", "");
        d.subscriptionId = s.id;
        d.operationIndex = index;
        d.eventId = eventId;
        d.operation = operation;
        d.body = body;
        d.status = WebhookDelivery.PENDING;
        d.nextAttemptAt = Json.now();
        d.createdAt = d.nextAttemptAt;
        return d;
    }
}
