package dev.gridservices.telemetry;

import dev.gridservices.mqtt.MqttBroker;
import dev.gridservices.mqtt.config.BrokerConfig;
import dev.gridservices.testkit.auth.TestAuthServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * The platform's own MQTT broker (mqtt-broker module: HiveMQ CE with the token/service-credential
 * extension), for what the test kit's Moquette lacks: shared subscriptions. The service connects as
 * {@code service:telemetry-ingest} with the platform service credential and subscribes with its
 * production filter {@code $share/telemetry-ingest/texture/v2/+/reports/#}.
 */
public class PlatformBrokerResource implements QuarkusTestResourceLifecycleManager {

    // The resource and the test class live in different class loaders: system properties are what both see.
    private static final String PORT = "platform-broker-test.port";
    private static final String CREDENTIAL = "platform-broker-test.credential";

    private MqttBroker broker;

    static int port() {
        return Integer.getInteger(PORT);
    }

    static String serviceCredential() {
        return System.getProperty(CREDENTIAL);
    }

    @Override
    public Map<String, String> start() {
        int port = freePort();
        String credential = "telemetry-test-service-credential-" + UUID.randomUUID();
        Path data = Path.of("target", "platform-broker", UUID.randomUUID().toString()).toAbsolutePath();
        broker = MqttBroker.start(BrokerConfig.defaults(TestAuthServer.url(), data, credential)
                .withListener("127.0.0.1", port));
        System.setProperty(PORT, String.valueOf(port));
        System.setProperty(CREDENTIAL, credential);
        return Map.of("telemetry.mqtt.host", "127.0.0.1", "telemetry.mqtt.port", String.valueOf(port),
                "telemetry.mqtt.username", "service:telemetry-ingest", "telemetry.mqtt.password", credential,
                "telemetry.mqtt.topic-filter", "$share/telemetry-ingest/texture/v2/+/reports/#");
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
