package dev.gridservices.outbox;

import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The relay's Kafka producer: the service's {@code kafka.*} settings (bootstrap servers, security),
 * then the {@code outbox.producer.*} overrides, with reliability settings that cannot be turned off:
 * idempotent, acks=all, at most 5 in flight (so per-partition order survives retries).
 * Created on first use, so a service that never relays never connects.
 */
@ApplicationScoped
public class OutboxProducer {

    static final int DEFAULT_MAX_REQUEST_SIZE = 1_048_576;

    private final Map<String, Object> config;
    private KafkaProducer<String, String> producer;

    @Inject
    public OutboxProducer(@Identifier("default-kafka-broker") Map<String, Object> kafka, OutboxConfig config) {
        this(kafka, config.producer());
    }

    /** A producer of its own (another replica's, in tests and benchmarks). */
    public OutboxProducer(Map<String, Object> kafka, Map<String, String> overrides) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "131072");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        // A broker outage must not park the caller for a minute: fail the send, the row stays pending.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        props.putAll(overrides);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
        this.config = Map.copyOf(props);
    }

    /** The producer's {@code max.request.size}: larger events are refused at {@code record()}. */
    public int maxRequestSize() {
        Object value = config.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        return value == null ? DEFAULT_MAX_REQUEST_SIZE : Integer.parseInt(value.toString());
    }

    /** Hands a record to the producer; the future completes with the broker's ack or the send's failure. */
    public CompletableFuture<RecordMetadata> send(String topic, String key, String value) {
        CompletableFuture<RecordMetadata> result = new CompletableFuture<>();
        try {
            producer().send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(metadata);
                }
            });
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    Map<String, Object> config() {
        return config;
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    @PreDestroy
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
