package dev.gridservices.mqtt.broker;

import dev.gridservices.mqtt.MqttBroker;
import dev.gridservices.mqtt.config.BrokerConfig;
import dev.gridservices.testkit.auth.TestAuthServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * One broker per test JVM, on a free loopback port, with a fresh data folder under target/: issuer and
 * RS256 tokens from test-kit's TestAuthServer, JWKS and the revocation endpoint from {@link AuthStub}.
 * Revocation is polled every second so that tests need not wait long.
 */
final class TestBroker {

    static final String SERVICE_CREDENTIAL = "test-platform-service-credential-" + UUID.randomUUID();
    static final Duration REVOCATION_POLL = Duration.ofSeconds(1);

    private static TestBroker instance;

    volatile MqttBroker broker;
    final AuthStub auth;
    final BrokerConfig config;
    final long startMillis;

    private TestBroker(MqttBroker broker, AuthStub auth, BrokerConfig config, long startMillis) {
        this.broker = broker;
        this.auth = auth;
        this.config = config;
        this.startMillis = startMillis;
    }

    static synchronized TestBroker get() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                instance.broker.close();
                instance.auth.close();
            }));
        }
        return instance;
    }

    private static TestBroker start() {
        try {
            String issuer = TestAuthServer.url();
            AuthStub auth = new AuthStub(issuer, SERVICE_CREDENTIAL);
            BrokerConfig config = config(issuer, auth, freshDataDir());
            long begin = System.nanoTime();
            MqttBroker broker = MqttBroker.start(config);
            return new TestBroker(broker, auth, config, (System.nanoTime() - begin) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (org.jose4j.lang.JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    static BrokerConfig config(String issuer, AuthStub auth, Path dataDir) {
        return BrokerConfig.defaults(issuer, dataDir, SERVICE_CREDENTIAL)
                .withListener("127.0.0.1", freePort())
                .withMetricsPort(freePort())
                .withJwksUrl(auth.jwksUrl())
                .withAuthServiceUrl(auth.url())
                .withRevocationPollInterval(REVOCATION_POLL)
                .withJwksIntervals(Duration.ofMinutes(5), Duration.ofSeconds(1));
    }

    static Path freshDataDir() throws IOException {
        Path dir = Path.of("target", "mqtt-broker-test", UUID.randomUUID().toString()).toAbsolutePath();
        Path parent = dir.getParent();
        if (Files.isDirectory(parent)) {
            try (Stream<Path> old = Files.walk(parent)) {
                old.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(java.io.File::delete);
            }
        }
        return Files.createDirectories(dir);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return broker.port();
    }

    int metricsPort() {
        return broker.metricsPort();
    }

    /** Stops the broker and starts it again on the same port and data folder; returns the start time in ms. */
    synchronized long restart() {
        broker.close();
        long begin = System.nanoTime();
        broker = MqttBroker.start(config);
        return (System.nanoTime() - begin) / 1_000_000;
    }
}
