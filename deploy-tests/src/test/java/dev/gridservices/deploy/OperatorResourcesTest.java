package dev.gridservices.deploy;

import dev.gridservices.deploy.Chart.Variant;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** deploy/strimzi and deploy/cloudnativepg agree with each other and with the chart's values. */
class OperatorResourcesTest {

    private static List<Map<String, Object>> read(String file) throws Exception {
        return Chart.parseAll(Files.readString(Chart.DEPLOY.resolve(file)));
    }

    @Test
    void everyTopicIsReplicatedAndDevicesChangedIsCompacted() throws Exception {
        var topics = read("strimzi/topics.yaml").stream()
                .peek(t -> assertThat(t).containsEntry("apiVersion", "kafka.strimzi.io/v1beta2").containsEntry("kind", "KafkaTopic"))
                .collect(Collectors.toMap(t -> (String) Chart.map(t, "spec").get("topicName"), t -> t));
        assertThat(topics.keySet()).containsExactlyInAnyOrder(
                "telemetry.raw", "events.dispatched", "enrollment.changed", "devices.changed", "programs.changed");
        topics.forEach((name, topic) -> {
            assertThat(Chart.map(topic, "metadata", "labels")).containsEntry("strimzi.io/cluster", "grid-kafka");
            assertThat(Chart.map(topic, "spec")).containsEntry("replicas", 3);
            assertThat((Integer) Chart.map(topic, "spec").get("partitions")).isPositive();
            assertThat(Chart.map(topic, "spec", "config")).containsEntry("min.insync.replicas", 2)
                    .containsEntry("cleanup.policy", name.equals("devices.changed") ? "compact" : "delete");
        });

        var kafka = read("strimzi/kafka.yaml");
        assertThat(kafka).filteredOn(o -> "Kafka".equals(o.get("kind"))).singleElement()
                .satisfies(k -> assertThat(Chart.name(k)).isEqualTo("grid-kafka"));
        assertThat(kafka).filteredOn(o -> "KafkaNodePool".equals(o.get("kind"))).hasSize(2)
                .allSatisfy(pool -> assertThat(Chart.map(pool, "metadata", "labels")).containsEntry("strimzi.io/cluster", "grid-kafka"));
        // The chart's default bootstrap address is Strimzi's Service for that cluster.
        assertThat(Chart.map(Chart.mergedValues(Variant.PRODUCTION), "kafka").get("bootstrapServers"))
                .isEqualTo("grid-kafka-kafka-bootstrap:9092");
    }

    @Test
    @SuppressWarnings("unchecked")
    void oneDatabaseAndRolePerServiceWithTheSecretTheChartReads() throws Exception {
        var components = (Map<String, Map<String, Object>>) Chart.mergedValues(Variant.PRODUCTION).get("components");
        var cluster = read("cloudnativepg/cluster.yaml").get(0);
        assertThat(cluster).containsEntry("apiVersion", "postgresql.cnpg.io/v1").containsEntry("kind", "Cluster");
        var roles = Chart.list(cluster, "spec", "managed", "roles").stream()
                .collect(Collectors.toMap(r -> (String) r.get("name"), r -> (String) Chart.map(r, "passwordSecret").get("name")));
        var databases = read("cloudnativepg/databases.yaml").stream()
                .peek(d -> assertThat(d).containsEntry("kind", "Database"))
                .peek(d -> assertThat(Chart.map(d, "spec", "cluster")).containsEntry("name", Chart.name(cluster)))
                .collect(Collectors.toMap(d -> (String) Chart.map(d, "spec").get("name"), d -> (String) Chart.map(d, "spec").get("owner")));

        assertThat(components.keySet()).containsExactlyInAnyOrderElementsOf(Chart.SERVICES);
        components.forEach((service, c) -> {
            String db = (String) Chart.map(c, "database").get("name");
            String secret = (String) Chart.map(c, "database").get("existingSecret");
            assertThat(databases).as("a Database for %s", service).containsEntry(db, db);
            assertThat(roles).as("the role of %s reads its password from the chart's Secret", service).containsEntry(db, secret);
        });
        assertThat(databases).hasSize(Chart.SERVICES.size());
        assertThat(Chart.map(Chart.mergedValues(Variant.PRODUCTION), "database")).containsEntry("host", Chart.name(cluster) + "-rw");
    }
}
