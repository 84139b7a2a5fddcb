package dev.gridservices.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The test client survives a connection the broker drops: it reconnects, keeps its subscription, publishes on. */
class MqttTestClientTest {

    @Test
    void aDroppedConnectionIsReestablishedWithItsSubscriptionAndPublishingGoesOn() {
        try (MqttTestClient subscriber = MqttTestClient.connect(); MqttTestClient publisher = MqttTestClient.connect()) {
            subscriber.subscribe("kit/test/#");
            publisher.publish("kit/test/1", "one");
            await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.received().size() == 1);

            assertThat(Infrastructure.mqtt().dropConnection(subscriber.clientId())).isTrue();
            assertThat(Infrastructure.mqtt().dropConnection(publisher.clientId())).isTrue();
            publisher.publish("kit/test/2", "two");
            publisher.publish("kit/test/3", "three");

            await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.received().size() >= 3);
            assertThat(subscriber.received()).extracting(MqttTestClient.Received::payload)
                    .containsExactly("one", "two", "three");
        }
    }
}
