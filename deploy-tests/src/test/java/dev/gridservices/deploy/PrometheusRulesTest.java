package dev.gridservices.deploy;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** promtool check rules / test rules on the alert rules, and every dashboard panel's PromQL parsed by promtool. */
class PrometheusRulesTest {

    static final Path PROMETHEUS = Chart.CHART.resolve("files/prometheus");
    static final Path DASHBOARDS = Chart.CHART.resolve("files/dashboards");

    @Test
    void rulesPassPromtoolCheck() {
        var result = Promtool.promtool(PROMETHEUS, "check", "rules", "grid-services-rules.yaml");
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    @SuppressWarnings("unchecked")
    void localScrapeConfigPassesPromtoolAndScrapesEveryServiceAndTheBrokerOnTheirLocalPorts() {
        var result = Promtool.promtool(Chart.DEPLOY, "check", "config", "prometheus-local.yml");
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: 1 rule files found");

        var ports = (Map<String, Map<String, Object>>) Chart.readYaml(Chart.DEPLOY.resolve("routes.yaml")).get("services");
        var jobs = Chart.list(Chart.readYaml(Chart.DEPLOY.resolve("prometheus-local.yml")), "scrape_configs");
        var expected = new java.util.ArrayList<>(Chart.SERVICES);
        expected.add("mqtt-broker");
        assertThat(jobs).extracting(j -> j.get("job_name")).containsExactlyInAnyOrderElementsOf(expected);
        for (var job : jobs) {
            assertThat(job).containsEntry("metrics_path", "/q/metrics");
            // the broker's metrics port in the local stack: --mqtt-metrics-port, 8087 by default
            Object port = job.get("job_name").equals("mqtt-broker") ? 8087 : ports.get(job.get("job_name")).get("port");
            assertThat(Chart.list(job, "static_configs").get(0).get("targets")).isEqualTo(List.of("127.0.0.1:" + port));
        }
    }

    @Test
    void everyAlertHasAUnitTestAndTheTestsPass() {
        Set<String> alerts = new LinkedHashSet<>();
        for (var group : Chart.list(Chart.readYaml(PROMETHEUS.resolve("grid-services-rules.yaml")), "groups")) {
            Chart.list(group, "rules").forEach(r -> alerts.add((String) r.get("alert")));
        }
        Set<String> tested = new LinkedHashSet<>();
        for (var test : Chart.list(Chart.readYaml(PROMETHEUS.resolve("grid-services-rules.test.yaml")), "tests")) {
            for (var alertTest : Chart.list(test, "alert_rule_test")) {
                assertThat(Chart.list(alertTest, "exp_alerts")).as("%s expects a firing alert", alertTest.get("alertname")).isNotEmpty();
                tested.add((String) alertTest.get("alertname"));
            }
        }
        assertThat(tested).containsExactlyInAnyOrderElementsOf(alerts);

        var result = Promtool.promtool(PROMETHEUS, "test", "rules", "grid-services-rules.test.yaml");
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void everyDashboardQueryParses() throws Exception {
        // promtool has no PromQL linter of its own; a recording rule per panel query makes check rules parse each one.
        List<Map<String, Object>> rules = new ArrayList<>();
        Map<String, String> queries = DashboardsTest.queries();
        assertThat(queries).hasSizeGreaterThan(20);
        int i = 0;
        for (var query : queries.entrySet()) {
            var rule = new LinkedHashMap<String, Object>();
            rule.put("record", "dashboard:query:" + i++);
            rule.put("expr", query.getValue());
            rules.add(rule);
        }
        Path file = Chart.TARGET.resolve("dashboard-queries.rules.yaml");
        Files.createDirectories(file.getParent());
        Chart.YAML.writeValue(file.toFile(), Map.of("groups", List.of(Map.of("name", "dashboards", "rules", rules))));

        var result = Promtool.promtool(Chart.TARGET, "check", "rules", file.getFileName().toString());
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: " + queries.size() + " rules found");
    }
}
