package dev.gridservices.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * Records an event in the caller's transaction. Call it inside the same {@code @WithTransaction} that
 * writes the business row: either both commit or neither does, and {@link OutboxRelay} publishes it.
 */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper mapper;

    public Outbox(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Uni<EventEnvelope> record(String topic, String key, String type, int version, String tenant, Object payload) {
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID(), type, version, Instant.now(), tenant,
                mapper.valueToTree(payload));
        OutboxMessage message = new OutboxMessage();
        message.id = envelope.id();
        message.topic = topic;
        message.messageKey = key;
        message.type = type;
        message.createdAt = envelope.occurredAt();
        try {
            message.envelope = mapper.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return message.persist().replaceWith(envelope);
    }
}
