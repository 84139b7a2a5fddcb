package dev.gridservices.localstack.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The real deploy/routes.yaml (as packaged into the launcher) and the matching rules. */
class RouteTableTest {

    private final RouteTable table = RouteTable.fromClasspath();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/v2/auth/token, auth-service",
            "/.well-known/openid-configuration, auth-service",
            "/.well-known/jwks.json, auth-service",
            "/v1/organization, auth-service",
            "/v1/programs, programs-service",
            "/v1/programs/residential-battery, programs-service",
            "/v1/programs/residential-battery/instances/pi_1, programs-service",
            "/v1/programInstances, programs-service",
            "/v1/programInstances/pi_1, programs-service",
            "/v2/programs/prg_1, programs-service",
            "/v1/programInstances/pi_1/enrollments, enrollment-service",
            "/v1/enrollments/enr_1/status, enrollment-service",
            "/v1/leads, enrollment-service",
            "/v2/x-texture/enrollments, enrollment-service",
            "/v1/devices, device-service",
            "/v1/devices/dev_1, device-service",
            "/v1/devices/dev_1/tags, device-service",
            "/v1/sites/site_1/alerts, device-service",
            "/v1/customers/c_1/sites, device-service",
            "/v2/resources/res_1, device-service",
            "/v2/vens/ven_1, device-service",
            "/v2/x-texture/sites, device-service",
            "/v2/x-texture/programs/prg_1/capacity, device-service",
            "/v1/programs/prog_1/capacity, device-service",
            "/v1/programs/prog_1/instances, programs-service",
            "/v2/reports, telemetry-ingest-service",
            "/v1/devices/dev_1/telemetry, telemetry-ingest-service",
            "/v1/devices/dev_1/history, telemetry-ingest-service",
            "/v1/metrics/consumption, telemetry-ingest-service",
            "/v2/events/evt_1, dispatch-service",
            "/v2/subscriptions, dispatch-service",
            "/v2/x-texture/subscriptions/sub_1/deliveries, dispatch-service",
            "/v2/x-texture/events/evt_1/responses, dispatch-service",
            "/v1/program-events/pe_1, dispatch-service",
            "/v1/programInstances/pi_1/events, dispatch-service",
            "/v1/commands/thermostat/set-fan-mode, dispatch-service",
            "/v1/batches/b_1, dispatch-service",
            "/v1/devices/dev_1/commands, dispatch-service",
            "/v1/devices/dev_1/schedules, dispatch-service",
            "/v1/schedules/tags/t/s_1, dispatch-service",
            "/v1/programs/reports/fleet-health, dispatch-service",
    })
    void mostSpecificRouteWins(String path, String service) {
        assertThat(table.match(path)).map(RouteTable.Route::service).contains(service);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/", "/v1", "/v3/programs", "/v1/programsX", "/v1/unknown",
            "/internal/api-keys/introspect", "/q/health/ready", "/q/metrics",
            "/v2/../internal/api-keys/introspect", "/v2/auth/%2e%2e/internal", "/v1//programs",
            "/v2/auth%2f..%2finternal", "/v1/programs/./x", "v1/programs"})
    void unknownNeverRoutedAndNonCanonicalPathsHaveNoRoute(String path) {
        assertThat(table.match(path)).isEmpty();
    }

    @Test
    void aTrailingSlashIsCanonical() {
        assertThat(table.match("/v1/programs/")).map(RouteTable.Route::service).contains("programs-service");
    }

    @Test
    void everyRouteNamesAServiceWithAPort() {
        assertThat(table.servicePorts()).containsOnlyKeys("auth-service", "programs-service",
                "enrollment-service", "device-service", "telemetry-ingest-service", "dispatch-service");
        assertThat(table.routes()).allSatisfy(route -> assertThat(table.servicePorts()).containsKey(route.service()));
    }

    @Test
    void aRouteUnderInternalOrQIsRejected() {
        assertThatThrownBy(() -> parse("services: {a: {port: 1}}\nroutes: [{path: /internal/x, service: a}]"))
                .hasMessageContaining("never routed");
        assertThatThrownBy(() -> parse("services: {a: {port: 1}}\nroutes: [{path: /q, service: a}]"))
                .hasMessageContaining("never routed");
    }

    @Test
    void aRouteToAnUnknownServiceOrAPathListedTwiceIsRejected() {
        assertThatThrownBy(() -> parse("services: {a: {port: 1}}\nroutes: [{path: /v1/x, service: b}]"))
                .hasMessageContaining("unknown service b");
        assertThatThrownBy(() -> parse(
                "services: {a: {port: 1}}\nroutes: [{path: /v1/x, service: a}, {path: /v1/x, service: a}]"))
                .hasMessageContaining("twice");
    }

    @Test
    void moreLiteralSegmentsWinAtEqualLength() throws Exception {
        RouteTable custom = parse("""
                services: {a: {port: 1}, b: {port: 2}}
                routes:
                  - {path: "/v1/things/{id}", service: a}
                  - {path: /v1/things/special, service: b}
                """);
        assertThat(custom.match("/v1/things/special")).map(RouteTable.Route::service).contains("b");
        assertThat(custom.match("/v1/things/other")).map(RouteTable.Route::service).contains("a");
        assertThat(custom.match("/v1/things")).isEqualTo(Optional.empty());
    }

    private static RouteTable parse(String yaml) throws Exception {
        return RouteTable.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }
}
