package dev.gridservices.testkit;

import org.jboss.logging.Logger;

/**
 * The real infrastructure of one test JVM, each part started on first use and shared by every test
 * class (and every Quarkus restart) after that; stopped when the JVM exits.
 */
public final class Infrastructure {

    private static final Logger LOG = Logger.getLogger(Infrastructure.class);

    private static EmbeddedPostgresServer postgres;
    private static EmbeddedKafkaBroker kafka;
    private static EmbeddedMqttBroker mqtt;

    private Infrastructure() {
    }

    public static synchronized EmbeddedPostgresServer postgres() {
        if (postgres == null) {
            long start = System.nanoTime();
            postgres = EmbeddedPostgresServer.start();
            LOG.infof("Embedded PostgreSQL on port %d in %d ms", postgres.port(), millisSince(start));
            stopAtExit(postgres);
        }
        return postgres;
    }

    public static synchronized EmbeddedKafkaBroker kafka() {
        if (kafka == null) {
            long start = System.nanoTime();
            kafka = EmbeddedKafkaBroker.start();
            LOG.infof("Embedded Kafka at %s in %d ms", kafka.bootstrapServers(), millisSince(start));
            stopAtExit(kafka);
        }
        return kafka;
    }

    public static synchronized EmbeddedMqttBroker mqtt() {
        if (mqtt == null) {
            long start = System.nanoTime();
            mqtt = EmbeddedMqttBroker.start();
            LOG.infof("Embedded MQTT broker on port %d in %d ms", mqtt.port(), millisSince(start));
            stopAtExit(mqtt);
        }
        return mqtt;
    }

    private static void stopAtExit(AutoCloseable closeable) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("Could not stop embedded infrastructure", e);
            }
        }));
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
