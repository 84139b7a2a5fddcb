package dev.gridservices.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;

/**
 * Records an event in the caller's transaction. Call {@code event(topic)…record()} inside the same
 * {@code @WithTransaction} that writes the business row: either both commit or neither does, and
 * {@link OutboxRelay} publishes it. The insert's trigger NOTIFYs the relay at commit.
 */
@ApplicationScoped
public class Outbox {

    /** Record-batch and record headers Kafka adds around key and value (upper bound, no compression). */
    static final int RECORD_OVERHEAD = 128;

    private static final String INSERT = "INSERT INTO outbox_message "
            + "(id, topic, message_key, type, envelope, created_at, shard) "
            + "VALUES (:id, :topic, :key, :type, :envelope, :created, :shard)";

    private final ObjectMapper mapper;
    private final OutboxConfig config;
    private final int maxRecordBytes;

    public Outbox(ObjectMapper mapper, OutboxConfig config, OutboxProducer producer) {
        this.mapper = mapper;
        this.config = config;
        this.maxRecordBytes = producer.maxRequestSize() - RECORD_OVERHEAD;
    }

    public OutboxEvent event(String topic) {
        return new OutboxEvent(this, topic);
    }

    /** The shard of a key: one relay at a time sends a shard, so one key's events keep their order. */
    static int shard(String key, UUID id, int shards) {
        return Math.floorMod(key != null ? key.hashCode() : id.hashCode(), shards);
    }

    Uni<EventEnvelope> record(OutboxEvent event) {
        EventEnvelope envelope;
        String json;
        try {
            if (!config.topics().containsKey(event.topic)) {
                throw new IllegalArgumentException("Topic " + event.topic + " is not declared: add outbox.topics.\""
                        + event.topic + "\".partitions (and its other settings) to the service's configuration");
            }
            Objects.requireNonNull(event.type, "type");
            Objects.requireNonNull(event.payload, "payload");
            envelope = new EventEnvelope(UUID.randomUUID(), event.type, event.version, Instant.now(), event.tenant,
                    event.aggregateVersion, mapper.valueToTree(event.payload));
            json = mapper.writeValueAsString(envelope);
            long bytes = json.getBytes(StandardCharsets.UTF_8).length
                    + (event.key == null ? 0 : event.key.getBytes(StandardCharsets.UTF_8).length);
            if (bytes > maxRecordBytes) {
                throw new OversizedEventException(event.topic, event.type, bytes, maxRecordBytes);
            }
        } catch (JsonProcessingException | RuntimeException e) {
            return Uni.createFrom().failure(e);
        }
        return Panache.getSession().flatMap(session -> session.createNativeQuery(INSERT)
                        .setParameter("id", envelope.id())
                        .setParameter("topic", event.topic)
                        .setParameter("key", event.key)
                        .setParameter("type", event.type)
                        .setParameter("envelope", json)
                        .setParameter("created", envelope.occurredAt().atOffset(ZoneOffset.UTC))
                        .setParameter("shard", shard(event.key, envelope.id(), config.relay().shards()))
                        .executeUpdate())
                .replaceWith(envelope);
    }
}
