package dev.gridservices.dispatch.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gridservices.dispatch.mapping.EventMapper;
import dev.gridservices.dispatch.mapping.Json;
import dev.gridservices.dispatch.repository.EventRecord;
import dev.gridservices.dispatch.service.Targeting.VenTarget;
import dev.gridservices.outbox.Outbox;
import dev.gridservices.outbox.OutboxEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
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
        Views views = new Views(full);
        List<OutboxEvent> records = new ArrayList<>(vens.size() + 1);
        records.add(outbox.event(TOPIC).key(event.id).type(EVENT_CHANGED).version(VERSION)
                .tenant(event.organizationId)
                .payload(new EventChanged(event.id, event.programId, operation, List.copyOf(vens.keySet()), full)));
        for (VenTarget ven : vens.values()) {
            // event.dispatched's payload, the OpenADR notification's parts for one VEN: {venID, programID, operation,
            // event}, a tree that shares the view, so the outbox writes it without copying it first
            ObjectNode payload = json.mapper().createObjectNode().put("venID", ven.venId())
                    .put("programID", event.programId).put("operation", operation);
            payload.set("event", views.of(ven.names()));
            records.add(outbox.event(TOPIC).key(ven.venId()).type(EVENT_DISPATCHED).version(VERSION)
                    .tenant(event.organizationId).payload(payload));
        }
        return outbox.record(records)
                .chain(() -> Panache.getSession().chain(s -> s.createNativeQuery(SUBSCRIPTIONS, Object[].class)
                        .setParameter("program", event.programId).getResultList()))
                .chain(rows -> {
                    ArrayNode deliveries = json.mapper().createArrayNode();
                    List<String> eventTargets = EventMapper.targets(full);
                    Map<ObjectNode, String> bodies = new IdentityHashMap<>();
                    for (Object[] row : rows) {
                        Subscription s = new Subscription((String) row[0], (String) row[1], (String) row[2],
                                (String) row[3], (String) row[4]);
                        if (!targetsMatch(json.read(s.targets()), eventTargets)) {
                            continue;
                        }
                        ObjectNode object = audience(s, event, full, vens, views);
                        if (object == null) {
                            continue;
                        }
                        String body = bodies.computeIfAbsent(object, o -> json.write(notification(operation, o)));
                        for (int index : operationsFor(s, operation)) {
                            ObjectNode d = deliveries.addObject();
                            d.put("n", deliveries.size());
                            d.put("id", "msg_" + UUID.randomUUID().toString().replace("-", ""));
                            d.put("subscription_id", s.id());
                            d.put("operation_index", index);
                            d.put("body", body);
                        }
                    }
                    if (deliveries.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    OffsetDateTime now = Json.now();
                    return Panache.getSession().chain(session -> session.createNativeQuery(INSERT_DELIVERIES)
                            .setParameter("event", event.id).setParameter("operation", operation)
                            .setParameter("now", now).setParameter("rows", json.write(deliveries))
                            .executeUpdate()).replaceWithVoid();
                });
    }

    // Plain rows, not entities: nothing is left for the session to dirty-check at the flush before every
    // statement that follows in the event's transaction.
    private static final String SUBSCRIPTIONS = "SELECT id, organization_id, ven_id, object_operations, targets "
            + "FROM subscription WHERE program_id IS NULL OR program_id = :program";
    // All of an event's deliveries in one statement; seq (per-subscription order) is assigned in the rows' order.
    private static final String INSERT_DELIVERIES = "INSERT INTO webhook_delivery (id, subscription_id, "
            + "operation_index, event_id, operation, body, status, next_attempt_at, created_at) "
            + "SELECT r.id, r.subscription_id, r.operation_index, :event, :operation, r.body, 'PENDING', :now, :now "
            + "FROM jsonb_to_recordset(CAST(CAST(:rows AS text) AS jsonb)) AS r(n int, id text, subscription_id text, "
            + "operation_index int, body text) ORDER BY r.n";

    /** A subscription as the fan-out needs it. */
    private record Subscription(String id, String organizationId, String venId, String objectOperations,
                                String targets) {
    }

    /**
     * The event as seen with each set of visible targets, built once per set: without targets (the usual
     * program-wide event) every VEN shares one view instead of a copy each.
     */
    private final class Views {
        private final ObjectNode full;
        private final Map<Set<String>, ObjectNode> bySet = new HashMap<>();

        Views(ObjectNode full) {
            this.full = full;
        }

        ObjectNode of(Set<String> visible) {
            return bySet.computeIfAbsent(Set.copyOf(visible), v -> mapper.toVenView(full, v));
        }
    }

    /**
     * What a subscription may see of the event, or null when it may not: the utility that owns the event
     * sees all of it; a VEN's subscription its own view when the event reaches it; an OEM organization's
     * (no VEN) the views of its VENs' targets.
     */
    private static ObjectNode audience(Subscription s, EventRecord event, ObjectNode full,
                                       Map<String, VenTarget> vens, Views views) {
        if (s.organizationId().equals(event.organizationId)) {
            return full;
        }
        if (s.venId() != null) {
            VenTarget ven = vens.get(s.venId());
            return ven == null || !s.organizationId().equals(ven.oemOrganizationId()) ? null : views.of(ven.names());
        }
        Set<String> names = new LinkedHashSet<>();
        boolean any = false;
        for (VenTarget ven : vens.values()) {
            if (s.organizationId().equals(ven.oemOrganizationId())) {
                any = true;
                names.add(ven.venId());
                names.addAll(ven.names());
            }
        }
        return any ? views.of(names) : null;
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

    private List<Integer> operationsFor(Subscription s, String operation) {
        List<Integer> out = new ArrayList<>();
        JsonNode ops = json.read(s.objectOperations());
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
}
