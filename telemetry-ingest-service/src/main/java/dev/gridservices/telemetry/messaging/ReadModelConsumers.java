package dev.gridservices.telemetry.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridservices.openadr.payload.DeviceType;
import dev.gridservices.outbox.EventEnvelope;
import dev.gridservices.telemetry.service.DeviceDirectory;
import dev.gridservices.telemetry.service.EventDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Keeps the read models current from {@code devices.changed} and {@code events.dispatched}. Applying a
 * record is an idempotent upsert or removal keyed by the object's id, so redelivery and replay from the
 * start of the topic (every replica, every start) are harmless. A record this service cannot read is
 * logged and skipped: one bad record must not stop ownership checks for everyone else.
 */
@ApplicationScoped
public class ReadModelConsumers {

    private static final Logger LOG = Logger.getLogger(ReadModelConsumers.class);

    private final ObjectMapper mapper;
    private final DeviceDirectory devices;
    private final EventDirectory events;
    private final ReadModelCatchUp catchUp;

    public ReadModelConsumers(ObjectMapper mapper, DeviceDirectory devices, EventDirectory events,
                              ReadModelCatchUp catchUp) {
        this.mapper = mapper;
        this.devices = devices;
        this.events = events;
        this.catchUp = catchUp;
    }

    /** The record's offset counts for the catch-up gate whether it was applied or skipped as unreadable. */
    @Incoming("devices-changed")
    public void consumeDeviceChange(ConsumerRecord<String, String> record) {
        try {
            onDeviceChange(record.value());
        } finally {
            catchUp.applied(record.topic(), record.partition(), record.offset());
        }
    }

    @Incoming("events-dispatched")
    public void consumeEvent(ConsumerRecord<String, String> record) {
        try {
            onEvent(record.value());
        } finally {
            catchUp.applied(record.topic(), record.partition(), record.offset());
        }
    }

    /** Applies one {@code devices.changed} value. */
    public void onDeviceChange(String value) {
        try {
            EventEnvelope envelope = EventEnvelope.parse(mapper, value);
            JsonNode p = envelope.payload();
            switch (envelope.type()) {
                // Every device.* record is a full snapshot (the topic is compacted); connectivity changes
                // carry the device too, so they refresh it like an update.
                case "device.created", "device.updated", "device.connectivityLost", "device.connectivityRestored" ->
                        device(p);
                case "device.deleted" -> devices.remove(required(p, "deviceId"));
                case "ven.created", "ven.updated" -> ven(p);
                case "ven.deleted" -> devices.removeVen(required(p, "venId"));
                case "site.created", "site.updated" -> site(p);
                case "site.deleted" -> devices.removeSite(required(p, "siteId"));
                default -> LOG.debugf("devices.changed: %s is not needed here", envelope.type());
            }
        } catch (RuntimeException e) {
            LOG.warnf("devices.changed: skipped an unreadable record (%s)", e.getMessage());
        }
    }

    /**
     * dispatch-service writes, per event change, one {@code event.changed} (key = event id, the event and
     * the VENs it reaches) and one {@code event.dispatched} per reached VEN (key = VEN id). Only the first
     * is needed: it alone names every reached VEN, and its key keeps one event's changes in order. The
     * envelope's tenant is the utility organization that owns the event.
     */
    public void onEvent(String value) {
        try {
            EventEnvelope envelope = EventEnvelope.parse(mapper, value);
            if (!"event.changed".equals(envelope.type())) {
                LOG.debugf("events.dispatched: %s is not needed here", envelope.type());
                return;
            }
            JsonNode p = envelope.payload();
            String eventId = required(p, "eventID");
            // Any other operation (CREATE, UPDATE, older POST) carries the event as it now is.
            if ("DELETE".equals(text(p, "operation"))) {
                events.remove(eventId);
            } else {
                String utility = envelope.tenant();
                if (utility == null) {
                    throw new IllegalArgumentException("envelope lacks tenant");
                }
                events.upsert(new EventDirectory.Event(eventId, required(p, "programID"), utility,
                        texts(p.path("venIDs"))));
            }
        } catch (RuntimeException e) {
            LOG.warnf("events.dispatched: skipped an unreadable record (%s)", e.getMessage());
        }
    }

    /** Applies a device snapshot; one flagged {@code deleted} removes the device whatever its type says. */
    private void device(JsonNode p) {
        String id = required(p, "deviceId");
        if (p.path("deleted").asBoolean(false)) {
            devices.remove(id);
            return;
        }
        // device-service emits DeviceType names (BATTERY, EV_CHARGER, …) and UNKNOWN for /v1 devices
        // registered without a type: that one has no payload table here, so it maps to null.
        String typeName = text(p, "deviceType");
        devices.upsert(new DeviceDirectory.Device(id, required(p, "resourceName"), required(p, "venId"),
                required(p, "organizationId"), deviceType(typeName), typeName, text(p, "siteId")));
    }

    /** A site snapshot: its customer and ISO feed the metrics answers (customerId, emission factor). */
    private void site(JsonNode p) {
        String id = required(p, "siteId");
        if (p.path("deleted").asBoolean(false)) {
            devices.removeSite(id);
        } else {
            devices.upsertSite(new DeviceDirectory.Site(id, required(p, "organizationId"), text(p, "customerId"),
                    text(p, "iso")));
        }
    }

    private void ven(JsonNode p) {
        String venId = required(p, "venId");
        if (p.path("deleted").asBoolean(false)) {
            devices.removeVen(venId);
        } else {
            devices.upsertVen(venId, required(p, "organizationId"));
        }
    }

    private static DeviceType deviceType(String name) {
        if (name == null) {
            return null;
        }
        try {
            return DeviceType.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String required(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            throw new IllegalArgumentException("payload lacks " + field);
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> values = new HashSet<>();
        array.forEach(v -> values.add(v.asText()));
        return Set.copyOf(values);
    }
}
