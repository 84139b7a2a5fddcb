package dev.gridservices.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import org.jboss.logging.Logger;

/**
 * Deletes published outbox rows older than {@code outbox.retention.published-age} and inbox message
 * ids older than {@code outbox.retention.inbox-age}, in batches of {@code outbox.retention.batch-size}
 * (short statements, no long lock on either table). Parked rows are kept: they wait for an operator.
 * Every replica may run it; concurrent runs just delete fewer rows each.
 */
@ApplicationScoped
public class OutboxRetention {

    private static final Logger LOG = Logger.getLogger(OutboxRetention.class);
    private static final String OUTBOX = "DELETE FROM outbox_message WHERE seq IN (SELECT seq FROM outbox_message "
            + "WHERE published_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)";
    private static final String INBOX = "DELETE FROM inbox_message WHERE ctid IN (SELECT ctid FROM inbox_message "
            + "WHERE received_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)";

    private final OutboxConfig.Retention config;
    private final Pool pool;
    private final Counter deletedOutbox;
    private final Counter deletedInbox;

    public OutboxRetention(OutboxConfig config, Pool pool, MeterRegistry registry) {
        this.config = config.retention();
        this.pool = pool;
        this.deletedOutbox = registry.counter("outbox.retention.deleted", "table", "outbox_message");
        this.deletedInbox = registry.counter("outbox.retention.deleted", "table", "inbox_message");
    }

    @Scheduled(every = "${outbox.retention.interval:10m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return run().onFailure().invoke(e -> LOG.warnf("Outbox retention failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One pass over both tables; returns how many rows were deleted. */
    public Uni<Long> run() {
        OffsetDateTime now = OffsetDateTime.now();
        return deleteAll(OUTBOX, now.minus(config.publishedAge()), deletedOutbox, 0)
                .flatMap(outbox -> deleteAll(INBOX, now.minus(config.inboxAge()), deletedInbox, 0)
                        .map(inbox -> outbox + inbox));
    }

    private Uni<Long> deleteAll(String sql, OffsetDateTime before, Counter counter, long sofar) {
        return pool.preparedQuery(sql).execute(Tuple.of(before, config.batchSize())).flatMap(rows -> {
            int deleted = rows.rowCount();
            counter.increment(deleted);
            return deleted < config.batchSize()
                    ? Uni.createFrom().item(sofar + deleted)
                    : deleteAll(sql, before, counter, sofar + deleted);
        });
    }
}
