package dev.gridservices.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridservices.deploy.Chart.Variant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The broker's /q/metrics is scraped by the suite's ServiceMonitor like a service's, and reachable by Prometheus. */
class BrokerMetricsChartTest {

    @Test
    void theBrokersMetricsPortIsDeclaredPassedAndLabelledForTheServiceMonitor() {
        for (Variant variant : Variant.values()) {
            int metricsPort = (Integer) Chart.map(Chart.mergedValues(variant), "mqttBroker").get("metricsPort");
            var service = Chart.one(variant, "Service", "mqtt-broker");
            assertThat(Chart.map(service, "metadata", "labels")).containsEntry("gridservices.dev/metrics", "true")
                    .containsEntry("app.kubernetes.io/instance", Chart.RELEASE);
            assertThat(Chart.list(service, "spec", "ports"))
                    .contains(Map.of("name", "http", "port", metricsPort, "targetPort", "http", "protocol", "TCP"));

            var container = Chart.list(Chart.one(variant, "StatefulSet", "mqtt-broker"),
                    "spec", "template", "spec", "containers").get(0);
            assertThat(Chart.list(container, "ports"))
                    .contains(Map.of("name", "http", "containerPort", metricsPort, "protocol", "TCP"));
            assertThat(Chart.list(container, "env"))
                    .contains(Map.of("name", "MQTT_BROKER_METRICS_PORT", "value", String.valueOf(metricsPort)));
        }
    }

    @Test
    void prometheusMayReachTheMetricsPortAndOnlyTheSuiteTheMqttPort() {
        var values = Chart.mergedValues(Variant.PRODUCTION);
        int metricsPort = (Integer) Chart.map(values, "mqttBroker").get("metricsPort");
        var rules = Chart.list(Chart.one(Variant.PRODUCTION, "NetworkPolicy", "mqtt-broker"), "spec", "ingress");
        var metricsRule = rules.stream()
                .filter(rule -> Chart.list(rule, "ports").stream().anyMatch(p -> p.get("port").equals(metricsPort)))
                .findFirst().orElseThrow();
        List<Map<String, Object>> from = Chart.list(metricsRule, "from");
        assertThat(from).anySatisfy(peer -> assertThat(peer).containsKey("namespaceSelector"));
        assertThat(from).anySatisfy(peer -> assertThat(peer).containsKey("podSelector"));
        assertThat(Chart.list(metricsRule, "ports")).hasSize(1);
    }
}
