package dev.gridservices.outbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridservices.testkit.InfrastructureResource;
import dev.gridservices.testkit.KafkaTestConsumer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The multi-row {@link Outbox#record(java.util.List)}: one INSERT, all or nothing with the business row, in order. */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class OutboxBatchTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Outbox outbox;
    @Inject
    OutboxConfig config;
    @Inject
    Pool pool;

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void aBatchCommitsWithItsRowAndEachKeysEventsArePublishedInListOrder() throws Exception {
        String name = "batch-" + UUID.randomUUID();
        JsonPath created = given().queryParam("name", name).queryParam("count", 60).post("/widgets/batch")
                .then().statusCode(200).extract().jsonPath();
        String widget = created.getString("id");
        List<String> eventIds = created.getList("eventIds");
        assertThat(eventIds).hasSize(60).doesNotHaveDuplicates();
        assertThat(count("SELECT count(*) FROM widget WHERE name = $1", name)).isEqualTo(1);

        // one row per event, seq in list order, the shard of its key, and each envelope as record() returned it
        List<Row> rows = rows("SELECT id, seq, shard, message_key, type, envelope, created_at FROM outbox_message "
                + "WHERE envelope LIKE $1 ORDER BY seq", "%" + name + "%");
        assertThat(rows).extracting(r -> r.getUUID("id").toString()).containsExactlyElementsOf(eventIds);
        for (int n = 0; n < rows.size(); n++) {
            Row row = rows.get(n);
            assertThat(row.getString("message_key")).isEqualTo(widget + ":" + n % 3);
            assertThat(row.getString("type")).isEqualTo("widget.batched");
            assertThat(row.getInteger("shard")).isEqualTo(Outbox.shard(row.getString("message_key"), null,
                    config.relay().shards()));
            JsonNode envelope = mapper.readTree(row.getString("envelope"));
            assertThat(envelope.get("id").asText()).isEqualTo(eventIds.get(n));
            assertThat(envelope.get("payload").get("n").asInt()).isEqualTo(n);
            assertThat(row.getOffsetDateTime("created_at")).isNotNull();
        }

        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> count(
                "SELECT count(*) FROM outbox_message WHERE envelope LIKE $1 AND published_at IS NOT NULL",
                "%" + name + "%") == 60);
        List<ConsumerRecord<String, String>> records = KafkaTestConsumer.await("test.widgets",
                r -> r.value().contains(name), WAIT);
        Map<String, List<Integer>> orderPerKey = new HashMap<>();
        for (ConsumerRecord<String, String> r : records) {
            orderPerKey.computeIfAbsent(r.key(), k -> new ArrayList<>())
                    .add(mapper.readTree(r.value()).get("payload").get("n").asInt());
        }
        assertThat(orderPerKey).hasSize(3);
        for (int k = 0; k < 3; k++) {
            List<Integer> expected = new ArrayList<>();
            for (int n = k; n < 60; n += 3) {
                expected.add(n);
            }
            assertThat(orderPerKey.get(widget + ":" + k)).as("key %d", k).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void aRolledBackTransactionLeavesNeitherTheRowNorAnyEventOfTheBatch() {
        String name = "doomed-batch-" + UUID.randomUUID();
        given().queryParam("name", name).queryParam("count", 20).queryParam("fail", true).post("/widgets/batch")
                .then().statusCode(409);
        assertThat(count("SELECT count(*) FROM widget WHERE name = $1", name)).isZero();
        assertThat(count("SELECT count(*) FROM outbox_message WHERE envelope LIKE $1", "%" + name + "%")).isZero();
    }

    @Test
    void anOversizedEventRefusesTheWholeBatchAndNothingIsWritten() {
        String name = "oversized-batch-" + UUID.randomUUID();
        String problem = given().queryParam("name", name).queryParam("count", 5).queryParam("oversized", true)
                .post("/widgets/batch").then().statusCode(413).extract().asString();
        assertThat(problem).contains("max.request.size").contains("test.widgets");
        assertThat(count("SELECT count(*) FROM widget WHERE name = $1", name)).isZero();
        assertThat(count("SELECT count(*) FROM outbox_message WHERE envelope LIKE $1", "%" + name + "%")).isZero();

        assertThatThrownBy(() -> outbox.record(List.of(
                        outbox.event("test.widgets").key("k").type("widget.ok").payload(Map.of()),
                        outbox.event("not.declared").key("k").type("widget.created").payload(Map.of())))
                .await().atMost(WAIT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outbox.topics.\"not.declared\"");
        assertThat(outbox.record(List.of()).await().atMost(WAIT)).isEmpty();
    }

    private long count(String sql, String param) {
        return pool.preparedQuery(sql).execute(Tuple.of(param)).await().atMost(WAIT).iterator().next().getLong(0);
    }

    private List<Row> rows(String sql, String param) {
        List<Row> out = new ArrayList<>();
        pool.preparedQuery(sql).execute(Tuple.of(param)).await().atMost(WAIT).forEach(out::add);
        return out;
    }
}
