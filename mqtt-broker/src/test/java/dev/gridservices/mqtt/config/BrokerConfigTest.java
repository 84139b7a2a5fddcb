package dev.gridservices.mqtt.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerConfigTest {

    private static final String CREDENTIAL = "0123456789abcdef-credential";

    @Test
    void environmentVariablesAndPropertiesWithPropertiesWinning() {
        BrokerConfig config = BrokerConfig.from(
                Map.of("mqtt-broker.port", "2883", "mqtt-broker.revocation-poll-interval", "5"),
                Map.of("MQTT_BROKER_ISSUER", "http://auth:8081/", "MQTT_BROKER_SERVICE_CREDENTIAL", CREDENTIAL,
                        "MQTT_BROKER_PORT", "9999", "MQTT_BROKER_DATA_DIR", "/var/lib/mqtt"));

        assertThat(config.port()).isEqualTo(2883);
        assertThat(config.issuer()).isEqualTo("http://auth:8081/");
        assertThat(config.jwksUrl()).isEqualTo(URI.create("http://auth:8081/.well-known/jwks.json"));
        assertThat(config.authServiceUrl()).isEqualTo(URI.create("http://auth:8081"));
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/mqtt"));
        assertThat(config.revocationPollInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.audience()).isEqualTo("grid-services");
        assertThat(config.host()).isEqualTo("0.0.0.0");
    }

    @Test
    void theIssuerAndAStrongEnoughCredentialAreRequired() {
        assertThatThrownBy(() -> BrokerConfig.from(Map.of(), Map.of("MQTT_BROKER_SERVICE_CREDENTIAL", CREDENTIAL)))
                .hasMessageContaining("mqtt-broker.issuer").hasMessageContaining("MQTT_BROKER_ISSUER");
        assertThatThrownBy(() -> BrokerConfig.from(Map.of("mqtt-broker.issuer", "http://auth"), Map.of()))
                .hasMessageContaining("service-credential");
        assertThatThrownBy(() -> BrokerConfig.defaults("http://auth", Path.of("d"), "short"))
                .hasMessageContaining("at least 16");
        assertThatThrownBy(() -> BrokerConfig.defaults("http://auth", Path.of("d"), CREDENTIAL)
                .withRevocationPollInterval(Duration.ZERO)).hasMessageContaining("revocation-poll-interval");
    }

    @Test
    void theCredentialNeverAppearsInToString() {
        assertThat(BrokerConfig.defaults("http://auth", Path.of("d"), CREDENTIAL).toString()).doesNotContain(CREDENTIAL);
    }

    @Test
    void theMetricsPortDefaultsTo9000AndZeroTurnsTheEndpointOff() {
        Map<String, String> env = Map.of("MQTT_BROKER_ISSUER", "http://auth:8081", "MQTT_BROKER_SERVICE_CREDENTIAL", CREDENTIAL);
        assertThat(BrokerConfig.from(Map.of(), env).metricsPort()).isEqualTo(9000);
        assertThat(BrokerConfig.from(Map.of("mqtt-broker.metrics-port", "0"), env).metricsPort()).isZero();
        assertThat(BrokerConfig.from(Map.of(), Map.of("MQTT_BROKER_ISSUER", "http://auth:8081",
                "MQTT_BROKER_SERVICE_CREDENTIAL", CREDENTIAL, "MQTT_BROKER_METRICS_PORT", "9100")).metricsPort()).isEqualTo(9100);
        assertThatThrownBy(() -> BrokerConfig.from(Map.of("mqtt-broker.metrics-port", "70000"), env))
                .hasMessageContaining("metrics-port");
    }
}
