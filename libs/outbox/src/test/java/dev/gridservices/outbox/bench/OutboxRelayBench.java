package dev.gridservices.outbox.bench;

import dev.gridservices.outbox.OutboxConfig;
import dev.gridservices.outbox.OutboxRelay;
import dev.gridservices.testkit.Infrastructure;
import dev.gridservices.testkit.InfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Not a unit test (its name keeps it out of the default Surefire run): measures, in one run on one
 * machine, against the embedded PostgreSQL 17 and Kafka broker,
 * <ol>
 * <li>the raw Kafka producer rate (same record size, acks=all, idempotent, same linger/batch settings);</li>
 * <li>the rate of one relay (this application's, default settings) draining a backlog of rows;</li>
 * <li>commit→Kafka latency: single-row transactions at a steady rate, from the commit's return in
 * the writer to the record's arrival at a consumer, p50/p99.</li>
 * </ol>
 * Run: {@code mvn -B -ntp -pl libs/outbox -am verify -Dtest=OutboxRelayBench -Dsurefire.failIfNoSpecifiedTests=false}.
 * Results are printed and written to {@code libs/outbox/target/outbox-relay-bench.txt}.
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class OutboxRelayBench {

    private static final int RECORD_BYTES = 512;
    private static final int BACKLOG = Integer.getInteger("bench.backlog", 50_000);
    private static final int LATENCY_EVENTS = Integer.getInteger("bench.latency.events", 2_000);
    private static final int LATENCY_RATE = Integer.getInteger("bench.latency.rate", 200);
    private static final int KEYS = 1_000;

    @Inject
    Pool pool;
    @Inject
    OutboxRelay relay;
    @Inject
    OutboxConfig config;

    private final StringBuilder report = new StringBuilder();

    @Test
    void measure() throws Exception {
        awaitRelayReady();
        String value = envelope();
        line("record size %d bytes (envelope), %d keys, %d cores, relay batch %d, shards %d, concurrency %d",
                value.length(), KEYS, Runtime.getRuntime().availableProcessors(), config.relay().batchSize(),
                config.relay().shards(), config.relay().concurrency());

        rawProducer(value, 5_000);
        double raw = rawProducer(value, BACKLOG);
        line("raw Kafka producer (acks=all, idempotent): %,.0f records/s (%,d records)", raw, BACKLOG);

        relayBacklog(value, 5_000);
        double relayed = relayBacklog(value, BACKLOG);
        line("outbox relay, 1 replica, backlog drain: %,.0f rows/s (%,d rows) = %.0f%% of the raw producer",
                relayed, BACKLOG, 100 * relayed / raw);

        latency(value);
        String text = report.toString();
        System.out.println("\n===== Outbox relay benchmark =====\n" + text + "==================================\n");
        Files.writeString(Path.of("target", "outbox-relay-bench.txt"), text);
    }

    private void awaitRelayReady() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!relay.ready() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        if (!relay.ready()) {
            throw new IllegalStateException("relay not ready");
        }
    }

    private double rawProducer(String value, int count) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafka().bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "131072");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            CountDownLatch acked = new CountDownLatch(count);
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>("bench.raw", "key-" + (i % KEYS), value), (m, e) -> acked.countDown());
            }
            acked.await(5, TimeUnit.MINUTES);
            return count / seconds(System.nanoTime() - start);
        }
    }

    private double relayBacklog(String value, int count) {
        String[] keys = IntStream.range(0, KEYS).mapToObj(k -> "key-" + k).toArray(String[]::new);
        Integer[] shards = Arrays.stream(keys).map(k -> Math.floorMod(k.hashCode(), config.relay().shards()))
                .toArray(Integer[]::new);
        String batch = UUID.randomUUID().toString();
        long commit = System.currentTimeMillis();
        pool.preparedQuery("INSERT INTO outbox_message (id, topic, message_key, type, envelope, created_at, shard) "
                        + "SELECT gen_random_uuid(), 'bench.relay', k.key, $1, $2, now(), k.shard "
                        + "FROM generate_series(0, $3 - 1) AS g(i) "
                        + "JOIN unnest($4::text[], $5::int[]) WITH ORDINALITY AS k(key, shard, n) ON k.n = g.i % $6 + 1 "
                        + "ORDER BY g.i")
                .execute(Tuple.tuple().addString(batch).addString(value).addInteger(count)
                        .addArrayOfString(keys).addArrayOfInteger(shards).addInteger(KEYS))
                .await().atMost(Duration.ofMinutes(2));
        commit = System.currentTimeMillis();
        String pending = "SELECT count(*) FROM outbox_message WHERE type = $1 AND published_at IS NULL";
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline && pool.preparedQuery(pending).execute(Tuple.of(batch))
                .await().atMost(Duration.ofSeconds(30)).iterator().next().getLong(0) > 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        Row last = pool.preparedQuery("SELECT EXTRACT(EPOCH FROM max(published_at)) * 1000 FROM outbox_message WHERE type = $1")
                .execute(Tuple.of(batch)).await().atMost(Duration.ofSeconds(30)).iterator().next();
        double millis = last.getNumeric(0).doubleValue() - commit;
        return count / (millis / 1000.0);
    }

    private void latency(String value) throws Exception {
        Map<String, Long> committed = new ConcurrentHashMap<>();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch subscribed = new CountDownLatch(1);
        Thread consumer = new Thread(() -> consume(committed, latencies, stop, subscribed), "bench-consumer");
        consumer.start();
        subscribed.await(60, TimeUnit.SECONDS);
        long interval = TimeUnit.SECONDS.toNanos(1) / LATENCY_RATE;
        long next = System.nanoTime();
        String insert = "INSERT INTO outbox_message (id, topic, message_key, type, envelope, created_at, shard) "
                + "VALUES ($1, 'bench.latency', $2, 'bench', $3, now(), $4)";
        for (int i = 0; i < LATENCY_EVENTS; i++) {
            LockSupport.parkNanos(next - System.nanoTime());
            next += interval;
            UUID id = UUID.randomUUID();
            String key = "key-" + (i % KEYS);
            // Should the record overtake the writer's bookkeeping, it is timed from before the insert.
            committed.put(id.toString(), System.nanoTime());
            pool.preparedQuery(insert).execute(Tuple.of(id, key, id + value.substring(36),
                    Math.floorMod(key.hashCode(), config.relay().shards()))).await().atMost(Duration.ofSeconds(30));
            committed.put(id.toString(), System.nanoTime());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (latencies.size() < LATENCY_EVENTS && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        stop.set(true);
        consumer.join();
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        line("commit -> consumer latency, %d single-row commits at %d/s: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d received)",
                LATENCY_EVENTS, LATENCY_RATE, pct(sorted, 0.50), pct(sorted, 0.99), pct(sorted, 1.0), sorted.length);
        line("load average while measuring: %s", loadAverage());
    }

    private void consume(Map<String, Long> committed, List<Long> latencies, AtomicBoolean stop,
                         CountDownLatch subscribed) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafka().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of("bench.latency"));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            consumer.seekToEnd(consumer.assignment());
            consumer.assignment().forEach(consumer::position);
            subscribed.countDown();
            while (!stop.get()) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.nanoTime();
                    Long at = committed.get(r.value().substring(0, 36));
                    if (at != null) {
                        latencies.add(now - at);
                    }
                }
            }
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String envelope() {
        String head = UUID.randomUUID() + "{\"type\":\"bench\",\"version\":1,\"payload\":{\"pad\":\"";
        return head + "x".repeat(RECORD_BYTES - head.length() - 3) + "\"}}";
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private void line(String format, Object... args) {
        report.append(String.format(format, args)).append('\n');
    }
}
