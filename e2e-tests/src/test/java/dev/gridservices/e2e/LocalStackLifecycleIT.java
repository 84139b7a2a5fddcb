package dev.gridservices.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.gridservices.localstack.LocalStack;
import dev.gridservices.localstack.process.ServiceProcess;
import dev.gridservices.localstack.seed.DemoTenant;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** What the launcher promises about its processes and its data folder (PostgreSQL and Kafka). */
@Order(4)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackLifecycleIT {

    @Test
    @Order(1)
    void aServiceThatDiesIsReportedWithItsLogAndItsRoutesAnswer503() {
        LocalStack stack = SuiteStack.get();
        ServiceProcess victim = stack.service("telemetry-ingest-service").orElseThrow();

        ProcessHandle.of(victim.pid()).orElseThrow().destroyForcibly();

        await().atMost(Duration.ofSeconds(20)).until(() -> !stack.exitReports().isEmpty());
        assertThat(stack.exitReports()).singleElement().asString()
                .contains("telemetry-ingest-service (pid " + victim.pid() + ") exited unexpectedly with code 137")
                .contains(victim.logFile().toString())
                .contains("telemetry-ingest-service");
        assertThat(SuiteStack.consoleOutput()).contains("!! telemetry-ingest-service (pid " + victim.pid() + ")");
        given().baseUri(stack.gatewayUrl()).contentType(ContentType.JSON).body("{}")
                .post("/v2/reports")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("https://direct.texturehq.com/errors/service-unavailable"));
        // the others are unaffected
        assertThat(stack.service("auth-service").orElseThrow().isAlive()).isTrue();
    }

    @Test
    @Order(2)
    void aRestartKeepsTheData() throws Exception {
        LocalStack before = SuiteStack.get();
        DemoTenant demo = before.demoTenant().orElseThrow();
        String organizationId = given().baseUri(before.gatewayUrl())
                .header("Texture-Api-Key", before.adminApiKey())
                .contentType(ContentType.JSON)
                .body(Map.of("name", "Restart Check Energy", "domain", "restart-check.example.com", "kind", "utility"))
                .post("/v1/organization")
                .then().statusCode(201).extract().path("id");
        String organizationKey = given().baseUri(before.gatewayUrl())
                .header("Texture-Api-Key", before.adminApiKey())
                .contentType(ContentType.JSON)
                .body(Map.of("name", "restart-check", "type", "SERVER"))
                .post("/v1/organizations/" + organizationId + "/api-keys")
                .then().statusCode(201).extract().path("key");

        String topic = "e2e.restart-check";
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(kafkaConfig(before), new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, organizationId, "before restart")).get(30, TimeUnit.SECONDS);
        }

        LocalStack after = SuiteStack.restart(List.of("auth-service"));

        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(kafkaConfig(after), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1),
                    new TopicPartition(topic, 2)));
            consumer.seekToBeginning(consumer.assignment());
            List<String> values = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> values.add(record.value()));
                return !values.isEmpty();
            });
            assertThat(values).containsExactly("before restart");
        }

        given().baseUri(after.gatewayUrl()).header("Texture-Api-Key", organizationKey)
                .get("/v1/organization")
                .then().statusCode(200).body("name", equalTo("Restart Check Energy"));
        // the seed is not repeated (only auth-service runs now: any seeding call would fail), and the demo
        // clients still get tokens: their secrets' hashes and the encrypted signing keys survived
        assertThat(after.demoTenant()).contains(demo);
        for (String[] client : List.of(new String[]{demo.utility().clientId(), demo.utility().clientSecret()},
                new String[]{demo.oem().clientId(), demo.oem().clientSecret()})) {
            given().baseUri(after.gatewayUrl()).contentType(ContentType.URLENC)
                    .formParam("grant_type", "client_credentials")
                    .formParam("client_id", client[0])
                    .formParam("client_secret", client[1])
                    .post("/v2/auth/token")
                    .then().statusCode(200);
        }
        SuiteStack.stop();
    }

    private static Map<String, Object> kafkaConfig(LocalStack stack) {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    }
}
