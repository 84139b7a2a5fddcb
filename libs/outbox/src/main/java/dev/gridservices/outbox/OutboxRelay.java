package dev.gridservices.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes pending outbox rows to Kafka. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so
 * replicas share the work without sending a row twice at once; a row is marked published only after
 * the broker acknowledged it (acks=all), in the transaction that holds its lock. A failed send rolls
 * back and the row is retried on the next tick: delivery is at least once, consumers dedupe on id.
 */
// Eager, so its meters exist (at zero) from the first scrape rather than from the first tick.
@Startup
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String CLAIM = "SELECT id, topic, message_key, type, envelope, created_at, published_at "
            + "FROM outbox_message WHERE published_at IS NULL "
            + "ORDER BY created_at LIMIT :batch FOR UPDATE SKIP LOCKED";

    private final MutinyEmitter<String> emitter;
    private final int batchSize;
    private final Counter published;
    private final Counter failed;
    private final Timer relayTimer;

    public OutboxRelay(@Channel("outbox") MutinyEmitter<String> emitter,
                       @ConfigProperty(name = "outbox.relay.batch-size", defaultValue = "100") int batchSize,
                       MeterRegistry registry) {
        this.emitter = emitter;
        this.batchSize = batchSize;
        this.published = registry.counter("outbox.messages.published");
        this.failed = registry.counter("outbox.relay.failures");
        this.relayTimer = registry.timer("outbox.relay.batch");
    }

    @Scheduled(every = "${outbox.relay.interval:0.25s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "${outbox.relay.delay:1s}")
    Uni<Void> tick() {
        return relay()
                .onFailure().invoke(e -> {
                    failed.increment();
                    LOG.warnf(e, "Outbox relay batch failed; rows stay pending and are retried");
                })
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Publishes one batch; returns how many rows were published. */
    public Uni<Integer> relay() {
        long start = System.nanoTime();
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session
                        .createNativeQuery(CLAIM, OutboxMessage.class)
                        .setParameter("batch", batchSize)
                        .getResultList())
                .flatMap(this::publish))
                .invoke(count -> {
                    if (count > 0) {
                        relayTimer.record(Duration.ofNanos(System.nanoTime() - start));
                        published.increment(count);
                    }
                });
    }

    private Uni<Integer> publish(List<OutboxMessage> batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        // All sends are handed to the producer in creation order before any ack is awaited: the
        // idempotent producer keeps that order per partition, so per-key order survives.
        List<Uni<Void>> sends = batch.stream().map(this::send).toList();
        return Uni.join().all(sends).andFailFast()
                .invoke(() -> {
                    Instant now = Instant.now();
                    for (OutboxMessage message : batch) {
                        message.publishedAt = now;
                    }
                })
                .replaceWith(batch.size());
    }

    private Uni<Void> send(OutboxMessage message) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(message.topic)
                .withKey(message.messageKey)
                .build();
        return emitter.sendMessage(Message.of(message.envelope).addMetadata(metadata));
    }
}
