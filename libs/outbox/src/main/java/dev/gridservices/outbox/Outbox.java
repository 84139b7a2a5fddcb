package dev.gridservices.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
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
    // N rows in one statement from one JSON array parameter (bound as text: the reactive driver would bind a
    // String parameter typed jsonb as a JSON string). The identity seq is assigned in the SELECT's order.
    private static final String INSERT_MANY = "INSERT INTO outbox_message "
            + "(id, topic, message_key, type, envelope, created_at, shard) "
            + "SELECT r.id, r.topic, r.message_key, r.type, r.envelope, r.created_at, r.shard "
            + "FROM jsonb_to_recordset(CAST(CAST(:rows AS text) AS jsonb)) AS r(n int, id uuid, topic text, "
            + "message_key text, type text, envelope text, created_at timestamptz, shard int) ORDER BY r.n";

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

    /**
     * Records several events in the caller's transaction with one INSERT, in list order (their {@code seq}
     * follows it, so events of one key keep that order). All or nothing: if any event is invalid or too
     * large, the Uni fails before anything is written. An empty list writes nothing.
     */
    public Uni<List<EventEnvelope>> record(List<OutboxEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Row> rows = new ArrayList<>(events.size());
        String json;
        try {
            for (OutboxEvent event : events) {
                rows.add(row(event));
            }
            ArrayNode array = mapper.createArrayNode();
            for (int i = 0; i < rows.size(); i++) {
                Row row = rows.get(i);
                OutboxEvent event = events.get(i);
                ObjectNode r = array.addObject();
                r.put("n", i);
                r.put("id", row.envelope().id().toString());
                r.put("topic", event.topic);
                r.put("message_key", event.key);
                r.put("type", event.type);
                r.put("envelope", row.json());
                r.put("created_at", row.envelope().occurredAt().toString());
                r.put("shard", shard(event.key, row.envelope().id(), config.relay().shards()));
            }
            json = mapper.writeValueAsString(array);
        } catch (JsonProcessingException | RuntimeException e) {
            return Uni.createFrom().failure(e);
        }
        return Panache.getSession().flatMap(session -> session.createNativeQuery(INSERT_MANY)
                        .setParameter("rows", json)
                        .executeUpdate())
                .map(inserted -> rows.stream().map(Row::envelope).toList());
    }

    Uni<EventEnvelope> record(OutboxEvent event) {
        Row row;
        try {
            row = row(event);
        } catch (JsonProcessingException | RuntimeException e) {
            return Uni.createFrom().failure(e);
        }
        EventEnvelope envelope = row.envelope();
        return Panache.getSession().flatMap(session -> session.createNativeQuery(INSERT)
                        .setParameter("id", envelope.id())
                        .setParameter("topic", event.topic)
                        .setParameter("key", event.key)
                        .setParameter("type", event.type)
                        .setParameter("envelope", row.json())
                        .setParameter("created", envelope.occurredAt().atOffset(ZoneOffset.UTC))
                        .setParameter("shard", shard(event.key, envelope.id(), config.relay().shards()))
                        .executeUpdate())
                .replaceWith(envelope);
    }

    /** An event's envelope and its JSON, validated: declared topic, type and payload set, not too large. */
    private record Row(EventEnvelope envelope, String json) {
    }

    private Row row(OutboxEvent event) throws JsonProcessingException {
        if (!config.topics().containsKey(event.topic)) {
            throw new IllegalArgumentException("Topic " + event.topic + " is not declared: add outbox.topics.\""
                    + event.topic + "\".partitions (and its other settings) to the service's configuration");
        }
        Objects.requireNonNull(event.type, "type");
        Objects.requireNonNull(event.payload, "payload");
        // a payload that already is a tree is used as it is: a fan-out recording one event per VEN would otherwise
        // copy each VEN's tree once more (the row's JSON is written right here, so later changes to it do not count)
        JsonNode payload = event.payload instanceof JsonNode tree ? tree : mapper.valueToTree(event.payload);
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID(), event.type, event.version, Instant.now(),
                event.tenant, event.aggregateVersion, payload);
        String json = mapper.writeValueAsString(envelope);
        long bytes = json.getBytes(StandardCharsets.UTF_8).length
                + (event.key == null ? 0 : event.key.getBytes(StandardCharsets.UTF_8).length);
        if (bytes > maxRecordBytes) {
            throw new OversizedEventException(event.topic, event.type, bytes, maxRecordBytes);
        }
        return new Row(envelope, json);
    }
}
