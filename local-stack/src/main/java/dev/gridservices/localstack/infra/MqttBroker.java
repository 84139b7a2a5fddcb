package dev.gridservices.localstack.infra;

import dev.gridservices.mqtt.config.BrokerConfig;
import java.nio.file.Path;

/**
 * The platform's MQTT broker (module mqtt-broker: embedded HiveMQ CE with our extension) on loopback,
 * persisting sessions, queued QoS 1 messages and retained messages under {@code <data>/mqtt} between
 * runs. VENs connect with an auth-service access token as username and may touch only
 * {@code texture/v2/{its venID}/...}; platform services connect as {@code service:<name>} with the
 * launcher's platform service credential; its meters are on {@code http://127.0.0.1:<metrics port>/q/metrics}.
 * docs/mqtt.md has the rules.
 */
public final class MqttBroker implements AutoCloseable {

    /** A platform service's MQTT username; its password is the platform service credential. */
    public static String serviceUsername(String serviceName) {
        return "service:" + serviceName;
    }

    private final dev.gridservices.mqtt.MqttBroker broker;

    private MqttBroker(dev.gridservices.mqtt.MqttBroker broker) {
        this.broker = broker;
    }

    /**
     * @param issuer auth-service's issuer URL: its JWKS verifies the VENs' tokens, its internal API
     *               answers which OAuth clients are still active
     */
    public static MqttBroker start(Path dataRoot, int port, int metricsPort, String issuer, String serviceCredential) {
        BrokerConfig config = BrokerConfig.defaults(issuer, dataRoot.resolve("mqtt"), serviceCredential)
                .withListener("127.0.0.1", port)
                .withMetricsPort(metricsPort);
        return new MqttBroker(dev.gridservices.mqtt.MqttBroker.start(config));
    }

    public int port() {
        return broker.port();
    }

    /** Where Prometheus scrapes the broker: {@code http://127.0.0.1:<port>/q/metrics}. */
    public int metricsPort() {
        return broker.metricsPort();
    }

    @Override
    public void close() {
        broker.close();
    }
}
