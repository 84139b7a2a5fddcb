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

    public ReadModelConsumers(ObjectMapper mapper, DeviceDirectory devices, EventDirectory events) {
        this.mapper = mapper;
        this.devices = devices;
        this.events = events;
    }

    @Incoming("devices-changed")
    public void onDeviceChange(String value) {
        try {
            EventEnvelope envelope = EventEnvelope.parse(mapper, value);
            JsonNode p = envelope.payload();
            switch (envelope.type()) {
                case "resource.created", "resource.updated" -> devices.upsert(device(p));
                case "resource.deleted" -> devices.remove(text(p, "id"));
                case "ven.created", "ven.updated" -> devices.upsertVen(text(p, "venId"), text(p, "organizationId"));
                case "ven.deleted" -> devices.removeVen(text(p, "venId"));
                default -> LOG.debugf("devices.changed: %s is not needed here", envelope.type());
            }
        } catch (RuntimeException e) {
            LOG.warnf("devices.changed: skipped an unreadable record (%s)", e.getMessage());
        }
    }

    @Incoming("events-dispatched")
    public void onEvent(String value) {
        try {
            EventEnvelope envelope = EventEnvelope.parse(mapper, value);
            JsonNode p = envelope.payload();
            switch (envelope.type()) {
                case "event.created", "event.updated" -> events.upsert(new EventDirectory.Event(text(p, "eventId"),
                        text(p, "programId"), text(p, "organizationId"), texts(p.path("targetVenIds")),
                        texts(p.path("targetResourceIds"))));
                case "event.deleted" -> events.remove(text(p, "eventId"));
                default -> LOG.debugf("events.dispatched: %s is not needed here", envelope.type());
            }
        } catch (RuntimeException e) {
            LOG.warnf("events.dispatched: skipped an unreadable record (%s)", e.getMessage());
        }
    }

    private static DeviceDirectory.Device device(JsonNode p) {
        String typeName = text(p, "deviceType");
        String siteId = text(p, "siteId");
        // device-service may carry the type and site only as attributes (x-static:DEVICE_TYPE / SITE_ID).
        for (JsonNode attribute : p.path("attributes")) {
            String type = attribute.path("type").asText();
            String first = attribute.path("values").path(0).asText(null);
            if (typeName == null && "x-static:DEVICE_TYPE".equals(type)) {
                typeName = first;
            } else if (siteId == null && "x-static:SITE_ID".equals(type)) {
                siteId = first;
            }
        }
        return new DeviceDirectory.Device(required(p, "id"), required(p, "resourceName"), required(p, "venId"),
                required(p, "organizationId"), deviceType(typeName), typeName, siteId);
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
