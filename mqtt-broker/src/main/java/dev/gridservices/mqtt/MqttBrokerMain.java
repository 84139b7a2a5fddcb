package dev.gridservices.mqtt;

import dev.gridservices.mqtt.config.BrokerConfig;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the broker as its own process (the cluster's StatefulSet): configuration from {@code mqtt-broker.*}
 * system properties or {@code MQTT_BROKER_*} environment variables (docs/mqtt.md); stops on SIGTERM.
 * No logger here: logback must learn its configuration file before the first logger exists.
 */
public final class MqttBrokerMain {

    private MqttBrokerMain() {
    }

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "mqtt-broker-logback.xml");
        }
        Map<String, String> properties = new HashMap<>();
        System.getProperties().forEach((key, value) -> properties.put(String.valueOf(key), String.valueOf(value)));
        MqttBroker broker = MqttBroker.start(BrokerConfig.from(properties, System.getenv()));
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "mqtt-broker-shutdown"));
    }
}
