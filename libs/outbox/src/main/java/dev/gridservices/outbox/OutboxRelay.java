package dev.gridservices.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Publishes pending outbox rows to Kafka.
 * <ul>
 * <li>Order: rows are sent in {@code seq} order (a database identity, not a clock), per key-hash shard;
 * a relay sends a shard only while it holds that shard's transaction-scoped advisory lock, so across
 * replicas there is one sender per key at a time.</li>
 * <li>No row locks: the shard lock is the only lock held while the acks are awaited, and never longer
 * than {@code outbox.relay.ack-timeout}. Acked rows are marked with one set-based UPDATE.</li>
 * <li>Poison rows: a failed send counts an attempt on its row outside the batch transaction when the
 * failure is the row's own (too large, invalid topic, serialization, or other rows of the batch went through); after
 * {@code outbox.relay.max-attempts} the row is parked (logged with its id, counted) and the shard goes on.
 * A broker outage counts nothing: every row just stays pending.</li>
 * <li>Latency: a commit NOTIFYs (trigger on insert) and the relay LISTENs; it drains while batches
 * come back full. The {@code outbox.relay.interval} poll is only a safety net.</li>
 * </ul>
 * Delivery is at least once (a timed-out ack is resent); consumers dedupe with {@link Inbox}.
 */
@ApplicationScoped
public class OutboxRelay {

    /** Settings of one relay instance. */
    public record Settings(int batchSize, int shards, int concurrency, int maxAttempts, Duration ackTimeout,
                           Duration retryBackoff) {
        static Settings of(OutboxConfig.Relay relay) {
            return new Settings(relay.batchSize(), relay.shards(), relay.concurrency(), relay.maxAttempts(),
                    relay.ackTimeout(), relay.retryBackoff());
        }
    }

    static final String CHANNEL = "outbox_message";
    /** First key of the advisory locks (second key: the shard), so they cannot clash with a service's own. */
    static final int LOCK_NAMESPACE = 0x0b0c5e1a;

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String PENDING_SHARDS = "SELECT DISTINCT shard FROM outbox_message "
            + "WHERE published_at IS NULL AND parked_at IS NULL";
    // The shard's lock is tried once (the CTE), and rows are read only if it was got: no rows either way
    // means "nothing for this relay now" (empty, or another relay is sending the shard).
    private static final String CLAIM = "WITH shard_lock AS (SELECT pg_try_advisory_xact_lock($1, $2) AS locked) "
            + "SELECT seq, id, topic, message_key, envelope, created_at FROM outbox_message, shard_lock "
            + "WHERE shard_lock.locked AND shard = $2 AND published_at IS NULL AND parked_at IS NULL "
            + "ORDER BY seq LIMIT $3";
    private static final String MARK = "UPDATE outbox_message SET published_at = now() WHERE seq = ANY($1)";
    private static final String FAILED = "UPDATE outbox_message SET last_error = $2, "
            + "attempts = attempts + CASE WHEN $3 THEN 1 ELSE 0 END, "
            + "parked_at = CASE WHEN $3 AND attempts + 1 >= $4 THEN now() END "
            + "WHERE seq = $1 RETURNING attempts, parked_at IS NOT NULL";
    private static final String LAG = "SELECT count(*) FILTER (WHERE parked_at IS NULL), "
            + "COALESCE(EXTRACT(EPOCH FROM now() - min(created_at) FILTER (WHERE parked_at IS NULL)), 0), "
            + "count(*) FILTER (WHERE parked_at IS NOT NULL) FROM outbox_message WHERE published_at IS NULL";

    private final Settings settings;
    private final Pool pool;
    private final OutboxProducer producer;
    private final ExecutorService sender;
    private final Counter published;
    private final Counter failed;
    private final Counter parked;
    private final Timer batchTimer;
    private final Timer lag;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wakeRequested = new AtomicBoolean();
    private final AtomicBoolean retryScheduled = new AtomicBoolean();
    private final AtomicLong pendingCount = new AtomicLong();
    private final AtomicLong oldestPendingSeconds = new AtomicLong();
    private final AtomicLong parkedCount = new AtomicLong();

    // Set only on the CDI instance, which owns the lifecycle (startup, LISTEN, polling).
    private OutboxConfig config;
    private OutboxSchema schema;
    private OutboxTopics topics;
    private Vertx vertx;
    private Config mpConfig;
    private PgSubscriber subscriber;
    private volatile boolean ready;
    private volatile boolean stopped;

    @Inject
    public OutboxRelay(OutboxConfig config, Pool pool, OutboxProducer producer, OutboxTopics topics,
                       OutboxSchema schema, Vertx vertx, Config mpConfig, MeterRegistry registry) {
        this(Settings.of(config.relay()), pool, producer, registry);
        this.config = config;
        this.schema = schema;
        this.topics = topics;
        this.vertx = vertx;
        this.mpConfig = mpConfig;
        Gauge.builder("outbox.pending", pendingCount, AtomicLong::get)
                .description("Outbox rows waiting to be published").register(registry);
        Gauge.builder("outbox.pending.oldest.age", oldestPendingSeconds, AtomicLong::get).baseUnit("seconds")
                .description("Age of the oldest row waiting to be published").register(registry);
        Gauge.builder("outbox.parked", parkedCount, AtomicLong::get)
                .description("Outbox rows parked after max-attempts failures").register(registry);
    }

    /** A relay instance of its own (another "replica" in tests and benchmarks); it has no lifecycle. */
    public OutboxRelay(Settings settings, Pool pool, OutboxProducer producer, MeterRegistry registry) {
        this.settings = settings;
        this.pool = pool;
        this.producer = producer;
        this.sender = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "outbox-relay-send");
            t.setDaemon(true);
            return t;
        });
        this.published = registry.counter("outbox.messages.published");
        this.failed = registry.counter("outbox.relay.failures");
        this.parked = registry.counter("outbox.messages.parked");
        this.batchTimer = registry.timer("outbox.relay.batch");
        this.lag = Timer.builder("outbox.relay.lag").description("From record() to the broker's ack")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    public boolean enabled() {
        return config != null && config.relay().enabled().orElse(!config.topics().isEmpty());
    }

    /** True once the topics are declared and the relay sends. */
    public boolean ready() {
        return ready;
    }

    void start(@Observes StartupEvent event) {
        schema.migrate();
        if (!enabled()) {
            LOG.info("Outbox relay disabled (no outbox.topics declared, or outbox.relay.enabled=false)");
        }
        if (topics.names().isEmpty()) {
            return;
        }
        Thread declare = new Thread(this::declareThenStart, "outbox-topics");
        declare.setDaemon(true);
        declare.start();
    }

    private void declareThenStart() {
        while (!stopped) {
            try {
                topics.declare();
                break;
            } catch (Exception e) {
                LOG.warnf("Could not declare topics %s yet (%s); retrying in 5 s, events stay in the outbox",
                        topics.names(), e.toString());
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        if (stopped || !enabled()) {
            return;
        }
        ready = true;
        if (config.relay().listen()) {
            listen();
        }
        wake();
    }

    private void listen() {
        String url = mpConfig.getValue("quarkus.datasource.reactive.url", String.class).replaceFirst("^vertx-reactive:", "");
        PgConnectOptions options = PgConnectOptions.fromUri(url);
        mpConfig.getOptionalValue("quarkus.datasource.username", String.class).ifPresent(options::setUser);
        mpConfig.getOptionalValue("quarkus.datasource.password", String.class).ifPresent(options::setPassword);
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1_000L);
        // (Re)subscribing also wakes the relay: rows may have committed while the connection was down.
        subscriber.channel(CHANNEL).subscribeHandler(this::wake).handler(payload -> wake());
        subscriber.connect().subscribe().with(ok -> LOG.debug("Outbox relay listening"),
                e -> LOG.warnf("Outbox relay could not LISTEN (%s); polling every %s only", e.toString(),
                        config.relay().interval()));
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        ready = false;
        if (subscriber != null) {
            subscriber.closeAndAwait();
        }
        sender.shutdown();
    }

    @Scheduled(every = "${outbox.relay.interval:5s}", delayed = "${outbox.relay.delay:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (ready) {
            wake();
        }
    }

    /** Starts a drain now, or right after the one running; never two at once in one relay. */
    public void wake() {
        wakeRequested.set(true);
        if (running.compareAndSet(false, true)) {
            wakeRequested.set(false);
            drain().subscribe().with(n -> finished(), e -> {
                LOG.warnf(e, "Outbox relay drain failed; rows stay pending");
                finished();
            });
        }
    }

    private void finished() {
        running.set(false);
        if (wakeRequested.get() && !stopped) {
            wake();
        }
    }

    /** Sends everything pending (shards in parallel, each in order); returns how many rows were published. */
    public Uni<Integer> drain() {
        return pool.preparedQuery(PENDING_SHARDS).execute().flatMap(rows -> {
            List<Integer> shards = new ArrayList<>();
            rows.forEach(row -> shards.add(row.getInteger(0)));
            if (shards.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            return Multi.createFrom().iterable(shards)
                    .onItem().transformToUni(this::drainShard).merge(settings.concurrency())
                    .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue));
        });
    }

    private Uni<Integer> drainShard(int shard) {
        return relayBatch(shard)
                .onFailure().recoverWithItem(e -> {
                    failed.increment();
                    LOG.warnf("Outbox shard %d not relayed (%s); its rows stay pending", shard, e.toString());
                    scheduleRetry();
                    return new Batch(0, false);
                })
                .flatMap(batch -> batch.again()
                ? drainShard(shard).map(more -> more + batch.published())
                : Uni.createFrom().item(batch.published()));
    }

    private record Sent(long seq, UUID id, String topic, String key, OffsetDateTime createdAt, Throwable error) {
    }

    private record Batch(int published, boolean again) {
    }

    private Uni<Batch> relayBatch(int shard) {
        long start = System.nanoTime();
        return pool.withTransaction(conn -> conn.preparedQuery(CLAIM)
                        .execute(Tuple.of(LOCK_NAMESPACE, shard, settings.batchSize()))
                        .flatMap(this::sendAll)
                        .call(sent -> markPublished(conn, sent)))
                .call(this::recordFailures)
                .map(sent -> {
                    long ok = sent.stream().filter(s -> s.error() == null).count();
                    if (!sent.isEmpty()) {
                        batchTimer.record(Duration.ofNanos(System.nanoTime() - start));
                        published.increment(ok);
                    }
                    boolean failures = ok < sent.size();
                    return new Batch((int) ok, !failures && sent.size() == settings.batchSize());
                });
    }

    /** Hands the rows to the producer in seq order (off the event loop: send may block on metadata). */
    private Uni<List<Sent>> sendAll(RowSet<Row> rows) {
        if (rows.size() == 0) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.createFrom().item(() -> {
                    List<CompletableFuture<Sent>> futures = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        long seq = row.getLong("seq");
                        UUID id = row.getUUID("id");
                        String topic = row.getString("topic");
                        String key = row.getString("message_key");
                        OffsetDateTime created = row.getOffsetDateTime("created_at");
                        futures.add(producer.send(topic, key, row.getString("envelope"))
                                .handle((meta, error) -> new Sent(seq, id, topic, key, created, unwrap(error))));
                    }
                    return futures;
                })
                .runSubscriptionOn(sender)
                .flatMap(futures -> Uni.createFrom()
                        .completionStage(CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)))
                        .map(done -> futures.stream().map(CompletableFuture::join).toList()))
                .ifNoItem().after(settings.ackTimeout())
                .failWith(() -> new TimeoutException("No ack from Kafka within " + settings.ackTimeout()
                        + "; the batch stays pending and is sent again"));
    }

    private Uni<Void> markPublished(SqlConnection conn, List<Sent> sent) {
        Long[] seqs = sent.stream().filter(s -> s.error() == null).map(Sent::seq).toArray(Long[]::new);
        if (seqs.length == 0) {
            return Uni.createFrom().voidItem();
        }
        OffsetDateTime now = OffsetDateTime.now();
        sent.stream().filter(s -> s.error() == null)
                .forEach(s -> lag.record(Duration.between(s.createdAt(), now)));
        return conn.preparedQuery(MARK).execute(Tuple.of(seqs)).replaceWithVoid();
    }

    /**
     * Counts the failed rows' attempts in their own statements, after the batch committed, so the count
     * survives whatever happens to the batch. A failure counts against its row only when the row is the
     * problem: a non-retriable error, or other rows of the same batch went through.
     */
    private Uni<Void> recordFailures(List<Sent> sent) {
        List<Sent> failures = sent.stream().filter(s -> s.error() != null).toList();
        if (failures.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        failed.increment(failures.size());
        boolean othersWentThrough = failures.size() < sent.size();
        LOG.warnf("%d of %d outbox rows not sent, retried in %s: %s", failures.size(), sent.size(),
                settings.retryBackoff(), describe(failures.get(0).error()));
        scheduleRetry();
        return Multi.createFrom().iterable(failures)
                .onItem().transformToUniAndConcatenate(s -> {
                    boolean counts = othersWentThrough || rowSpecific(s.error());
                    String error = describe(s.error());
                    return pool.preparedQuery(FAILED)
                            .execute(Tuple.of(s.seq(), error, counts, settings.maxAttempts()))
                            .invoke(rows -> rows.forEach(row -> {
                                if (row.getBoolean(1)) {
                                    parked.increment();
                                    LOG.errorf("Outbox row %s (topic %s, key %s) parked after %d attempts: %s; "
                                            + "later rows go on. Requeue: UPDATE outbox_message SET parked_at = NULL, "
                                            + "attempts = 0 WHERE id = '%s'", s.id(), s.topic(), s.key(),
                                            row.getInteger(0), error, s.id());
                                } else {
                                    LOG.debugf("Outbox row %s (topic %s) not sent (attempts %d, counted: %s): %s",
                                            s.id(), s.topic(), row.getInteger(0), counts, error);
                                }
                            }));
                })
                .collect().last().replaceWithVoid();
    }

    private void scheduleRetry() {
        if (retryScheduled.compareAndSet(false, true)) {
            Uni.createFrom().voidItem().onItem().delayIt().by(settings.retryBackoff()).subscribe().with(x -> {
                retryScheduled.set(false);
                if (!stopped) {
                    wake();
                }
            });
        }
    }

    /** Errors that come from the row itself, so that retrying it later cannot help. */
    private static boolean rowSpecific(Throwable error) {
        return error instanceof RecordTooLargeException || error instanceof InvalidTopicException
                || error instanceof SerializationException || error instanceof InvalidRecordException;
    }

    private static String describe(Throwable error) {
        StringBuilder text = new StringBuilder(error.getClass().getName()).append(": ").append(error.getMessage());
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append(" <- ").append(cause.getClass().getName()).append(": ").append(cause.getMessage());
        }
        return text.toString();
    }

    private static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while (e instanceof java.util.concurrent.CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /** Refreshes the lag gauges: pending rows, age of the oldest, parked rows. */
    @Scheduled(every = "${outbox.relay.lag-interval:5s}", delayed = "${outbox.relay.delay:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> refreshLag() {
        // Also while the topics are not declared yet (Kafka away at startup): that is when lag grows.
        if (!enabled() || stopped) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery(LAG).execute()
                .invoke(rows -> {
                    Row row = rows.iterator().next();
                    pendingCount.set(row.getLong(0));
                    oldestPendingSeconds.set(row.getNumeric(1).longValue());
                    parkedCount.set(row.getLong(2));
                })
                .onFailure().invoke(e -> LOG.debugf("Could not read the outbox lag: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    public long pendingCount() {
        return pendingCount.get();
    }

    public long oldestPendingSeconds() {
        return oldestPendingSeconds.get();
    }

    public long parkedCount() {
        return parkedCount.get();
    }
}
