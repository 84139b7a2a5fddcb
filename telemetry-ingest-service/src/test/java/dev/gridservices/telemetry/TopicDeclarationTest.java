package dev.gridservices.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gridservices.openadr.telemetry.TelemetryReading;
import dev.gridservices.testkit.Infrastructure;
import dev.gridservices.testkit.InfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

/**
 * telemetry.raw is created by the service's start-up declaration (outbox.topics), with its declared
 * partitions and settings, not by broker auto-creation (the test broker's default is 3 partitions).
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class TopicDeclarationTest {

    @Test
    void telemetryRawIsDeclaredWithItsPartitionsAndRetention() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                Infrastructure.kafka().bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    admin.listTopics().names().get().contains(TelemetryReading.TOPIC));
            TopicDescription topic = admin.describeTopics(List.of(TelemetryReading.TOPIC)).allTopicNames().get()
                    .get(TelemetryReading.TOPIC);
            assertThat(topic.partitions()).hasSize(12);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, TelemetryReading.TOPIC);
            var config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("delete");
            assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value())
                    .isEqualTo(String.valueOf(Duration.ofDays(7).toMillis()));
        }
    }
}
