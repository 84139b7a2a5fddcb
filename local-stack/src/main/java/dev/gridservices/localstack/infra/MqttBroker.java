package dev.gridservices.localstack.infra;

import io.moquette.BrokerConstants;
import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * A real MQTT broker (Moquette) on loopback, persisting sessions and retained messages between runs.
 * No anonymous clients: a VEN connects with an auth-service access token as username and may touch
 * only {@code texture/v2/{its venID}/...}; platform services use the launcher's service credential
 * ({@link MqttAuthenticator}, {@link MqttTopicPolicy}).
 */
public final class MqttBroker implements AutoCloseable {

    /** The username platform services connect with; the password is the launcher's generated secret. */
    public static final String SERVICE_USERNAME = "platform-service";

    private final Server server;
    private final int port;

    private MqttBroker(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * @param issuer auth-service's issuer URL, whose JWKS verifies the VENs' tokens
     */
    public static MqttBroker start(Path dataRoot, int port, String issuer, String serviceUsername,
                                   String servicePassword) {
        try {
            Path data = Files.createDirectories(dataRoot.resolve("mqtt"));
            Properties properties = new Properties();
            properties.setProperty(BrokerConstants.HOST_PROPERTY_NAME, "127.0.0.1");
            properties.setProperty(BrokerConstants.PORT_PROPERTY_NAME, String.valueOf(port));
            // Moquette's WebSocket default is 8080, the gateway's port
            properties.setProperty(BrokerConstants.WEB_SOCKET_PORT_PROPERTY_NAME, BrokerConstants.DISABLED_PORT_BIND);
            properties.setProperty(BrokerConstants.ALLOW_ANONYMOUS_PROPERTY_NAME, "false");
            properties.setProperty(BrokerConstants.PERSISTENCE_ENABLED_PROPERTY_NAME, "true");
            properties.setProperty(BrokerConstants.DATA_PATH_PROPERTY_NAME, data.toAbsolutePath() + "/");
            // otherwise Moquette reports usage to its vendor at start
            properties.setProperty(BrokerConstants.ENABLE_TELEMETRY_NAME, "false");
            Server server = new Server();
            MqttAuthenticator authenticator = new MqttAuthenticator(issuer, serviceUsername, servicePassword);
            server.startServer(new MemoryConfig(properties), List.of(), null, authenticator,
                    new MqttTopicPolicy(authenticator::principal));
            return new MqttBroker(server, port);
        } catch (IOException e) {
            throw new UncheckedIOException("The MQTT broker did not start on port " + port, e);
        }
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        server.stopServer();
    }
}
