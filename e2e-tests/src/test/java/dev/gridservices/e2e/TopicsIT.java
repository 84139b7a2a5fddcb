package dev.gridservices.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridservices.localstack.LocalStack;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The platform's topics have the shape their producers declare, not the broker's auto-created defaults: six
 * services start at once and consume each other's topics, and a consumer that created a topic first would
 * leave a compacted topic deleting its history after the retention time.
 */
@Order(1)
class TopicsIT {

    /** topic → partitions and cleanup.policy, as each producer's application.properties declares them. */
    private static final Map<String, List<String>> DECLARED = Map.of(
            "programs.changed", List.of("3", "delete"),
            "devices.changed", List.of("6", "compact"),
            "enrollment.changed", List.of("6", "compact"),
            "events.dispatched", List.of("6", "delete"),
            "telemetry.raw", List.of("12", "delete"));

    @Test
    void everyTopicHasThePartitionsAndCleanupPolicyItsProducerDeclared() throws Exception {
        LocalStack stack = SuiteStack.get();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
            Map<String, TopicDescription> topics = admin.describeTopics(DECLARED.keySet()).allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            Map<ConfigResource, Config> configs = admin.describeConfigs(DECLARED.keySet().stream()
                            .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList())
                    .all().get(30, TimeUnit.SECONDS);
            DECLARED.forEach((name, declared) -> {
                assertThat(String.valueOf(topics.get(name).partitions().size())).as(name + " partitions")
                        .isEqualTo(declared.get(0));
                assertThat(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name)).get("cleanup.policy").value())
                        .as(name + " cleanup.policy").isEqualTo(declared.get(1));
            });
        }
    }
}
