package dev.gridservices.mqtt;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The access rules of src/test/resources/mqtt-cases.yaml, written once, read by every test that runs them. */
public record Cases(List<TopicCase> topics, List<ConnectCase> connects, List<OfflineCase> offlineQueue) {

    public record TopicCase(String as, String action, String topic, boolean allowed) {
        public boolean isService() {
            return "service".equals(as);
        }

        public boolean isSubscribe() {
            return "subscribe".equals(action);
        }

        public String describe() {
            return as + " " + action + " " + topic + " → " + (allowed ? "allowed" : "refused");
        }
    }

    public record ConnectCase(String name, String credential, String clientId, String whileConnected, String expect) {
    }

    public record OfflineCase(String name, long sessionExpiry, int publishQos, boolean reconnectCleanStart,
                              boolean sessionPresent, boolean delivered) {
    }

    public static Cases load() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        try (InputStream in = Cases.class.getResourceAsStream("/mqtt-cases.yaml")) {
            return yaml.readValue(in, Cases.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fills in {self} and {other}. */
    public static String resolve(String template, String self, String other) {
        return template == null ? null : template.replace("{self}", self).replace("{other}", other);
    }
}
