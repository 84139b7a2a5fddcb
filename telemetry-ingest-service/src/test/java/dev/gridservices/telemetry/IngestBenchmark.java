package dev.gridservices.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gridservices.telemetry.messaging.Envelopes;
import dev.gridservices.telemetry.messaging.HistoryWriter;
import dev.gridservices.telemetry.messaging.ReadingPublisher;
import dev.gridservices.telemetry.service.DeviceDirectory;
import dev.gridservices.telemetry.service.Reading;
import dev.gridservices.testkit.InfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The ingest benchmark (docs/benchmarks.md), opt-in:
 * {@code mvn -B -ntp -pl telemetry-ingest-service -am verify -Dtest=IngestBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark=true}.
 * In one run, on the same embedded broker and record size (acks=all): the underlying Kafka producer and the
 * SmallRye emitter for 500-record batches, REST ingest of 500-device reports (readings/s, p50/p95/p99), and
 * the history writer's sustained rows/s. Figures go to stdout and target/benchmark.txt.
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
@TestProfile(IngestBenchmark.Unlimited.class)
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class IngestBenchmark {

    private static final int DEVICES = 500;
    /** The sweep's own topic (as telemetry.raw: 12 partitions), so the history writer does not consume it. */
    private static final String SWEEP_TOPIC = "telemetry.bench";

    /** The per-device limit (60/min) would stop a benchmark that reports every device many times a minute. */
    public static class Unlimited implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("telemetry.rate-limit.per-device-per-minute", "100000000",
                    "telemetry.rate-limit.per-account-per-minute", "100000000", "quarkus.log.level", "WARN");
        }
    }

    @Inject
    DeviceDirectory devices;

    @Inject
    ReadingPublisher publisher;

    @Inject
    HistoryWriter history;

    @Inject
    io.agroal.api.AgroalDataSource dataSource;

    @Inject
    dev.gridservices.telemetry.repository.ReadingRepository readingRepository;

    @Inject
    dev.gridservices.telemetry.service.IngestMetrics ingestMetrics;

    /** Report starts, 10 ms apart across all REST phases: every request's readings are fresh history rows. */
    private final Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS);
    private final AtomicInteger sequence = new AtomicInteger();

    @TestHTTPResource("/v2/reports")
    URI reportsUri;

    @Test
    void ingest() throws Exception {
        int seconds = Integer.getInteger("benchmark.seconds", 20);
        int concurrency = Integer.getInteger("benchmark.concurrency", 8);
        Fixtures.Ven ven = Fixtures.Ven.create();
        List<String> names = IntStream.range(0, DEVICES).mapToObj(i -> "BENCH-" + i).toList();
        List<String> ids = new ArrayList<>();
        for (String name : names) {
            String id = Fixtures.newId("res_");
            ids.add(id);
            Fixtures.announceResource(id, name, ven.venId(), ven.organizationId(), "BATTERY");
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream().allMatch(id -> devices.byId(id).isPresent()));
        Map<String, String> results = new LinkedHashMap<>();
        results.put("machine load average (1 min) at the start", loadAverage());

        // 1. The underlying producer and the emitter, 500-record batches, the service's own records.
        List<Reading> batch = ids.stream().map(id -> new Reading(id, ven.venId(), ven.organizationId(), "BATTERY",
                Instant.now(), "PT0S", payloads())).toList();
        results.put("producer (KafkaClientService.getProducer), 500-record batches, readings/s",
                String.format("%.0f", rate(() -> publisher.publish(batch, "rpt_bench", null, null, Instant.now(),
                        Duration.ofSeconds(30)), concurrency, seconds / 2)));
        results.put("SmallRye emitter, 500-record batches, readings/s",
                String.format("%.0f", rate(() -> publisher.publishViaEmitter(batch, "rpt_bench", Instant.now(),
                        Duration.ofSeconds(30)), concurrency, seconds / 2)));

        // 1b. The producer settings, swept with plain producers (the service's other settings, the same records).
        List<byte[]> values = batch.stream().map(r -> Envelopes.of(r, "rpt_bench", Instant.now())).toList();
        try (org.apache.kafka.clients.admin.Admin admin = admin()) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(SWEEP_TOPIC, 12, (short) 1))).all()
                    .get();
        }
        for (String compression : List.of("lz4", "none")) {
            for (int linger : List.of(0, 5, 20)) {
                results.put("raw producer linger.ms=" + linger + " compression=" + compression + ", readings/s",
                        String.format("%.0f", sweep(batch, values, linger, compression, concurrency,
                                Integer.getInteger("benchmark.sweep-seconds", 5))));
            }
        }

        // 1c. History writes: the service's unnest upsert against COPY into a staging table + the same upsert.
        results.putAll(HistoryWriteBench.compare(dataSource, readingRepository,
                Integer.getInteger("benchmark.history-rows", 40_000), 2_000));

        // 2 and 3 for each client count of -Dbenchmark.rest-clients (default: -Dbenchmark.concurrency), in this JVM.
        String clientCounts = System.getProperty("benchmark.rest-clients", String.valueOf(concurrency));
        // A warm-up phase first (not reported), so that the first measured count does not pay for the JIT.
        int failures = rest(concurrency, Integer.getInteger("benchmark.warmup-seconds", 5), ven, names,
                new LinkedHashMap<>());
        for (String clients : clientCounts.split(",")) {
            failures += rest(Integer.parseInt(clients.trim()), seconds, ven, names, results);
        }
        results.put("machine load average (1 min) at the end", loadAverage());

        String text = results.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("\n"));
        System.out.println("=== ingest benchmark ===\n" + text);
        Files.writeString(Path.of("target", "benchmark.txt"), text + "\n");
        assertThat(failures).isZero();
    }

    /**
     * REST phase with {@code clients} closed-loop clients for {@code seconds}, then the history writer's lag and
     * rows/s; answers the number of non-201 answers.
     */
    private int rest(int clients, int seconds, Fixtures.Ven ven, List<String> names, Map<String, String> results)
            throws Exception {
        results.put(clients + " clients: machine load average (1 min) before the REST phase", loadAverage());
        // The history writer first drains what came before (phase 1, an earlier client count), so that phase 3
        // measures this phase's readings.
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() -> historyLag() == 0);

        // 2. REST: 500-device reports from `clients` clients for `seconds`.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String token = ven.token();
        long writtenBefore = history.rowsWritten();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failures = new AtomicInteger();
        Instant restStartedAt = Instant.now();
        long restStart = System.nanoTime();
        long restEnd = restStart + Duration.ofSeconds(seconds).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            running.add(pool.submit(() -> {
                while (System.nanoTime() < restEnd) {
                    // Each request its own instant (distinct history rows), one second apart.
                    String body = report(ven, names, base.plusMillis(sequence.getAndIncrement() * 10L));
                    HttpRequest request = HttpRequest.newBuilder(reportsUri).header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    long t = System.nanoTime();
                    HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                    latencies.add(System.nanoTime() - t);
                    if (response.statusCode() != 201) {
                        failures.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> client : running) {
            client.get();
        }
        pool.shutdown();
        double restSeconds = (System.nanoTime() - restStart) / 1e9;
        // Wall-clock bounds of the REST phase, to line up per-process CPU samples taken outside the JVM.
        results.put(clients + " clients: REST phase (UTC)", restStartedAt + " to " + Instant.now());
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        long readings = (long) (sorted.size() - failures.get()) * DEVICES;
        results.put(clients + " clients: REST POST /v2/reports (500-device reports), requests", String.valueOf(sorted.size()));
        results.put(clients + " clients: REST non-201 answers", String.valueOf(failures.get()));
        results.put(clients + " clients: REST readings/s (acknowledged)", String.format("%.0f", readings / restSeconds));
        results.put(clients + " clients: REST latency p50/p95/p99 ms", String.format("%.1f / %.1f / %.1f", ms(sorted, 0.50), ms(sorted, 0.95),
                ms(sorted, 0.99)));

        // 3. History writer: its lag (records of telemetry.raw not yet written) when the REST phase ended, and
        // rows/s from the start of the REST phase until it caught up with every reading.
        long expected = writtenBefore + readings;
        results.put(clients + " clients: history writer lag at the end of the REST phase, records", String.valueOf(historyLag()));
        long historyStart = restStart;
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200)).until(() -> history.rowsWritten() >= expected);
        double historySeconds = (System.nanoTime() - historyStart) / 1e9;
        results.put(clients + " clients: history writer rows/s (REST readings, until caught up)",
                String.format("%.0f", (history.rowsWritten() - writtenBefore) / historySeconds));
        results.put(clients + " clients: history writer caught up, seconds after the REST phase", String.format("%.1f",
                historySeconds - restSeconds));

        return failures.get();
    }

    private static Map<String, Object> payloads() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("STORAGE_CHARGE_LEVEL", 85L);
        p.put("x-telemetry:CHARGE_RATE", 2400L);
        p.put("x-telemetry:CHARGING_STATE", "CHARGING");
        p.put("x-telemetry:BACKUP_RESERVE", 20L);
        p.put("x-telemetry:GRID_STATUS", "IMPORTING");
        return p;
    }

    private static String report(Fixtures.Ven ven, List<String> names, Instant at) {
        String payloads = Fixtures.VALID_PAYLOADS.get(dev.gridservices.openadr.payload.DeviceType.BATTERY);
        String start = at.toString();
        StringBuilder body = new StringBuilder(names.size() * 400);
        body.append("{\"eventID\":null,\"clientName\":\"").append(ven.venId()).append("\",\"resources\":[");
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                body.append(',');
            }
            body.append("{\"resourceName\":\"").append(names.get(i)).append("\",\"intervalPeriod\":{\"start\":\"")
                    .append(start).append("\",\"duration\":\"PT0S\"},\"intervals\":[{\"id\":0,\"payloads\":[")
                    .append(payloads).append("]}]}");
        }
        return body.append("]}").toString();
    }

    /** Readings/s of a plain idempotent acks=all producer with {@code linger} and {@code compression}. */
    private static double sweep(List<Reading> batch, List<byte[]> values, int linger, String compression, int threads,
                                int seconds) throws Exception {
        java.util.Properties props = new java.util.Properties();
        props.put("bootstrap.servers", dev.gridservices.testkit.Infrastructure.kafka().bootstrapServers());
        props.put("acks", "all");
        props.put("enable.idempotence", "true");
        props.put("max.in.flight.requests.per.connection", "5");
        props.put("linger.ms", String.valueOf(linger));
        props.put("batch.size", "262144");
        props.put("compression.type", compression);
        props.put("buffer.memory", "67108864");
        props.put("key.serializer", org.apache.kafka.common.serialization.StringSerializer.class.getName());
        props.put("value.serializer", org.apache.kafka.common.serialization.ByteArraySerializer.class.getName());
        try (org.apache.kafka.clients.producer.KafkaProducer<String, byte[]> producer =
                     new org.apache.kafka.clients.producer.KafkaProducer<>(props)) {
            Runnable send = () -> {
                java.util.concurrent.CountDownLatch acked = new java.util.concurrent.CountDownLatch(values.size());
                for (int i = 0; i < values.size(); i++) {
                    producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(SWEEP_TOPIC,
                            batch.get(i).deviceId(), values.get(i)), (m, e) -> acked.countDown());
                }
                try {
                    acked.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
            send.run();
            return rate(send, threads, seconds);
        }
    }

    private static org.apache.kafka.clients.admin.Admin admin() {
        return org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers",
                dev.gridservices.testkit.Infrastructure.kafka().bootstrapServers()));
    }

    /** Records of telemetry.raw the history writer's group has not committed yet. */
    private static long historyLag() throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin = admin()) {
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets("telemetry-history-writer").partitionsToOffsetAndMetadata().get();
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new java.util.HashMap<>();
            admin.describeTopics(List.of("telemetry.raw")).allTopicNames().get().get("telemetry.raw").partitions()
                    .forEach(p -> latest.put(new org.apache.kafka.common.TopicPartition("telemetry.raw", p.partition()),
                            org.apache.kafka.clients.admin.OffsetSpec.latest()));
            long lag = 0;
            for (var end : admin.listOffsets(latest).all().get().entrySet()) {
                var done = committed.get(end.getKey());
                lag += end.getValue().offset() - (done == null ? 0 : done.offset());
            }
            return lag;
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    /** Readings/s of `task` (one 500-record batch per call) run by `threads` threads for `seconds`. */
    private static double rate(Runnable task, int threads, int seconds) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        AtomicInteger batches = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    task.run();
                    batches.incrementAndGet();
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        return batches.get() * (double) DEVICES / ((System.nanoTime() - start) / 1e9);
    }

    private static double ms(List<Long> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1)) / 1e6;
    }
}
