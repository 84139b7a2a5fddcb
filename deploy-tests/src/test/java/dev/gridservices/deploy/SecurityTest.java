package dev.gridservices.deploy;

import dev.gridservices.deploy.Chart.Variant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Credentials only by Secret reference; /internal/* reachable only from the suite's own pods (and the edge, which never routes it). */
class SecurityTest {

    @ParameterizedTest
    @EnumSource(Variant.class)
    void everyWorkloadGetsTheServiceCredentialFromASecretAndNoLiteralSecrets(Variant variant) {
        var workloads = new ArrayList<Map<String, Object>>();
        workloads.addAll(Chart.ofKind(variant, "Deployment"));
        workloads.addAll(Chart.ofKind(variant, "StatefulSet"));
        workloads.addAll(Chart.ofKind(variant, "Job"));
        assertThat(workloads).hasSizeGreaterThanOrEqualTo(7);
        for (var workload : workloads) {
            var pod = Chart.map(workload, "spec", "template", "spec");
            var containers = new ArrayList<Map<String, Object>>(Chart.list(pod, "containers"));
            containers.addAll(Chart.list(pod, "initContainers"));
            for (var container : containers) {
                var env = Chart.list(container, "env");
                var credential = env.stream().filter(e -> "SECURITY_SERVICE_CREDENTIAL".equals(e.get("name"))).findFirst();
                assertThat(credential).as("%s/%s SECURITY_SERVICE_CREDENTIAL", Chart.name(workload), container.get("name")).isPresent();
                assertThat(Chart.map(credential.get(), "valueFrom", "secretKeyRef"))
                        .containsEntry("name", "grid-services-service-credential").containsEntry("key", "service-credential");
                for (var e : env) {
                    String name = (String) e.get("name");
                    if (name.matches(".*(PASSWORD|CREDENTIAL|SECRET|_KEY|KEY_SHA256)$")) {
                        assertThat(e).as("%s of %s comes from a Secret", name, Chart.name(workload)).doesNotContainKey("value");
                    }
                }
            }
        }
    }

    @Test
    void mqttClientsConnectToTheBrokerAsTheirServiceUnderTheirOwnConfigPrefix() {
        for (var expected : Map.of("dispatch-service", "MQTT", "telemetry-ingest-service", "TELEMETRY_MQTT").entrySet()) {
            var env = Chart.list(Chart.list(Chart.one(Variant.DEFAULT, "Deployment", expected.getKey()),
                    "spec", "template", "spec", "containers").get(0), "env");
            String prefix = expected.getValue();
            assertThat(env).contains(Map.of("name", prefix + "_HOST", "value", "mqtt-broker"),
                    Map.of("name", prefix + "_PORT", "value", "1883"),
                    Map.of("name", prefix + "_USERNAME", "value", "service:" + expected.getKey()));
            assertThat(env).anySatisfy(e -> assertThat(e).containsEntry("name", prefix + "_PASSWORD")
                    .containsEntry("valueFrom", Map.of("secretKeyRef",
                            Map.of("name", "grid-services-service-credential", "key", "service-credential"))));
        }
    }

    @Test
    void servicePortsAdmitOnlyTheSuiteTheEdgeAndPrometheus() {
        for (String service : Chart.SERVICES) {
            var policy = Chart.one(Variant.DEFAULT, "NetworkPolicy", service);
            assertThat(Chart.map(policy, "spec", "podSelector", "matchLabels"))
                    .isEqualTo(Map.of("app.kubernetes.io/name", service, "app.kubernetes.io/instance", Chart.RELEASE));
            assertThat(Chart.map(policy, "spec").get("policyTypes")).isEqualTo(List.of("Ingress"));
            var rules = Chart.list(policy, "spec", "ingress");
            assertThat(rules).hasSize(1);
            assertThat(Chart.list(rules.get(0), "from")).containsExactly(
                    Map.of("podSelector", Map.of("matchLabels", Map.of(
                            "app.kubernetes.io/part-of", "grid-services", "app.kubernetes.io/instance", Chart.RELEASE))),
                    Map.of("namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "ingress-nginx"))),
                    Map.of("namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "monitoring"))));
            // The suite's pods are the ones the podSelector admits: every workload of the chart carries its labels.
            var podLabels = Chart.map(Chart.one(Variant.DEFAULT, "Deployment", service), "spec", "template", "metadata", "labels");
            assertThat(podLabels).containsEntry("app.kubernetes.io/part-of", "grid-services")
                    .containsEntry("app.kubernetes.io/instance", Chart.RELEASE);
        }
    }

    @Test
    void theBrokerAdmitsOnlyTheSuiteUnlessItIsPublic() {
        var internal = Chart.one(Variant.DEFAULT, "NetworkPolicy", "mqtt-broker");
        assertThat(Chart.list(Chart.list(internal, "spec", "ingress").get(0), "from")).hasSize(1);

        var production = Chart.one(Variant.PRODUCTION, "NetworkPolicy", "mqtt-broker");
        assertThat(Chart.list(production, "spec", "ingress").get(0)).doesNotContainKey("from");
        assertThat(Chart.one(Variant.PRODUCTION, "Service", "mqtt-broker-public")).isNotNull();
    }

    @Test
    void theBrokerIsOneReplicaWithAVolume() {
        for (Variant variant : Variant.values()) {
            var broker = Chart.one(variant, "StatefulSet", "mqtt-broker");
            assertThat(Chart.map(broker, "spec").get("replicas")).isEqualTo(1);
            assertThat(Chart.list(broker, "spec", "volumeClaimTemplates")).singleElement()
                    .satisfies(pvc -> assertThat(Chart.map(pvc, "spec").get("accessModes")).isEqualTo(List.of("ReadWriteOnce")));
            assertThat(Chart.ofKind(variant, "PodDisruptionBudget")).extracting(Chart::name).doesNotContain("mqtt-broker");
            assertThat(Chart.ofKind(variant, "HorizontalPodAutoscaler")).extracting(Chart::name).doesNotContain("mqtt-broker");
        }
    }

    @Test
    void productionScalesTheServicesAndProtectsThemFromDrains() {
        assertThat(Chart.ofKind(Variant.PRODUCTION, "HorizontalPodAutoscaler")).extracting(Chart::name)
                .containsExactlyInAnyOrderElementsOf(Chart.SERVICES);
        assertThat(Chart.ofKind(Variant.PRODUCTION, "PodDisruptionBudget")).extracting(Chart::name)
                .containsExactlyInAnyOrderElementsOf(Chart.SERVICES);
        assertThat(Chart.map(Chart.one(Variant.PRODUCTION, "HorizontalPodAutoscaler", "telemetry-ingest-service"), "spec"))
                .containsEntry("minReplicas", 3).containsEntry("maxReplicas", 12);
        assertThat(Chart.ofKind(Variant.DEFAULT, "HorizontalPodAutoscaler")).isEmpty();
    }

    @Test
    void migrationsRunAsHookJobsOrInitContainers() throws Exception {
        assertThat(java.nio.file.Files.readString(Chart.CHART.resolve("templates/components.yaml")))
                .contains("helm.sh/hook: pre-install,pre-upgrade");
        for (String service : Chart.SERVICES) {
            var job = Chart.one(Variant.DEFAULT, "Job", service + "-flyway");
            assertThat(Chart.map(job, "metadata", "annotations")).containsEntry(Chart.HOOK_ANNOTATION, "pre-install,pre-upgrade");
            var env = Chart.list(Chart.list(job, "spec", "template", "spec", "containers").get(0), "env");
            assertThat(env).contains(Map.of("name", "QUARKUS_FLYWAY_ACTIVE", "value", "true"),
                    Map.of("name", "QUARKUS_INIT_AND_EXIT", "value", "true"));

            var local = Chart.one(Variant.LOCAL, "Deployment", service);
            assertThat(Chart.list(local, "spec", "template", "spec", "initContainers")).extracting(c -> c.get("name"))
                    .containsExactly("flyway-migrate");
        }
        assertThat(Chart.ofKind(Variant.LOCAL, "Job")).isEmpty();
    }
}
