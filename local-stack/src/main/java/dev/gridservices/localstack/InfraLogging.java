package dev.gridservices.localstack;

import java.nio.file.Path;

/**
 * Sends what the in-process brokers log (Kafka is chatty) to one file at WARN, keeping the console
 * for the launcher's own messages. Settings already given as system properties win. The MQTT broker
 * never logs a username (a VEN's access token) or password.
 */
final class InfraLogging {

    private InfraLogging() {
    }

    static void configure(Path file) {
        setIfAbsent("org.slf4j.simpleLogger.logFile", file.toAbsolutePath().toString());
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSZ");
        // HiveMQ's system probe (oshi) cannot load JNA at the version the platform BOM pins; it says so at ERROR,
        // harmlessly, at every start
        setIfAbsent("org.slf4j.simpleLogger.log.oshi", "off");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
