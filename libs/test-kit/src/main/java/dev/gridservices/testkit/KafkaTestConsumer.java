package dev.gridservices.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from the beginning with a plain Kafka consumer, to see what a service really produced.
 * Both reads return every match up to the end of the topic as it was once the awaited record arrived, so
 * that a test counting matches ("published exactly once") sees duplicates that arrived in later batches.
 */
public final class KafkaTestConsumer {

    private KafkaTestConsumer() {
    }

    /**
     * Polls {@code topic} until a record matches or {@code timeout} passes; returns every match on the
     * topic up to its end at that moment (empty after a timeout). An empty answer proves no absence: use
     * {@link #untilMarker} for that.
     */
    public static List<ConsumerRecord<String, String>> await(String topic, Predicate<ConsumerRecord<String, String>> match,
                                                            Duration timeout) {
        return read(topic, match, match, timeout, false);
    }

    /**
     * Every record matching {@code match} published before a later record matching {@code marker}, read up to
     * the end of the topic once the marker arrived: to prove that something was <em>not</em> published, do it,
     * then cause a marker event, and assert this returns nothing. Fails when the marker does not arrive
     * within {@code timeout}, since the absence would prove nothing then.
     */
    public static List<ConsumerRecord<String, String>> untilMarker(String topic,
                                                                  Predicate<ConsumerRecord<String, String>> match,
                                                                  Predicate<ConsumerRecord<String, String>> marker,
                                                                  Duration timeout) {
        return read(topic, match, marker, timeout, true);
    }

    private static List<ConsumerRecord<String, String>> read(String topic, Predicate<ConsumerRecord<String, String>> match,
                                                             Predicate<ConsumerRecord<String, String>> until,
                                                             Duration timeout, boolean untilRequired) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafka().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> matches = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(timeout);
            boolean arrived = false;
            while (!arrived && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (match.test(record)) {
                        matches.add(record);
                    }
                    arrived |= until.test(record);
                }
            }
            if (!arrived) {
                if (untilRequired) {
                    throw new AssertionError("No marker record arrived on " + topic + " within " + timeout);
                }
                return matches;
            }
            drain(consumer, match, matches, deadline.plus(timeout));
        }
        return matches;
    }

    /** Reads on to the end offsets as they are now, so that every record already published is seen. */
    private static void drain(KafkaConsumer<String, String> consumer, Predicate<ConsumerRecord<String, String>> match,
                              List<ConsumerRecord<String, String>> matches, Instant deadline) {
        Set<TopicPartition> assigned = consumer.assignment();
        Map<TopicPartition, Long> end = consumer.endOffsets(assigned);
        while (assigned.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Could not read " + assigned + " to its end offsets " + end);
            }
            consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                if (match.test(r)) {
                    matches.add(r);
                }
            });
        }
    }
}
