package dev.gridservices.enrollment.bench;

import static dev.gridservices.enrollment.Fixtures.consent;
import static dev.gridservices.enrollment.Fixtures.enrollment;
import static dev.gridservices.enrollment.Fixtures.envelope;
import static dev.gridservices.enrollment.Fixtures.instance;
import static dev.gridservices.enrollment.Fixtures.newId;
import static dev.gridservices.enrollment.Fixtures.oem;
import static dev.gridservices.enrollment.Fixtures.offer;
import static dev.gridservices.enrollment.Fixtures.program;
import static dev.gridservices.enrollment.Fixtures.site;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridservices.enrollment.Fixtures;
import dev.gridservices.testkit.Infrastructure;
import dev.gridservices.testkit.InfrastructureResource;
import dev.gridservices.testkit.KafkaTestProducer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Not a test (Surefire does not pick *Benchmark classes): how long from the OEM's revocation call
 * (POST /v2/x-texture/enrollments/events, consent_revoked) until its enrollment.changed record is on the real
 * broker. One revocation at a time: the clock starts just before the request is sent and stops when a
 * consumer already positioned on the topic sees the record. Run: see docs/benchmarks.md.
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class RevocationLatencyBenchmark {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void revocationToRecord() throws Exception {
        int n = Integer.getInteger("bench.revocations", 200);
        int warmup = Integer.getInteger("bench.warmup", 20);
        String utility = newId("util-");
        String oemOrg = newId("oem-");
        String programId = program(utility, "private", "demand_response");
        instance(utility, programId, "active", null);
        offer(utility, programId, List.of(oemOrg), false);
        String siteId = site(oemOrg, "NY", "matched", null);

        List<String> resources = new ArrayList<>();
        String[] records = new String[n + warmup];
        for (int i = 0; i < records.length; i++) {
            String id = newId("res_");
            resources.add(id);
            Map<String, Object> p = Fixtures.device("device.created", oemOrg, "ven_bench", id, siteId, "online",
                    Instant.now());
            records[i] = envelope("device.created", oemOrg, p, Instant.now());
        }
        KafkaTestProducer.send("devices.changed", "bench", records);
        Fixtures.awaitInbox(UUID.fromString(MAPPER.readTree(records[records.length - 1]).path("id").asText()));
        for (String r : resources) {
            oem(oemOrg).body(enrollment(r, siteId, programId, consent(Instant.now().minus(1, ChronoUnit.DAYS))))
                    .post("/v2/x-texture/enrollments").then().statusCode(201);
        }

        Map<String, Long> seen = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread reader = new Thread(() -> consume(seen, running));
        reader.start();
        Thread.sleep(2000);

        long[] latencies = new long[n];
        for (int i = 0; i < resources.size(); i++) {
            String device = resources.get(i);
            Map<String, Object> body = Map.of("eventId", "bench-" + device, "type", "consent_revoked",
                    "resourceID", device, "occurredAt", Instant.now().toString(), "source", "benchmark");
            long start = System.nanoTime();
            oem(oemOrg).body(body).post("/v2/x-texture/enrollments/events").then().statusCode(200);
            long deadline = start + Duration.ofSeconds(10).toNanos();
            while (!seen.containsKey(device) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            Long arrived = seen.get(device);
            if (arrived == null) {
                throw new AssertionError("no enrollment.changed record for " + device + " within 10 s");
            }
            if (i >= warmup) {
                latencies[i - warmup] = arrived - start;
            }
        }
        running.set(false);
        reader.join();

        Arrays.sort(latencies);
        String report = String.format("revocation -> enrollment.changed, %d sequential revocations (%d warm-up): "
                        + "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n", n, warmup, ms(latencies, 0.50),
                ms(latencies, 0.90), ms(latencies, 0.99), latencies[n - 1] / 1e6);
        System.out.print(report);
        Path out = Path.of("target", "benchmarks", "revocation-latency.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    private static void consume(Map<String, Long> seen, AtomicBoolean running) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafka().bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor("enrollment.changed").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            while (running.get()) {
                consumer.poll(Duration.ofMillis(5)).forEach(r -> {
                    long now = System.nanoTime();
                    try {
                        JsonNode payload = MAPPER.readTree(r.value()).path("payload");
                        if ("opted_out".equals(payload.path("state").asText())) {
                            seen.putIfAbsent(payload.path("deviceId").asText(), now);
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
        }
    }
}
