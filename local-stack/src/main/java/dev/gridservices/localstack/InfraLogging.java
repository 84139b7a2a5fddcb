package dev.gridservices.localstack;

import java.nio.file.Path;

/**
 * Sends what the in-process brokers log (Kafka is chatty) to one file at WARN, keeping the console
 * for the launcher's own messages. Settings already given as system properties win, except that the
 * Moquette loggers that would print tokens stay quiet.
 */
final class InfraLogging {

    private InfraLogging() {
    }

    static void configure(Path file) {
        setIfAbsent("org.slf4j.simpleLogger.logFile", file.toAbsolutePath().toString());
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSZ");
        // Moquette logs the MQTT username, which is a VEN's access token, when it refuses a login (info)
        // or a subscription (warn): those two loggers stay quieter whatever the settings say
        System.setProperty("org.slf4j.simpleLogger.log.io.moquette.broker.MQTTConnection", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.io.moquette.broker.Authorizator", "error");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
