package dev.gridservices.telemetry.messaging;

import dev.gridservices.openadr.telemetry.TelemetryReading;
import dev.gridservices.telemetry.service.IngestMetrics;
import dev.gridservices.telemetry.service.Reading;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Puts readings on {@code telemetry.raw} and returns only when Kafka acknowledged every one of them
 * (acks=all, idempotent producer: see application.properties), or throws {@link BrokerUnavailableException}
 * when one failed or the deadline passed. It sends with the channel's underlying Kafka producer: measured
 * faster than the SmallRye emitter for a 500-record request (docs/benchmarks.md); {@link #publishViaEmitter}
 * stays for that comparison.
 */
@ApplicationScoped
public class ReadingPublisher {

    public static final String CHANNEL = "telemetry-raw";
    private static final Logger LOG = Logger.getLogger(ReadingPublisher.class);

    /** Kafka did not acknowledge the whole batch in time. */
    public static final class BrokerUnavailableException extends RuntimeException {
        public BrokerUnavailableException(String message) {
            super(message, null, false, false);
        }
    }

    private final KafkaClientService kafka;
    private final Emitter<byte[]> emitter;
    private final IngestMetrics metrics;
    private volatile Producer<String, byte[]> producer;

    public ReadingPublisher(KafkaClientService kafka, @Channel(CHANNEL) Emitter<byte[]> emitter, IngestMetrics metrics) {
        this.kafka = kafka;
        this.emitter = emitter;
        this.metrics = metrics;
    }

    /** Sends every reading and waits for all acks: {@link #send} then {@link Pending#await}. */
    public void publish(List<Reading> readings, String reportId, String eventId, String programId, Instant receivedAt,
                        Duration deadline) {
        send(readings, reportId, eventId, programId, receivedAt, deadline).await();
    }

    /**
     * Hands every reading to the producer without waiting for acks, so the caller can do other work (store
     * the report) while they arrive; {@link Pending#await} then says whether all of them were acknowledged.
     */
    public Pending send(List<Reading> readings, String reportId, String eventId, String programId, Instant receivedAt,
                        Duration deadline) {
        Pending pending = new Pending(readings.size(), reportId, deadline);
        Producer<String, byte[]> p = producer();
        // One report's readings share these; formatted once, not per record.
        ReportPart part = new ReportPart(reportId, eventId, programId, receivedAt.toString());
        Instant lastStart = null;
        String start = null;
        for (Reading reading : readings) {
            if (pending.failure.get() != null || System.nanoTime() > pending.deadlineNanos) {
                break;
            }
            if (!reading.start().equals(lastStart)) {
                lastStart = reading.start();
                start = lastStart.toString();
            }
            byte[] value = envelope(reading, start, part);
            try {
                p.send(new ProducerRecord<>(TelemetryReading.TOPIC, reading.deviceId(), value), pending);
            } catch (RuntimeException e) {
                // send() itself throws when metadata cannot be had within max.block.ms (broker gone).
                pending.failure.compareAndSet(null, e);
            }
        }
        return pending;
    }

    /** The acks of one report's readings. */
    public final class Pending implements org.apache.kafka.clients.producer.Callback {
        private final long started = System.nanoTime();
        private final long deadlineNanos;
        private final Duration deadline;
        private final int count;
        private final String reportId;
        private final CountDownLatch acked;
        private final AtomicReference<Exception> failure = new AtomicReference<>();

        private Pending(int count, String reportId, Duration deadline) {
            this.count = count;
            this.reportId = reportId;
            this.deadline = deadline;
            this.deadlineNanos = started + deadline.toNanos();
            this.acked = new CountDownLatch(count);
        }

        @Override
        public void onCompletion(org.apache.kafka.clients.producer.RecordMetadata metadata, Exception e) {
            if (e != null) {
                failure.compareAndSet(null, e);
            }
            acked.countDown();
        }

        /** Returns once Kafka acknowledged every reading; throws when one failed or the deadline passed. */
        public void await() {
            boolean complete;
            try {
                complete = failure.get() == null
                        && acked.await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                complete = false;
            }
            if (!complete || failure.get() != null) {
                String reason = failure.get() != null ? failure.get().getMessage() : "no acknowledgement within " + deadline;
                LOG.warnf("telemetry.raw: %d readings of report %s not acknowledged: %s", count, reportId, reason);
                throw new BrokerUnavailableException(reason);
            }
            metrics.ackLatency(System.nanoTime() - started);
        }
    }

    /** The same contract through the SmallRye emitter (one Message per record, acks awaited). For measurement. */
    public void publishViaEmitter(List<Reading> readings, String reportId, Instant receivedAt, Duration deadline) {
        CompletableFuture<?>[] acks = new CompletableFuture<?>[readings.size()];
        for (int i = 0; i < readings.size(); i++) {
            Reading reading = readings.get(i);
            CompletableFuture<Void> ack = new CompletableFuture<>();
            acks[i] = ack;
            emitter.send(Message.of(envelope(reading, reportId, null, null, receivedAt))
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(reading.deviceId()).build())
                    .withAck(() -> {
                        ack.complete(null);
                        return CompletableFuture.completedFuture(null);
                    })
                    .withNack(e -> {
                        ack.completeExceptionally(e);
                        return CompletableFuture.completedFuture(null);
                    }));
        }
        try {
            CompletableFuture.allOf(acks).get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new BrokerUnavailableException(e.getMessage());
        }
    }

    private Producer<String, byte[]> producer() {
        Producer<String, byte[]> p = producer;
        if (p == null) {
            p = kafka.<String, byte[]>getProducer(CHANNEL).unwrap();
            producer = p;
        }
        return p;
    }

    /** The envelope of libs/outbox ({@code EventEnvelope}) around a {@link TelemetryReading}, written as bytes: hot path. */
    static byte[] envelope(Reading r, String reportId, String eventId, String programId, Instant receivedAt) {
        return envelope(r, r.start().toString(), new ReportPart(reportId, eventId, programId, receivedAt.toString()));
    }

    private static final byte[] ID = JsonBytes.bytes("{\"id\":");
    private static final byte[] OCCURRED_AT = JsonBytes.bytes(",\"type\":\"" + TelemetryReading.ENVELOPE_TYPE
            + "\",\"version\":" + TelemetryReading.ENVELOPE_VERSION + ",\"occurredAt\":");
    private static final byte[] TENANT = JsonBytes.bytes(",\"tenant\":");
    private static final byte[] DEVICE_ID = JsonBytes.bytes(",\"payload\":{\"deviceId\":");
    private static final byte[] VEN_ID = JsonBytes.bytes(",\"venId\":");
    private static final byte[] ORGANIZATION_ID = JsonBytes.bytes(",\"organizationId\":");
    private static final byte[] DEVICE_TYPE = JsonBytes.bytes(",\"deviceType\":");
    private static final byte[] START = JsonBytes.bytes(",\"start\":");
    private static final byte[] DURATION = JsonBytes.bytes(",\"duration\":");
    private static final byte[] COLON = {':'};
    private static final byte[] COMMA = {','};

    /** What every record of one report shares, as bytes built once per report. */
    private static final class ReportPart {
        final byte[] occurredAt;
        /** From eventId to the opening brace of payloads. */
        final byte[] beforePayloads;
        /** From the closing brace of payloads to the end of the envelope. */
        final byte[] afterPayloads;

        ReportPart(String reportId, String eventId, String programId, String receivedAt) {
            occurredAt = new JsonBytes(32).string(receivedAt).toByteArray();
            beforePayloads = new JsonBytes(160).raw(JsonBytes.bytes(",\"eventId\":")).string(eventId)
                    .raw(JsonBytes.bytes(",\"programId\":")).string(programId)
                    .raw(JsonBytes.bytes(",\"reportId\":")).string(reportId)
                    .raw(JsonBytes.bytes(",\"payloads\":{")).toByteArray();
            afterPayloads = new JsonBytes(48).raw(JsonBytes.bytes("},\"receivedAt\":")).string(receivedAt)
                    .raw(JsonBytes.bytes("}}")).toByteArray();
        }
    }

    private static byte[] envelope(Reading r, String start, ReportPart report) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        JsonBytes out = new JsonBytes(320 + r.payloads().size() * 48);
        out.raw(ID).uuid(uuidHigh(random), uuidLow(random)).raw(OCCURRED_AT).raw(report.occurredAt)
                .raw(TENANT).string(r.organizationId())
                .raw(DEVICE_ID).string(r.deviceId()).raw(VEN_ID).string(r.venId())
                .raw(ORGANIZATION_ID).string(r.organizationId()).raw(DEVICE_TYPE).string(r.deviceType())
                .raw(START).string(start).raw(DURATION).string(r.duration())
                .raw(report.beforePayloads);
        boolean first = true;
        for (Map.Entry<String, Object> e : r.payloads().entrySet()) {
            if (!first) {
                out.raw(COMMA);
            }
            first = false;
            out.string(e.getKey()).raw(COLON).value(e.getValue());
        }
        return out.raw(report.afterPayloads).toByteArray();
    }

    /** The halves of a version 4 UUID from the thread's generator: UUID.randomUUID() serializes every thread on one SecureRandom. */
    private static long uuidHigh(ThreadLocalRandom random) {
        return (random.nextLong() & ~0xF000L) | 0x4000L;
    }

    private static long uuidLow(ThreadLocalRandom random) {
        return (random.nextLong() & ~(0xC000000000000000L)) | 0x8000000000000000L;
    }
}
