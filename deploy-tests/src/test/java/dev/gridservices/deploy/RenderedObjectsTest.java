package dev.gridservices.deploy;

import dev.gridservices.deploy.Chart.Variant;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rendered object against the Kubernetes model: a built-in kind must map to its fabric8 model class and leave
 * nothing in any {@code additionalProperties} (fabric8's catch-all for fields the schema does not know, so this is
 * FAIL_ON_UNKNOWN_PROPERTIES for the whole tree); wrong types fail the parse. Prometheus-operator CRDs
 * (ServiceMonitor, PrometheusRule) are checked for their structure.
 */
class RenderedObjectsTest {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    @ParameterizedTest
    @EnumSource(Variant.class)
    void everyBuiltInObjectMatchesTheKubernetesSchema(Variant variant) throws Exception {
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> object : Chart.objects(variant)) {
            String apiVersion = (String) object.get("apiVersion");
            String id = object.get("kind") + "/" + Chart.name(object);
            if (apiVersion.startsWith("monitoring.coreos.com/")) {
                continue;
            }
            HasMetadata typed = SERIALIZATION.unmarshal(Chart.JSON.writeValueAsString(object), HasMetadata.class);
            if (typed instanceof GenericKubernetesResource) {
                problems.add(id + ": no Kubernetes model for " + apiVersion);
                continue;
            }
            unknownFields(typed, id, problems, new IdentityHashMap<>());
            // A field the model knows but with the wrong shape would not survive a round trip.
            Object roundTrip = Chart.JSON.readValue(SERIALIZATION.asJson(typed), Map.class);
            difference(Chart.JSON.readValue(Chart.JSON.writeValueAsString(object), Map.class), roundTrip, id, problems);
        }
        assertThat(problems).as("unknown fields or wrong shapes (%s)", variant).isEmpty();
    }

    @Test
    void theCheckSeesUnknownFieldsAndWrongShapes() throws Exception {
        var deployment = Chart.parseAll("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: { name: x }
                spec:
                  selector: { matchLabels: { a: b } }
                  template:
                    metadata: { labels: { a: b } }
                    spec:
                      containers:
                        - name: x
                          image: x
                          livenessProbe: { httpGet: { path: /q/health/live, port: 8080 }, initialDelay: 5 }
                """).get(0);
        HasMetadata typed = SERIALIZATION.unmarshal(Chart.JSON.writeValueAsString(deployment), HasMetadata.class);
        List<String> problems = new ArrayList<>();
        unknownFields(typed, "Deployment/x", problems, new IdentityHashMap<>());
        assertThat(problems).singleElement().asString().contains("livenessProbe").contains("initialDelay");
    }

    @ParameterizedTest
    @EnumSource(value = Variant.class, names = "PRODUCTION")
    void monitoringObjectsHaveTheirOperatorStructure(Variant variant) {
        var monitor = Chart.one(variant, "ServiceMonitor", "grid-services");
        assertThat(monitor.get("apiVersion")).isEqualTo("monitoring.coreos.com/v1");
        assertThat(Chart.map(monitor, "spec").keySet()).containsOnly("selector", "namespaceSelector", "endpoints");
        assertThat(Chart.map(monitor, "spec", "selector", "matchLabels")).containsEntry("gridservices.dev/metrics", "true");
        for (var endpoint : Chart.list(monitor, "spec", "endpoints")) {
            assertThat(endpoint.keySet()).isSubsetOf("port", "path", "interval", "relabelings", "scheme");
            assertThat(endpoint).containsEntry("port", "http").containsEntry("path", "/q/metrics");
        }
        // Every metrics Service has the port the ServiceMonitor names.
        Chart.ofKind(variant, "Service").stream()
                .filter(s -> "true".equals(Chart.map(s, "metadata", "labels").get("gridservices.dev/metrics")))
                .forEach(s -> assertThat(Chart.list(s, "spec", "ports")).extracting(p -> p.get("name")).contains("http"));

        var rule = Chart.one(variant, "PrometheusRule", "grid-services");
        assertThat(rule.get("apiVersion")).isEqualTo("monitoring.coreos.com/v1");
        assertThat(Chart.map(rule, "spec").keySet()).containsOnly("groups");
        for (var group : Chart.list(rule, "spec", "groups")) {
            assertThat(group.keySet()).isSubsetOf("name", "interval", "rules");
            for (var r : Chart.list(group, "rules")) {
                assertThat(r.keySet()).isSubsetOf("alert", "record", "expr", "for", "labels", "annotations");
                assertThat(r).containsKey("expr");
                assertThat(r.containsKey("alert") ^ r.containsKey("record")).isTrue();
            }
        }
        assertThat(Chart.map(rule, "spec")).as("the PrometheusRule carries the promtool-checked rules file unchanged")
                .isEqualTo(Chart.readYaml(Chart.CHART.resolve("files/prometheus/grid-services-rules.yaml")));
    }

    /** Where the model's round trip differs from what was rendered. */
    private static void difference(Object rendered, Object model, String path, List<String> problems) {
        if (rendered instanceof Map<?, ?> a && model instanceof Map<?, ?> b) {
            var keys = new java.util.TreeSet<String>();
            a.keySet().forEach(k -> keys.add(String.valueOf(k)));
            b.keySet().forEach(k -> keys.add(String.valueOf(k)));
            keys.forEach(k -> difference(a.get(k), b.get(k), path + "." + k, problems));
        } else if (rendered instanceof List<?> a && model instanceof List<?> b && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                difference(a.get(i), b.get(i), path + "[" + i + "]", problems);
            }
        } else if (!java.util.Objects.equals(rendered, model)) {
            problems.add(path + ": rendered " + rendered + ", the model reads " + model);
        }
    }

    /** Walks fabric8 model objects and reports every non-empty additionalProperties with its path. */
    private static void unknownFields(Object node, String path, List<String> problems, Map<Object, Boolean> seen)
            throws IllegalAccessException {
        if (node == null || seen.containsKey(node)) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", problems, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> entries) {
            for (var e : entries.entrySet()) {
                unknownFields(e.getValue(), path + "." + e.getKey(), problems, seen);
            }
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        seen.put(node, true);
        for (Class<?> type = node.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                field.setAccessible(true);
                Object value = field.get(node);
                if (field.getName().equals("additionalProperties")) {
                    if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        problems.add(path + ": unknown " + extra.keySet());
                    }
                } else {
                    unknownFields(value, path + "." + field.getName(), problems, seen);
                }
            }
        }
    }
}
