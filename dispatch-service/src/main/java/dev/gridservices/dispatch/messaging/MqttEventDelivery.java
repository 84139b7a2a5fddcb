package dev.gridservices.dispatch.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gridservices.outbox.EventEnvelope;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.smallrye.reactive.messaging.mqtt.MqttMessage;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.jboss.logging.Logger;

/**
 * Direct API §9.3: each {@code events.dispatched} record names one target VEN; its OpenADR
 * notification ({@code objectType}, {@code operation}, {@code object}, the same JSON a webhook gets)
 * is published at QoS 1 to {@code texture/v2/{venID}/events/{eventID}}. Delivery is at least once:
 * a VEN dedupes on the event id and its modificationDateTime. The per-change {@code event.changed} records on
 * the same topic are for other consumers and are passed over.
 */
@ApplicationScoped
public class MqttEventDelivery {

    private static final Logger LOG = Logger.getLogger(MqttEventDelivery.class);
    static final String EVENT_DISPATCHED = EventFanout.EVENT_DISPATCHED;

    private final ObjectMapper mapper;
    private final Counter delivered;
    private final Counter skipped;

    public MqttEventDelivery(ObjectMapper mapper, MeterRegistry registry) {
        this.mapper = mapper;
        this.delivered = registry.counter("dispatch.mqtt.notifications", "outcome", "published");
        this.skipped = registry.counter("dispatch.mqtt.notifications", "outcome", "skipped");
    }

    @Incoming("events-dispatched")
    @Outgoing("mqtt-events")
    public MqttMessage<String> deliver(String record) {
        EventEnvelope envelope = EventEnvelope.parse(mapper, record);
        JsonNode payload = envelope.payload();
        String venId = payload.path("venID").asText("");
        JsonNode event = payload.path("event");
        if (EventFanout.EVENT_CHANGED.equals(envelope.type())) {
            return null;
        }
        if (!EVENT_DISPATCHED.equals(envelope.type()) || !isTopicLevel(venId) || !event.isObject()) {
            skipped.increment();
            LOG.warnf("Skipping events.dispatched message %s (type %s): no VEN or event to deliver",
                    envelope.id(), envelope.type());
            return null;
        }
        ObjectNode notification = mapper.createObjectNode();
        notification.put("objectType", "EVENT");
        notification.put("operation", operation(payload.path("operation").asText("")));
        notification.set("object", event);
        String eventId = event.path("id").asText("");
        if (!isTopicLevel(eventId)) {
            skipped.increment();
            LOG.warnf("Skipping events.dispatched message %s: its event id is not one topic level", envelope.id());
            return null;
        }
        String topic = "texture/v2/" + venId + "/events/" + eventId;
        delivered.increment();
        LOG.debugf("Publishing event %s to %s", eventId, topic);
        return MqttMessage.of(topic, notification.toString(), MqttQoS.AT_LEAST_ONCE, false);
    }

    /**
     * The OpenADR operation (CREATE, UPDATE, DELETE). Records written before operations were OpenADR's named
     * HTTP methods; they are mapped, and anything unknown is an UPDATE (a VEN re-reads the event).
     */
    static String operation(String recorded) {
        return switch (recorded) {
            case "CREATE", "POST" -> "CREATE";
            case "DELETE" -> "DELETE";
            default -> "UPDATE";
        };
    }

    /** A VEN id becomes one topic level: MQTT wildcards or separators in it would leak across VENs. */
    static boolean isTopicLevel(String venId) {
        return !venId.isEmpty() && venId.chars().noneMatch(c -> c == '/' || c == '+' || c == '#');
    }
}
