package dev.gridservices.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalStackConfigTest {

    private static final Path ROOT = Path.of("/repo");
    private static final Map<String, Integer> PORTS = new LinkedHashMap<>(Map.of("auth-service", 8081));

    static {
        PORTS.put("dispatch-service", 8086);
    }

    private final LocalStackConfig defaults = LocalStackConfig.defaults(ROOT, PORTS);

    @Test
    void defaultsKeepDataUnderTheRepositoryAndUseTheRouteTablePorts() {
        assertThat(defaults.dataDir()).isEqualTo(ROOT.resolve(".local-stack"));
        assertThat(defaults.gatewayPort()).isEqualTo(8080);
        assertThat(defaults.services()).containsExactly("auth-service", "dispatch-service");
        assertThat(defaults.portsByFlag()).containsEntry("auth-service-port", 8081).containsEntry("mqtt-port", 1883);
    }

    @Test
    void flagsWinOverEnvironmentVariables() {
        LocalStackConfig config = defaults.override(
                Map.of("LOCAL_STACK_GATEWAY_PORT", "9080", "LOCAL_STACK_MQTT_PORT", "2883", "PATH", "/bin"),
                new String[] {"--gateway-port=7080", "--dispatch-service-port=9186", "--ready-timeout=60"});

        assertThat(config.gatewayPort()).isEqualTo(7080);
        assertThat(config.mqttPort()).isEqualTo(2883);
        assertThat(config.servicePorts()).containsEntry("dispatch-service", 9186).containsEntry("auth-service", 8081);
        assertThat(config.readyTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void prometheusIsOffUnlessAskedForAndThenItsPortIsCheckedLikeTheOthers() {
        assertThat(defaults.withPrometheus()).isFalse();
        assertThat(defaults.portsByFlag()).containsEntry("mqtt-metrics-port", 8087).doesNotContainKey("prometheus-port");

        LocalStackConfig on = defaults.override(Map.of(), new String[] {"--with-prometheus", "--mqtt-metrics-port=9187"});
        assertThat(on.withPrometheus()).isTrue();
        assertThat(on.portsByFlag()).containsEntry("prometheus-port", 9090).containsEntry("mqtt-metrics-port", 9187);
        assertThat(defaults.override(Map.of("LOCAL_STACK_WITH_PROMETHEUS", "true"),
                new String[] {"--prometheus-port=9191"}).portsByFlag()).containsEntry("prometheus-port", 9191);
        assertThat(defaults.override(Map.of(), new String[] {"--with-prometheus=false"}).withPrometheus()).isFalse();
        assertThatThrownBy(() -> defaults.override(Map.of(), new String[] {"--gateway-port"}))
                .hasMessageContaining("--name=value");
    }

    @Test
    void theDataFolderFollowsTheRepositoryRootUnlessGiven() {
        assertThat(defaults.override(Map.of(), new String[] {"--repo-root=/other"}).dataDir())
                .isEqualTo(Path.of("/other/.local-stack"));
        assertThat(defaults.override(Map.of(), new String[] {"--repo-root=/other", "--data-dir=/data"}).dataDir())
                .isEqualTo(Path.of("/data"));
    }

    @Test
    void servicesAndJvmOptionsCanBeChosen() {
        LocalStackConfig config = defaults.override(Map.of("LOCAL_STACK_JVM_OPTIONS", "-Xmx256m  -XX:+UseSerialGC"),
                new String[] {"--services=auth-service"});

        assertThat(config.services()).containsExactly("auth-service");
        assertThat(config.jvmOptions()).containsExactly("-Xmx256m", "-XX:+UseSerialGC");
        assertThat(config.portsByFlag()).doesNotContainKey("dispatch-service-port");
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> defaults.override(Map.of(), new String[] {"--gateway-port=http"}))
                .hasMessage("--gateway-port must be a port number (1-65535), got http");
        assertThatThrownBy(() -> defaults.override(Map.of(), new String[] {"--colour=blue"}))
                .hasMessageContaining("Unknown setting --colour");
        assertThatThrownBy(() -> defaults.override(Map.of(), new String[] {"--services=auth-service,billing-service"}))
                .hasMessageContaining("Unknown service billing-service");
        assertThatThrownBy(() -> defaults.override(Map.of(), new String[] {"gateway-port=1"}))
                .hasMessageContaining("Expected --name=value");
    }

    @Test
    void freePortsAreDistinct() {
        LocalStackConfig config = defaults.withFreePorts();

        assertThat(config.portsByFlag().values()).doesNotHaveDuplicates().doesNotContain(8080, 8081, 8086);
        assertThat(config.services()).isEqualTo(List.of("auth-service", "dispatch-service"));
    }
}
