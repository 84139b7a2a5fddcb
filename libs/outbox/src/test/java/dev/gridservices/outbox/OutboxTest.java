package dev.gridservices.outbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridservices.testkit.InfrastructureResource;
import dev.gridservices.testkit.KafkaTestConsumer;
import dev.gridservices.testkit.KafkaTestProducer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class OutboxTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void rowAndEventCommitTogetherAndTheEventReachesKafkaAndTheConsumer() throws Exception {
        JsonPath created = given().queryParam("name", "first").post("/widgets").then().statusCode(200)
                .extract().jsonPath();
        String id = created.getString("id");
        String eventId = created.getString("eventId");

        given().get("/widgets/" + id).then().statusCode(200).body("name", equalTo("first"));

        List<ConsumerRecord<String, String>> records = KafkaTestConsumer.await("test.widgets",
                r -> r.value().contains(eventId), Duration.ofSeconds(20));
        assertThat(records).hasSize(1);
        assertThat(records.get(0).key()).isEqualTo(id);
        JsonNode envelope = mapper.readTree(records.get(0).value());
        assertThat(envelope.get("type").asText()).isEqualTo("widget.created");
        assertThat(envelope.get("version").asInt()).isEqualTo(1);
        assertThat(envelope.get("tenant").asText()).isEqualTo("org-test");
        assertThat(envelope.get("occurredAt").isNull()).isFalse();
        assertThat(envelope.get("payload").get("name").asText()).isEqualTo("first");

        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().get("/widgets/" + id + "/seen").then().body(equalTo("1")));
        given().get("/widgets/outbox/" + eventId).then().statusCode(200).body("publishedAt", notNullValue());
    }

    @Test
    void aRolledBackTransactionLeavesNeitherRowNorEvent() {
        String body = given().queryParam("name", "doomed").queryParam("fail", true).post("/widgets")
                .then().statusCode(409).extract().asString();
        assertThat(body).doesNotContain("eventId");
        List<ConsumerRecord<String, String>> records = KafkaTestConsumer.await("test.widgets",
                r -> r.value().contains("doomed"), Duration.ofSeconds(3));
        assertThat(records).isEmpty();
    }

    @Test
    void aRedeliveredMessageIsAppliedOnce() {
        JsonPath created = given().queryParam("name", "twice").post("/widgets").then().statusCode(200)
                .extract().jsonPath();
        String id = created.getString("id");
        String eventId = created.getString("eventId");
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().get("/widgets/" + id + "/seen").then().body(equalTo("1")));
        String envelope = KafkaTestConsumer.await("test.widgets", r -> r.value().contains(eventId),
                Duration.ofSeconds(10)).get(0).value();

        KafkaTestProducer.send("test.widgets", id, envelope, envelope);
        // A fresh widget sent after the duplicates proves the consumer got past them.
        String after = given().queryParam("name", "after").post("/widgets").then().statusCode(200)
                .extract().jsonPath().getString("id");
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().get("/widgets/" + after + "/seen").then().body(equalTo("1")));
        given().get("/widgets/" + id + "/seen").then().body(equalTo("1"));
    }
}
