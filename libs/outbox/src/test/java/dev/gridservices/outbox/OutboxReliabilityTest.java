package dev.gridservices.outbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridservices.testkit.Infrastructure;
import dev.gridservices.testkit.InfrastructureResource;
import dev.gridservices.testkit.KafkaTestConsumer;
import dev.gridservices.testkit.KafkaTestProducer;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class OutboxReliabilityTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String INSERT = "INSERT INTO outbox_message (id, topic, message_key, type, envelope, created_at, shard) "
            + "VALUES ($1, $2, $3, $4, $5, now(), $6)";

    @Inject
    Outbox outbox;
    @Inject
    OutboxRelay relay;
    @Inject
    OutboxProducer producer;
    @Inject
    OutboxRetention retention;
    @Inject
    OutboxTopics topics;
    @Inject
    OutboxConfig config;
    @Inject
    Pool pool;
    @Inject
    MeterRegistry registry;
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void aPoisonRowIsParkedAndTheNextRowOfItsKeyIsStillPublished() {
        double parkedBefore = registry.counter("outbox.messages.parked").count();
        relay.refreshLag().await().atMost(WAIT);
        long parkedGaugeBefore = relay.parkedCount();
        String key = "poison-" + UUID.randomUUID();
        int shard = Outbox.shard(key, null, config.relay().shards());
        UUID poison = UUID.randomUUID();
        UUID next = UUID.randomUUID();
        // Larger than the producer's max.request.size: Kafka refuses it on every attempt.
        String oversized = "\"" + "x".repeat(producer.maxRequestSize() + 10) + "\"";
        pool.withTransaction(conn -> conn.preparedQuery(INSERT)
                        .execute(Tuple.of(poison, "test.ordering", key, "widget.poison", oversized, shard))
                        .chain(() -> conn.preparedQuery(INSERT)
                                .execute(Tuple.of(next, "test.ordering", key, "widget.next", "{\"next\":\"" + next + "\"}", shard))))
                .await().atMost(WAIT);

        assertThat(KafkaTestConsumer.await("test.ordering", r -> r.value().contains(next.toString()), WAIT)).hasSize(1);
        Awaitility.await().atMost(WAIT).until(() -> row(poison).getValue("parked_at") != null);
        Row parked = row(poison);
        assertThat(parked.getInteger("attempts")).isEqualTo(3);
        assertThat(parked.getString("last_error")).contains("RecordTooLargeException");
        assertThat(parked.getValue("published_at")).isNull();
        assertThat(registry.counter("outbox.messages.parked").count() - parkedBefore).isEqualTo(1.0);
        relay.refreshLag().await().atMost(WAIT);
        assertThat(relay.parkedCount() - parkedGaugeBefore).isEqualTo(1);
    }

    @Test
    void anOversizedEventIsRefusedAtRecordWithAClearError() {
        Map<String, String> payload = Map.of("blob", "x".repeat(producer.maxRequestSize()));
        assertThatThrownBy(() -> outbox.event("test.widgets").key("big").type("widget.big").payload(payload)
                .record().await().atMost(WAIT))
                .isInstanceOf(OversizedEventException.class)
                .hasMessageContaining("max.request.size")
                .hasMessageContaining("test.widgets");
        assertThatThrownBy(() -> outbox.event("not.declared").type("widget.created").payload(Map.of())
                .record().await().atMost(WAIT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outbox.topics.\"not.declared\"");
    }

    @Test
    void aStaleOutOfOrderUpdateIsRefusedByTheInbox() throws Exception {
        String widget = UUID.randomUUID().toString();
        UUID v2 = UUID.randomUUID();
        UUID v1 = UUID.randomUUID();
        UUID v3 = UUID.randomUUID();
        KafkaTestProducer.send("test.versions", widget, envelope(v2, widget, 2), envelope(v1, widget, 1),
                envelope(v3, widget, 3), envelope(v3, widget, 3));
        // v3 applied is the marker that v1 (sent before it) was already seen and refused.
        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/widgets/" + widget + "/applied").then()
                .body("", hasItem(v3.toString())));
        List<String> applied = given().get("/widgets/" + widget + "/applied").then().extract().jsonPath().getList("");
        assertThat(applied).containsExactlyInAnyOrder(v2.toString(), v3.toString());
    }

    @Test
    void aCommitWakesTheRelayLongBeforeTheSafetyNetPoll() {
        assertThat(config.relay().interval()).isGreaterThanOrEqualTo(Duration.ofMinutes(5));
        String eventId = given().queryParam("name", "notified").post("/widgets").then().statusCode(200)
                .extract().jsonPath().getString("eventId");
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> row(UUID.fromString(eventId)).getValue("published_at") != null);
        Row row = pool.preparedQuery("SELECT EXTRACT(EPOCH FROM published_at - created_at) * 1000 FROM outbox_message "
                + "WHERE id = $1").execute(Tuple.of(UUID.fromString(eventId))).await().atMost(WAIT).iterator().next();
        assertThat(row.getNumeric(0).doubleValue()).isLessThan(2_000);
    }

    @Test
    void retentionDeletesOldPublishedRowsAndOldInboxRowsButKeepsTheRest() {
        UUID oldPublished = UUID.randomUUID();
        UUID recentPublished = UUID.randomUUID();
        UUID oldParked = UUID.randomUUID();
        String insert = "INSERT INTO outbox_message (id, topic, message_key, type, envelope, created_at, published_at, "
                + "parked_at, shard) VALUES ($1, 'test.ordering', 'retention', 'widget.old', '{}', now() - make_interval(days => $2), "
                + "$3, $4, 0)";
        pool.withTransaction(conn -> conn.preparedQuery(insert)
                        .execute(Tuple.of(oldPublished, 30, Instant.now().minus(Duration.ofDays(30))
                                .atOffset(java.time.ZoneOffset.UTC), null))
                        .chain(() -> conn.preparedQuery(insert).execute(Tuple.of(recentPublished, 0,
                                Instant.now().atOffset(java.time.ZoneOffset.UTC), null)))
                        .chain(() -> conn.preparedQuery(insert).execute(Tuple.of(oldParked, 30, null,
                                Instant.now().minus(Duration.ofDays(30)).atOffset(java.time.ZoneOffset.UTC)))))
                .await().atMost(WAIT);
        UUID oldInbox = UUID.randomUUID();
        UUID recentInbox = UUID.randomUUID();
        pool.preparedQuery("INSERT INTO inbox_message (consumer, message_id, received_at) VALUES "
                        + "('retention', $1, now() - interval '60 days'), ('retention', $2, now())")
                .execute(Tuple.of(oldInbox, recentInbox)).await().atMost(WAIT);
        double before = registry.counter("outbox.retention.deleted", "table", "outbox_message").count();

        long deleted = retention.run().await().atMost(WAIT);

        assertThat(deleted).isGreaterThanOrEqualTo(2);
        assertThat(exists("outbox_message", "id", oldPublished)).isFalse();
        assertThat(exists("outbox_message", "id", recentPublished)).isTrue();
        assertThat(exists("outbox_message", "id", oldParked)).isTrue();
        assertThat(exists("inbox_message", "message_id", oldInbox)).isFalse();
        assertThat(exists("inbox_message", "message_id", recentInbox)).isTrue();
        assertThat(registry.counter("outbox.retention.deleted", "table", "outbox_message").count() - before)
                .isGreaterThanOrEqualTo(1);
    }

    /**
     * Three relays (this application's and two more, as replicas would run them, each with its own
     * producer) drain 2,000 rows of 20 keys in small batches at once; each key's events must reach Kafka
     * exactly once and in the order written. Without one sender per shard (e.g. batches claimed with
     * FOR UPDATE SKIP LOCKED alone), the fast replica's later batch of a key overtakes the slow one's.
     */
    @Test
    void severalRelaysKeepPerKeyOrder() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        int keys = 20;
        int perKey = 100;
        pool.preparedQuery("INSERT INTO outbox_message (id, topic, message_key, type, envelope, created_at, shard) "
                        + "SELECT gen_random_uuid(), 'test.ordering', k.key, 'widget.step', g.step::text, now(), k.shard "
                        + "FROM generate_series(1, $1) AS g(step), unnest($2::text[], $3::int[]) AS k(key, shard) "
                        + "ORDER BY g.step, k.key")
                .execute(Tuple.of(perKey, keyNames(run, keys), keyShards(run, keys))).await().atMost(WAIT);
        OutboxRelay.Settings small = new OutboxRelay.Settings(25, config.relay().shards(), 4, 3,
                Duration.ofSeconds(10), Duration.ofMillis(100));
        // Each replica has its own producer; one of them is slow, so a batch it claimed would reach
        // Kafka after a later batch of the same key claimed by a fast replica, unless the shard is theirs alone.
        OutboxProducer slowProducer = new OutboxProducer(kafkaConfig, config.producer()) {
            @Override
            public CompletableFuture<RecordMetadata> send(String topic, String key, String value) {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.send(topic, key, value);
            }
        };
        OutboxProducer fastProducer = new OutboxProducer(kafkaConfig, config.producer());
        OutboxRelay slow = new OutboxRelay(small, pool, slowProducer, registry);
        OutboxRelay fast = new OutboxRelay(small, pool, fastProducer, registry);
        try {
            Uni.join().all(slow.drain(), fast.drain(), relay.drain()).andFailFast().await().atMost(WAIT);
        } finally {
            slowProducer.close();
            fastProducer.close();
        }

        Map<String, List<Integer>> received = consume("test.ordering", "order-" + run + "-", keys * perKey);
        assertThat(received).hasSize(keys);
        List<Integer> expected = IntStream.rangeClosed(1, perKey).boxed().toList();
        received.forEach((key, steps) -> assertThat(steps).as(key).containsExactlyElementsOf(expected));
    }

    @Test
    void topicsAreDeclaredFromConfigurationAndRedeclaringIsHarmless() throws Exception {
        topics.declare();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                Infrastructure.kafka().bootstrapServers()))) {
            Map<String, TopicDescription> described = admin.describeTopics(List.of("test.state", "test.ordering",
                    "dead-letter-topic-versions-in")).allTopicNames().get();
            assertThat(described.get("test.state").partitions()).hasSize(2);
            assertThat(described.get("test.ordering").partitions()).hasSize(4);
            // The consumers' dead-letter topics are declared too (the broker would auto-create 3 partitions).
            assertThat(described.get("dead-letter-topic-versions-in").partitions()).hasSize(1);
            ConfigResource state = new ConfigResource(ConfigResource.Type.TOPIC, "test.state");
            Config stateConfig = admin.describeConfigs(List.of(state)).all().get().get(state);
            assertThat(stateConfig.get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(stateConfig.get("min.insync.replicas").value()).isEqualTo("1");
        }
    }

    @Test
    void aMalformedRecordIsDeadLetteredAndTheNextRecordIsApplied() {
        String junk = "not an envelope " + UUID.randomUUID();
        KafkaTestProducer.send("test.widgets", "junk", junk);
        String after = given().queryParam("name", "after-junk").post("/widgets").then().statusCode(200)
                .extract().jsonPath().getString("id");
        Awaitility.await().atMost(WAIT).untilAsserted(() ->
                given().get("/widgets/" + after + "/seen").then().body(equalTo("1")));
        assertThat(KafkaTestConsumer.await("dead-letter-topic-widgets-in", r -> r.value().equals(junk), WAIT))
                .hasSize(1);
    }

    @Test
    void kafkaIsInformationInHealthNotReadiness() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", not(hasItem(org.hamcrest.Matchers.containsString("Kafka"))));
        given().get("/q/health").then()
                .body("checks.find { it.name == 'Kafka (outbox relay)' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'Kafka (outbox relay)' }.data.kafka", equalTo("reachable"));
    }

    private String envelope(UUID id, String widget, long aggregateVersion) throws Exception {
        return mapper.writeValueAsString(Map.of("id", id, "type", "widget.renamed", "version", 1,
                "occurredAt", Instant.now().toString(), "tenant", "org-test", "aggregateVersion", aggregateVersion,
                "payload", Map.of("id", widget, "name", "v" + aggregateVersion)));
    }

    private Row row(UUID id) {
        return pool.preparedQuery("SELECT * FROM outbox_message WHERE id = $1").execute(Tuple.of(id))
                .await().atMost(WAIT).iterator().next();
    }

    private boolean exists(String table, String column, UUID id) {
        return pool.preparedQuery("SELECT 1 FROM " + table + " WHERE " + column + " = $1").execute(Tuple.of(id))
                .await().atMost(WAIT).size() == 1;
    }

    private String[] keyNames(String run, int keys) {
        return IntStream.range(0, keys).mapToObj(k -> "order-" + run + "-" + k).toArray(String[]::new);
    }

    private Integer[] keyShards(String run, int keys) {
        return IntStream.range(0, keys).mapToObj(k -> Outbox.shard("order-" + run + "-" + k, null,
                config.relay().shards())).toArray(Integer[]::new);
    }

    /** Every record of keys starting with {@code prefix}, in partition order, until {@code count} arrived. */
    private static Map<String, List<Integer>> consume(String topic, String prefix, int count) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafka().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "order-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Map<String, List<Integer>> received = new HashMap<>();
        int seen = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(WAIT);
            while (seen < count && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() != null && r.key().startsWith(prefix)) {
                        received.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(Integer.parseInt(r.value()));
                        seen++;
                    }
                }
            }
        }
        return received;
    }
}
