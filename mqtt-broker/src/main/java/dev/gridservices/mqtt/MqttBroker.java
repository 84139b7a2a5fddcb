package dev.gridservices.mqtt;

import com.hivemq.configuration.service.InternalConfigurations;
import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import dev.gridservices.mqtt.config.BrokerConfig;
import dev.gridservices.mqtt.extension.ConnectionRegistry;
import dev.gridservices.mqtt.extension.GridExtension;
import dev.gridservices.mqtt.metrics.BrokerMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's MQTT 5 broker: embedded HiveMQ Community Edition with {@link GridExtension} (access
 * token as username, per-VEN topics, disconnect on expiry/revocation), file persistence under the data
 * folder (sessions and QoS 1 messages queued for offline VENs survive a restart), no usage statistics.
 * Run it standalone with {@link MqttBrokerMain} or in-process with {@link #start}.
 */
public final class MqttBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MqttBroker.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final EmbeddedHiveMQ hivemq;
    private final GridExtension extension;
    private final BrokerConfig config;
    private final BrokerMetrics metrics;
    private final int metricsPort;

    private MqttBroker(EmbeddedHiveMQ hivemq, GridExtension extension, BrokerConfig config, BrokerMetrics metrics,
                       int metricsPort) {
        this.hivemq = hivemq;
        this.extension = extension;
        this.config = config;
        this.metrics = metrics;
        this.metricsPort = metricsPort;
    }

    public static MqttBroker start(BrokerConfig config) {
        long begin = System.nanoTime();
        Path root = config.dataDir().toAbsolutePath();
        Path conf = root.resolve("conf");
        try {
            Files.createDirectories(conf);
            Files.createDirectories(root.resolve("data"));
            Files.createDirectories(root.resolve("extensions"));
            Files.writeString(conf.resolve("config.xml"), hivemqConfig(config));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the MQTT broker's folder " + root, e);
        }
        BrokerMetrics metrics = new BrokerMetrics();
        GridExtension extension = new GridExtension(config, metrics);
        EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(conf)
                .withDataFolder(root.resolve("data"))
                .withExtensionsFolder(root.resolve("extensions"))
                // the host application's SLF4J binding decides where logs go
                .withoutLoggingBootstrap()
                .withEmbeddedExtension(EmbeddedExtension.builder()
                        .withId("grid-services-auth")
                        .withName("Grid services: access tokens, per-VEN topics")
                        .withVersion("1")
                        .withPriority(1000)
                        .withStartPriority(1000)
                        .withExtensionMain(extension)
                        .build())
                .build();
        // the embedded builder lets clients in when no extension decides; ours always decides, and
        // nobody may connect before it has started
        InternalConfigurations.AUTH_DENY_UNAUTHENTICATED_CONNECTIONS.set(true);
        try {
            hivemq.start().get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the MQTT broker", e);
        } catch (ExecutionException | TimeoutException e) {
            hivemq.stop();
            metrics.close();
            throw new IllegalStateException("The MQTT broker did not start on " + config.host() + ":" + config.port()
                    + " (" + (e.getCause() == null ? e : e.getCause()) + ")", e);
        }
        int metricsPort = 0;
        if (config.metricsPort() > 0) {
            try {
                metricsPort = metrics.serve(config.host(), config.metricsPort());
            } catch (RuntimeException e) {
                stopQuietly(hivemq);
                metrics.close();
                throw e;
            }
        }
        LOG.info("MQTT broker listening on {}:{} in {} ms (data in {}; metrics: {})", config.host(), config.port(),
                (System.nanoTime() - begin) / 1_000_000, root,
                metricsPort > 0 ? "http://" + config.host() + ":" + metricsPort + "/q/metrics" : "off");
        return new MqttBroker(hivemq, extension, config, metrics, metricsPort);
    }

    static String hivemqConfig(BrokerConfig config) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- written by dev.gridservices.mqtt.MqttBroker at every start: edit BrokerConfig, not this -->
                <hivemq>
                  <listeners>
                    <tcp-listener>
                      <port>%d</port>
                      <bind-address>%s</bind-address>
                    </tcp-listener>
                  </listeners>
                  <mqtt>
                    <queued-messages>
                      <max-queue-size>%d</max-queue-size>
                      <strategy>discard-oldest</strategy>
                    </queued-messages>
                    <session-expiry>
                      <max-interval>%d</max-interval>
                    </session-expiry>
                  </mqtt>
                  <security>
                    <allow-empty-client-id>
                      <enabled>false</enabled>
                    </allow-empty-client-id>
                  </security>
                  <persistence>
                    <mode>file</mode>
                  </persistence>
                  <anonymous-usage-statistics>
                    <enabled>false</enabled>
                  </anonymous-usage-statistics>
                </hivemq>
                """.formatted(config.port(), xml(config.host()), config.maxQueuedMessages(),
                config.maxSessionExpiry().toSeconds());
    }

    private static String xml(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    public int port() {
        return config.port();
    }

    /** The port of {@code GET /q/metrics}, 0 when the endpoint is off. */
    public int metricsPort() {
        return metricsPort;
    }

    /** The Prometheus text of the broker's meters (what {@code /q/metrics} serves). */
    public String scrape() {
        return metrics.scrape();
    }

    /** The authenticated connections (what the revocation poll and the expiry timers act on). */
    public ConnectionRegistry connections() {
        return extension.registry();
    }

    @Override
    public void close() {
        metrics.close();
        stopQuietly(hivemq);
    }

    private static void stopQuietly(EmbeddedHiveMQ hivemq) {
        try {
            hivemq.stop().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("The MQTT broker did not stop cleanly: {}", e.toString());
        }
    }
}
