package dev.gridservices.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gridservices.deploy.Chart.Variant;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The Grafana dashboards: structure, one per audience, shipped in the sidecar-labelled ConfigMap. */
class DashboardsTest {

    static List<Path> files() {
        try (Stream<Path> files = Files.list(PrometheusRulesTest.DASHBOARDS)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every panel query of every dashboard, keyed "file / panel / refId". */
    static Map<String, String> queries() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Path file : files()) {
            for (JsonNode panel : read(file).path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    out.put(file.getFileName() + " / " + panel.path("title").asText() + " / " + target.path("refId").asText(),
                            target.path("expr").asText());
                }
            }
        }
        return out;
    }

    static JsonNode read(Path file) {
        try {
            return Chart.JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void dashboardsAreWellFormed() {
        assertThat(files()).extracting(p -> p.getFileName().toString())
                .containsExactly("fleet-dispatch.json", "platform-health.json");
        var uids = new HashSet<String>();
        for (Path file : files()) {
            JsonNode dashboard = read(file);
            assertThat(uids.add(dashboard.path("uid").asText())).as("unique uid %s", file).isTrue();
            assertThat(dashboard.path("title").asText()).isNotBlank();
            assertThat(dashboard.path("templating").path("list").findValuesAsText("name")).contains("datasource");
            var ids = new HashSet<Integer>();
            for (JsonNode panel : dashboard.path("panels")) {
                String title = panel.path("title").asText();
                assertThat(ids.add(panel.path("id").asInt())).as("unique panel id in %s", file).isTrue();
                assertThat(panel.path("gridPos").path("w").asInt()).as(title).isPositive();
                assertThat(panel.path("datasource").path("uid").asText()).as(title).isEqualTo("${datasource}");
                assertThat(panel.path("targets").size()).as("%s has queries", title).isPositive();
                for (JsonNode target : panel.path("targets")) {
                    assertThat(target.path("expr").asText()).as(title).isNotBlank();
                }
            }
        }
    }

    @Test
    void dashboardsShipInTheSidecarConfigMap() {
        var configMap = Chart.one(Variant.PRODUCTION, "ConfigMap", "grid-services-dashboards");
        assertThat(Chart.map(configMap, "metadata", "labels")).containsEntry("grafana_dashboard", "1");
        var data = Chart.map(configMap, "data");
        assertThat(data.keySet()).containsExactlyInAnyOrder("fleet-dispatch.json", "platform-health.json");
        for (Path file : files()) {
            assertThat(parse((String) data.get(file.getFileName().toString()))).isEqualTo(read(file));
        }
        assertThat(Chart.ofKind(Variant.DEFAULT, "ConfigMap")).extracting(Chart::name).doesNotContain("grid-services-dashboards");
    }

    private static JsonNode parse(String json) {
        try {
            return Chart.JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
