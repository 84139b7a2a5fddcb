package dev.gridservices.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridservices.testkit.KafkaTestProducer;
import dev.gridservices.testkit.MqttTestClient;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A record on the real events.dispatched topic reaches the right VEN through the real MQTT broker. */
@QuarkusTest
class MqttEventDeliveryTest {

    private final ObjectMapper mapper = new ObjectMapper();

    private static String dispatched(String venId, String eventId) {
        return """
                {"id":"%s","type":"event.dispatched","version":1,"occurredAt":"%s","tenant":"org-1",
                 "payload":{"venID":"%s","operation":"POST",
                            "event":{"id":"%s","programID":"prog-1","intervals":[]}}}
                """.formatted(UUID.randomUUID(), Instant.now(), venId, eventId);
    }

    @Test
    void aDispatchedEventIsPublishedToItsVenOnly() throws Exception {
        String ven = "ven-" + UUID.randomUUID();
        String other = "ven-" + UUID.randomUUID();
        try (MqttTestClient mine = MqttTestClient.connect().subscribe("texture/v2/" + ven + "/events/#");
             MqttTestClient theirs = MqttTestClient.connect().subscribe("texture/v2/" + other + "/events/#")) {
            KafkaTestProducer.send("events.dispatched", ven, dispatched(ven, "evt-1"));

            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !mine.received().isEmpty());
            MqttTestClient.Received message = mine.received().get(0);
            assertThat(message.topic()).isEqualTo("texture/v2/" + ven + "/events/evt-1");
            JsonNode notification = mapper.readTree(message.payload());
            assertThat(notification.get("objectType").asText()).isEqualTo("EVENT");
            // a record written with the HTTP method name is published with the OpenADR operation
            assertThat(notification.get("operation").asText()).isEqualTo("CREATE");
            assertThat(notification.get("object").get("programID").asText()).isEqualTo("prog-1");
            assertThat(theirs.received()).isEmpty();
        }
    }

    @Test
    void aVenIdThatWouldEscapeItsTopicIsNotPublished() {
        try (MqttTestClient spy = MqttTestClient.connect().subscribe("texture/v2/#")) {
            KafkaTestProducer.send("events.dispatched", "x", dispatched("a/b", "evt-2"), dispatched("ok-ven", "evt-3"));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> spy.received().stream()
                    .anyMatch(r -> r.topic().endsWith("/evt-3")));
            assertThat(spy.received()).noneMatch(r -> r.topic().endsWith("/evt-2"));
        }
    }
}
