package dev.gridservices.testkit;

import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Sends records as another service would, with a plain Kafka producer, and waits for the ack. */
public final class KafkaTestProducer {

    private KafkaTestProducer() {
    }

    public static void send(String topic, String key, String... values) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafka().bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, key, value)).get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not send to " + topic, e);
        }
    }
}
