package dev.gridservices.outbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.gridservices.testkit.InfrastructureResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Kafka unreachable from the start (its address points at a closed port): the service must stay ready
 * and keep accepting writes, its events buffered in the outbox; /q/health tells that Kafka is away.
 */
@QuarkusTest
@TestProfile(KafkaDownReadinessTest.KafkaAway.class)
class KafkaDownReadinessTest {

    @Inject
    OutboxRelay relay;

    @Test
    void aProducingServiceStaysReadyAndBuffersWhileKafkaIsAway() {
        relay.refreshLag().await().atMost(Duration.ofSeconds(30));
        long pendingBefore = relay.pendingCount();

        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().queryParam("name", "buffered").post("/widgets").then().statusCode(200);

        relay.refreshLag().await().atMost(Duration.ofSeconds(30));
        assertThat(relay.pendingCount() - pendingBefore).isEqualTo(1);
        assertThat(relay.ready()).isFalse();
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health").then().statusCode(503)
                .body("checks.find { it.name == 'Kafka (outbox relay)' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'Kafka (outbox relay)' }.data.kafka", equalTo("unreachable"))
                .body("checks.find { it.name == 'Kafka (outbox relay)' }.data.pending", equalTo((int) relay.pendingCount()));
    }

    public static class KafkaAway implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(UnreachableKafkaResource.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            // Give up on the absent broker quickly rather than after the default minute.
            return Map.of("outbox.producer.max.block.ms", "1000");
        }
    }

    /** The shared PostgreSQL, and a Kafka address where nothing listens (port 9, discard, closed here). */
    public static class UnreachableKafkaResource extends InfrastructureResource {
        @Override
        public Map<String, String> start() {
            Map<String, String> config = new java.util.HashMap<>(super.start());
            config.put("kafka.bootstrap.servers", "127.0.0.1:9");
            return config;
        }
    }
}
