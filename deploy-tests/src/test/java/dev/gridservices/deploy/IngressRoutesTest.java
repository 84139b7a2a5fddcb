package dev.gridservices.deploy;

import com.marcnuri.helm.Helm;
import dev.gridservices.deploy.Chart.Variant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Ingress is deploy/routes.yaml: every route, the right backend and port, nothing internal. */
class IngressRoutesTest {

    @Test
    void chartCarriesTheOneRouteTable() throws Exception {
        assertThat(Files.readString(Chart.CHART.resolve("files/routes.yaml")))
                .as("helm/grid-services/files/routes.yaml is a copy of deploy/routes.yaml: cp deploy/routes.yaml helm/grid-services/files/")
                .isEqualTo(Files.readString(Chart.DEPLOY.resolve("routes.yaml")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyRouteBecomesAnIngressPathToItsServicePort() {
        var table = Chart.readYaml(Chart.DEPLOY.resolve("routes.yaml"));
        var routes = (List<Map<String, Object>>) table.get("routes");
        var services = (Map<String, Map<String, Object>>) table.get("services");
        var components = (Map<String, Map<String, Object>>) Chart.mergedValues(Variant.DEFAULT).get("components");
        services.forEach((name, s) -> assertThat(components.get(name).get("port")).as("%s port", name).isEqualTo(s.get("port")));

        var paths = paths();
        assertThat(paths).hasSize(routes.size());
        for (int i = 0; i < routes.size(); i++) {
            var route = routes.get(i);
            var path = paths.get(i);
            assertThat(Chart.map(path, "backend", "service")).as("%s", route.get("path"))
                    .containsEntry("name", route.get("service"))
                    .containsEntry("port", Map.of("number", services.get(route.get("service")).get("port")));
        }
    }

    @ParameterizedTest
    @CsvSource({
            "/v2/auth/token, auth-service",
            "/.well-known/jwks.json, auth-service",
            "/v1/programs, programs-service",
            "/v1/programs/p1, programs-service",
            "/v1/programs/reports, dispatch-service",
            "/v1/programs/p1/capacity, device-service",
            "/v2/x-texture/programs/prg_1/capacity, device-service",
            "/v1/programInstances/i1, programs-service",
            "/v1/programInstances/i1/enrollments, enrollment-service",
            "/v1/programInstances/i1/events/e1, dispatch-service",
            "/v1/devices/d1, device-service",
            "/v1/devices/d1/telemetry, telemetry-ingest-service",
            "/v1/devices/d1/commands, dispatch-service",
            "/v2/reports, telemetry-ingest-service",
            "/v1/programsX, -",
            "/internal/api-keys/introspect, -",
            "/q/health, -",
            "/q/metrics, -",
            "/v3/anything, -",
    })
    void requestsReachTheServiceTheRouteTableNames(String requestPath, String expected) {
        // ingress-nginx puts regex locations in order of path length, longest first; the first match answers.
        var answer = paths().stream()
                .sorted(Comparator.comparingInt((Map<String, Object> p) -> ((String) p.get("path")).length()).reversed())
                .filter(p -> Pattern.compile("^" + p.get("path")).matcher(requestPath).find())
                .findFirst().map(p -> (String) Chart.map(p, "backend", "service").get("name"));
        assertThat(answer).isEqualTo("-".equals(expected) ? Optional.empty() : Optional.of(expected));
    }

    @Test
    void aRouteToInternalPathsFailsTheRender() throws Exception {
        var copy = Chart.chartCopyWithValues(Variant.DEFAULT);
        Files.writeString(copy.resolve("files/routes.yaml"), Files.readString(copy.resolve("files/routes.yaml"))
                + "  - { path: \"/internal/api-keys\", service: auth-service }\n");
        assertThatThrownBy(() -> new Helm(copy).template().withName(Chart.RELEASE).withKubeVersion("1.31.0").call())
                .hasMessageContaining("/internal/api-keys must never be routed");
    }

    private static List<Map<String, Object>> paths() {
        var ingress = Chart.one(Variant.DEFAULT, "Ingress", "grid-services");
        assertThat(Chart.map(ingress, "metadata", "annotations")).containsEntry("nginx.ingress.kubernetes.io/use-regex", "true");
        var rules = Chart.list(ingress, "spec", "rules");
        assertThat(rules).hasSize(1);
        return Chart.list(rules.get(0), "http", "paths");
    }
}
