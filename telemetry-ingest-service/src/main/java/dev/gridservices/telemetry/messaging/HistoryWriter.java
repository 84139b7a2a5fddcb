package dev.gridservices.telemetry.messaging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gridservices.openadr.telemetry.TelemetryReading;
import dev.gridservices.telemetry.config.TelemetryConfig;
import dev.gridservices.telemetry.mapping.Timestamps;
import dev.gridservices.telemetry.repository.ReadingRepository;
import dev.gridservices.telemetry.service.IngestLoad;
import dev.gridservices.telemetry.service.IngestMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Consumes {@code telemetry.raw} into the {@code reading} table: one poll → one multi-row upsert
 * ({@code INSERT … SELECT FROM unnest(…)}) → commit of the offsets. Offsets are committed only after the
 * rows are in, so a crash redelivers, and the upsert makes redelivery harmless. A plain Kafka consumer
 * on its own thread (not a SmallRye channel): the loop controls batch size, commit and retry directly.
 * Replicas share the consumer group, so partitions (keyed by device) split between them.
 */
@ApplicationScoped
public class HistoryWriter {

    private static final Logger LOG = Logger.getLogger(HistoryWriter.class);
    private static final Duration RETRY = Duration.ofSeconds(2);
    /** Plain factory: the records are the service's own, read field by field. */
    private static final JsonFactory JSON = new JsonFactory();

    private final ObjectMapper mapper;
    private final ReadingRepository readings;
    private final IngestMetrics metrics;
    private final IngestLoad load;
    private final TelemetryConfig.History config;
    private final String bootstrapServers;
    private final AtomicLong rowsWritten = new AtomicLong();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running;
    private Thread thread;

    public HistoryWriter(ObjectMapper mapper, ReadingRepository readings, IngestMetrics metrics, IngestLoad load,
                         TelemetryConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.mapper = mapper;
        this.readings = readings;
        this.metrics = metrics;
        this.load = load;
        this.config = config.history();
        this.bootstrapServers = bootstrapServers;
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(config.maxPollRecords()));
        props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "65536");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        // The topic is created by the start-up declaration (outbox.topics) with its partitions; a subscribe
        // racing it must not have the broker auto-create it with the default count instead.
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumer = new KafkaConsumer<>(props);
        running = true;
        thread = new Thread(this::run, "telemetry-history-writer");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (thread == null) {
            return;
        }
        running = false;
        consumer.wakeup();
        thread.join(5_000);
    }

    /**
     * The pause after a batch of {@code rows} that took {@code elapsedNanos} (poll and write): while ingest
     * requests are in flight the writer keeps to {@code busyRowsPerSecond} (0: never pauses); idle, none. The
     * upsert with its rollups is PostgreSQL work on the same cores as the requests, which wait for their
     * acknowledgement, while history may trail by seconds.
     */
    static long pauseNanos(int rows, long elapsedNanos, boolean busy, int busyRowsPerSecond) {
        if (!busy || busyRowsPerSecond <= 0) {
            return 0;
        }
        return Math.max(0, rows * 1_000_000_000L / busyRowsPerSecond - elapsedNanos);
    }

    /** Rows this replica has written since start (benchmarks read it). */
    public long rowsWritten() {
        return rowsWritten.get();
    }

    private void run() {
        consumer.subscribe(List.of(TelemetryReading.TOPIC));
        long lastLag = 0;
        try {
            while (running) {
                long started = System.nanoTime();
                ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(500));
                if (!batch.isEmpty()) {
                    write(batch);
                    long pause = pauseNanos(batch.count(), System.nanoTime() - started, load.busy(),
                            config.busyRowsPerSecond());
                    if (pause > 0) {
                        TimeUnit.NANOSECONDS.sleep(pause);
                    }
                }
                if (System.currentTimeMillis() - lastLag > 5_000) {
                    lastLag = System.currentTimeMillis();
                    metrics.historyLag(lag());
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
        }
    }

    private void write(ConsumerRecords<String, byte[]> batch) {
        List<ReadingRepository.Row> rows = rows(batch);
        while (running) {
            try {
                readings.upsert(rows);
                consumer.commitSync(offsets(batch));
                rowsWritten.addAndGet(rows.size());
                return;
            } catch (Exception e) {
                // Database away: keep the batch, retry; the consumer keeps its partitions meanwhile (poll is not
                // called, so after max.poll.interval.ms another replica may take over and redeliver: harmless).
                LOG.warnf("history: could not write %d readings, retrying in %s: %s", rows.size(), RETRY, e.getMessage());
                try {
                    Thread.sleep(RETRY.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Rows of a batch, one per device and start: ON CONFLICT may touch a row once per statement. */
    private List<ReadingRepository.Row> rows(ConsumerRecords<String, byte[]> batch) {
        Map<String, ReadingRepository.Row> byKey = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : batch) {
            try {
                ReadingRepository.Row row = row(record.value());
                if (row == null) {
                    continue;
                }
                String key = row.deviceId() + '|' + row.start();
                ReadingRepository.Row previous = byKey.get(key);
                if (previous != null) {
                    // The same reading twice in one batch (a PUT, a client's retry): one row, payloads merged.
                    ObjectNode merged = (ObjectNode) mapper.readTree(previous.payloadsJson());
                    merged.setAll((ObjectNode) mapper.readTree(row.payloadsJson()));
                    row = new ReadingRepository.Row(row.deviceId(), row.start(), row.duration(), row.organizationId(),
                            row.venId(), row.deviceType(), row.eventId(), row.programId(), row.reportId(),
                            merged.toString(), row.receivedAt());
                }
                byKey.put(key, row);
            } catch (Exception e) {
                LOG.warnf("history: skipped an unreadable telemetry.raw record at %s-%d@%d (%s)", record.topic(),
                        record.partition(), record.offset(), e.getMessage());
            }
        }
        return new ArrayList<>(byKey.values());
    }

    /**
     * One record read with the streaming parser, its payloads object taken as the bytes it has on the topic:
     * a tree per record (and printing the payloads back) was most of the writer's own CPU. Null for a record
     * of another type; throws for one that lacks a field the row needs.
     */
    static ReadingRepository.Row row(byte[] value) throws IOException {
        String type = null;
        String device = null;
        String start = null;
        String duration = null;
        String organization = null;
        String ven = null;
        String deviceType = null;
        String event = null;
        String program = null;
        String report = null;
        String payloads = null;
        String received = null;
        try (JsonParser p = JSON.createParser(value)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken token = p.nextToken();
                if ("type".equals(field)) {
                    type = p.getValueAsString();
                } else if ("payload".equals(field) && token == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        JsonToken t = p.nextToken();
                        switch (name) {
                            case "deviceId" -> device = p.getValueAsString();
                            case "start" -> start = p.getValueAsString();
                            case "duration" -> duration = p.getValueAsString();
                            case "organizationId" -> organization = p.getValueAsString();
                            case "venId" -> ven = p.getValueAsString();
                            case "deviceType" -> deviceType = p.getValueAsString();
                            case "eventId" -> event = p.getValueAsString();
                            case "programId" -> program = p.getValueAsString();
                            case "reportId" -> report = p.getValueAsString();
                            case "receivedAt" -> received = p.getValueAsString();
                            case "payloads" -> {
                                expect(t, JsonToken.START_OBJECT);
                                int from = (int) p.currentTokenLocation().getByteOffset();
                                p.skipChildren();
                                int to = (int) p.currentTokenLocation().getByteOffset() + 1;
                                payloads = new String(value, from, to - from, StandardCharsets.UTF_8);
                            }
                            default -> p.skipChildren();
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        if (!TelemetryReading.ENVELOPE_TYPE.equals(type)) {
            return null;
        }
        if (device == null || start == null || organization == null || payloads == null || received == null) {
            throw new IOException("a telemetry.reading without deviceId, start, organizationId, payloads or receivedAt");
        }
        return new ReadingRepository.Row(device, Timestamps.parse(start), duration == null ? "PT0S" : duration,
                organization, ven, deviceType, event, program, report, payloads, Timestamps.parse(received));
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + ", found " + actual);
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> offsets(ConsumerRecords<String, byte[]> batch) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : batch.partitions()) {
            List<ConsumerRecord<String, byte[]>> records = batch.records(partition);
            offsets.put(partition, new OffsetAndMetadata(records.get(records.size() - 1).offset() + 1));
        }
        return offsets;
    }

    /** Records on telemetry.raw not yet written by this replica's partitions. */
    private long lag() {
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty()) {
            return 0;
        }
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> end : consumer.endOffsets(assigned).entrySet()) {
            lag += Math.max(0, end.getValue() - consumer.position(end.getKey()));
        }
        return lag;
    }
}
