package dev.gridservices.testkit;

import io.moquette.BrokerConstants;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Properties;

/** A real MQTT broker (Moquette) on a free loopback port, without persistence or telemetry calls. */
public final class EmbeddedMqttBroker implements AutoCloseable {

    private final Server server;
    private final int port;

    private EmbeddedMqttBroker(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    public static EmbeddedMqttBroker start() {
        int port = freePort();
        Properties properties = new Properties();
        properties.setProperty(IConfig.HOST_PROPERTY_NAME, "127.0.0.1");
        properties.setProperty(IConfig.PORT_PROPERTY_NAME, String.valueOf(port));
        properties.setProperty(IConfig.WEB_SOCKET_PORT_PROPERTY_NAME, BrokerConstants.DISABLED_PORT_BIND);
        properties.setProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME, "true");
        properties.setProperty(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, "false");
        properties.setProperty(IConfig.ENABLE_TELEMETRY_NAME, "false");
        Server server = new Server();
        try {
            server.startServer(new MemoryConfig(properties));
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded MQTT broker did not start", e);
        }
        return new EmbeddedMqttBroker(server, port);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /** Drops a client's connection from the broker's side (its persistent session stays), as a broker under load may. */
    public boolean dropConnection(String clientId) {
        return server.disconnectClient(clientId);
    }

    @Override
    public void close() {
        server.stopServer();
    }
}
