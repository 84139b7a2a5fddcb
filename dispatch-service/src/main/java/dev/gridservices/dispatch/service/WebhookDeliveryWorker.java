package dev.gridservices.dispatch.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gridservices.dispatch.client.WebhookClient;
import dev.gridservices.dispatch.client.WebhookClient.Outcome;
import dev.gridservices.dispatch.mapping.Json;
import dev.gridservices.dispatch.repository.SubscriptionRecord;
import dev.gridservices.dispatch.repository.WebhookDelivery;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Works the durable webhook_delivery queue. Each tick claims the head of every subscription's queue
 * that is due (a lease, committed before sending, so a crash mid-send only means a retry with the same
 * webhook-id) and sends each on its own context without waiting for the others: a dead receiver's 5 s
 * timeout delays nobody else, and one subscription's notifications stay in order. A failed attempt is
 * retried after 1 s, 2 s, 4 s; a subscription with {@code dispatch.webhook.unhealthy-after} (3)
 * consecutive failures is marked unhealthy and its contact emailed, and is then retried every
 * {@code dispatch.webhook.unhealthy-retry}; the first success makes it healthy again. Attempts are recorded
 * in batches (all the answers that came back while the previous batch was written), a fixed number of
 * statements per batch.
 */
@ApplicationScoped
public class WebhookDeliveryWorker {

    /** NOTIFY channel of the webhook_delivery insert trigger (V3). */
    static final String CHANNEL = "webhook_delivery";
    private static final Logger LOG = Logger.getLogger(WebhookDeliveryWorker.class);
    private static final Duration[] BACKOFF = {Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)};
    // One statement claims the due head of every subscription's queue, in autocommit (one round trip, no
    // session or transaction around it). The heads are read once (a materialized CTE): a row another claim
    // (this replica's other lane, another replica) changed meanwhile is re-checked on its own columns only,
    // not by running the head query again. The lease is set only where the row is still pending, due and
    // unleased when the UPDATE gets it, so no delivery is claimed twice; a row that was a subscription's head
    // stays its head until it is delivered or cancelled, so order per subscription holds. It returns what the
    // sends need, the subscription's columns included (not locked: the send uses them as they were at the claim).
    private static final String CLAIM = "WITH head AS MATERIALIZED (SELECT id FROM "
            + "(SELECT DISTINCT ON (subscription_id) id, next_attempt_at, lease_until "
            + "FROM webhook_delivery WHERE status = 'PENDING' ORDER BY subscription_id, seq) h "
            + "WHERE next_attempt_at <= $2 AND (lease_until IS NULL OR lease_until < $2) LIMIT $3) "
            + "UPDATE webhook_delivery d SET lease_until = $1, attempts = d.attempts + 1 "
            + "FROM head, subscription s WHERE d.id = head.id AND s.id = d.subscription_id "
            + "AND d.status = 'PENDING' AND d.next_attempt_at <= $2 AND (d.lease_until IS NULL OR d.lease_until < $2) "
            + "RETURNING d.id, d.subscription_id, d.operation_index, d.body, d.attempts, s.object_operations, "
            + "s.signing_secret";
    // Recording a batch of attempts: the deliveries and their subscriptions are locked (in id order, so two
    // batches cannot deadlock), then one statement each writes the attempts, the deliveries and the health.
    // NO KEY UPDATE, not UPDATE: it still serializes with a concurrent revocation's or health update, but not with
    // the KEY SHARE locks that inserting deliveries (foreign key to subscription) takes on every subscription.
    private static final String LOCK_DELIVERIES = "SELECT id, status, attempts FROM webhook_delivery "
            + "WHERE id IN (:ids) ORDER BY id FOR NO KEY UPDATE";
    private static final String LOCK_SUBSCRIPTIONS = "SELECT id, healthy, consecutive_failures, contact_email, "
            + "client_name FROM subscription WHERE id IN (:ids) ORDER BY id FOR NO KEY UPDATE";
    private static final String ROWS = "jsonb_to_recordset(CAST(CAST(:rows AS text) AS jsonb))";
    private static final String INSERT_ATTEMPTS = "INSERT INTO webhook_attempt (id, delivery_id, attempt, "
            + "attempted_at, status_code, latency_ms, error) "
            + "SELECT r.id, r.delivery_id, r.attempt, r.attempted_at, r.status_code, r.latency_ms, r.error FROM " + ROWS
            + " AS r(id text, delivery_id text, attempt int, attempted_at timestamptz, status_code int, "
            + "latency_ms bigint, error text) ON CONFLICT DO NOTHING";
    private static final String UPDATE_DELIVERIES = "UPDATE webhook_delivery d SET lease_until = NULL, "
            + "status = r.status, last_status_code = r.status_code, last_error = r.error, "
            + "delivered_at = COALESCE(r.delivered_at, d.delivered_at), "
            + "next_attempt_at = COALESCE(r.next_attempt_at, d.next_attempt_at) FROM " + ROWS
            + " AS r(id text, status text, status_code int, error text, delivered_at timestamptz, "
            + "next_attempt_at timestamptz) WHERE d.id = r.id";
    private static final String UPDATE_SUBSCRIPTIONS = "UPDATE subscription s SET healthy = r.healthy, "
            + "consecutive_failures = r.failures FROM " + ROWS + " AS r(id text, healthy boolean, failures int) "
            + "WHERE s.id = r.id";
    /** Decrypted subscription secrets kept (least recently used dropped first). */
    private static final int SECRETS_KEPT = 20_000;
    /** Attempts recorded in one transaction at most. */
    private static final int RECORD_BATCH = 500;

    private final WebhookClient client;
    private final Pool pool;
    private final SecretBox secrets;
    private final HealthMail mail;
    private final Json json;
    private final Vertx vertx;
    private final Duration backoffUnit;
    private final Duration unhealthyRetry;
    private final int unhealthyAfter;
    private final int batch;
    private final Counter delivered;
    private final Counter failed;
    private final Counter retries;
    private final Timer latency;
    private final AtomicLong unhealthy = new AtomicLong();
    /** Claims for commits that queued deliveries (in-process, NOTIFY). */
    private final Lane commits = new Lane();
    /** Claims for retries falling due, the recorded subscriptions' next heads and the safety-net poll. */
    private final Lane background = new Lane();
    private final Queue<Result> results = new ConcurrentLinkedQueue<>();
    private final Map<String, String> plaintexts = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > SECRETS_KEPT;
        }
    };
    private final AtomicBoolean recording = new AtomicBoolean();
    private final AtomicInteger nextLoop = new AtomicInteger();
    private Context[] sendContexts;
    private final Duration poll;
    private final boolean listen;
    private final Config config;
    private volatile boolean stopped;
    private PgSubscriber subscriber;
    private long timer;

    public WebhookDeliveryWorker(WebhookClient client, Pool pool, SecretBox secrets, HealthMail mail, Json json,
                                 Vertx vertx, MeterRegistry registry,
                                 @ConfigProperty(name = "dispatch.webhook.backoff-unit", defaultValue = "1s")
                                 Duration backoffUnit,
                                 @ConfigProperty(name = "dispatch.webhook.unhealthy-retry", defaultValue = "60s")
                                 Duration unhealthyRetry,
                                 @ConfigProperty(name = "dispatch.webhook.unhealthy-after", defaultValue = "3")
                                 int unhealthyAfter,
                                 @ConfigProperty(name = "dispatch.webhook.batch", defaultValue = "200") int batch,
                                 @ConfigProperty(name = "dispatch.webhook.poll", defaultValue = "5s")
                                 Duration poll,
                                 @ConfigProperty(name = "dispatch.webhook.listen", defaultValue = "true")
                                 boolean listen, Config config) {
        this.poll = poll;
        this.listen = listen;
        this.config = config;
        this.client = client;
        this.pool = pool;
        this.secrets = secrets;
        this.mail = mail;
        this.json = json;
        this.vertx = vertx;
        this.backoffUnit = backoffUnit;
        this.unhealthyRetry = unhealthyRetry;
        this.unhealthyAfter = unhealthyAfter;
        this.batch = batch;
        this.delivered = registry.counter("dispatch.webhook.deliveries", "outcome", "delivered");
        this.failed = registry.counter("dispatch.webhook.deliveries", "outcome", "failed");
        this.retries = registry.counter("dispatch.webhook.retries");
        this.latency = Timer.builder("dispatch.webhook.latency").publishPercentileHistogram()
                .description("Webhook attempt latency").register(registry);
        registry.gauge("dispatch.webhook.unhealthy.subscriptions", unhealthy);
    }

    /**
     * Woken right after a commit that queued deliveries (in-process by the writer, {@link #wake()}, and by
     * PostgreSQL NOTIFY on {@value #CHANNEL} from the insert trigger of V3, so another replica's commit wakes
     * this one too) and when a retry falls due (a timer per failed attempt). The poll on a Vert.x timer,
     * {@code dispatch.webhook.poll}, is only the safety net (a lost NOTIFY, a lease that expired after a
     * crash). Commits and the rest claim in two lanes, so the claim for a commit never queues behind a
     * background claim that started before the commit (and may not see its rows): retries and answers come in
     * all the time, and a fan-out's first claim waiting for one of them starts while the relay's and MQTT's
     * burst takes the CPU (DispatchBenchmark). One claim at a time per lane; a wake during a claim runs
     * another right after it, and a full batch claims again at once (issued before that batch's sends are
     * queued on the event loops), so a burst larger than {@code dispatch.webhook.batch} drains without waiting.
     */
    void start(@Observes StartupEvent started) {
        // one context per event loop (contexts are assigned to the loops in turn): the sends are spread over them
        List<Context> loops = new ArrayList<>();
        vertx.nettyEventLoopGroup().forEach(loop -> loops.add(((VertxInternal) vertx).createEventLoopContext()));
        sendContexts = loops.toArray(Context[]::new);
        timer = vertx.setPeriodic(poll.toMillis(), id -> background.wake());
        if (listen) {
            listen();
        }
    }

    void stop(@Observes ShutdownEvent stopping) {
        stopped = true;
        vertx.cancelTimer(timer);
        if (subscriber != null) {
            subscriber.close();
        }
    }

    /**
     * Called right after a commit that queued deliveries: claims and sends what is due now, or, if a claim for
     * an earlier commit is running, right after it.
     */
    public void wake() {
        commits.wake();
    }

    /** One claim at a time; a wake during a claim runs another right after it. */
    private final class Lane {
        private final AtomicBoolean claiming = new AtomicBoolean();
        private final AtomicBoolean requested = new AtomicBoolean();

        void wake() {
            requested.set(true);
            if (stopped || !claiming.compareAndSet(false, true)) {
                return;
            }
            requested.set(false);
            onSafeContext(() -> claim()
                    .onFailure().invoke(e -> LOG.warn("Claiming webhook deliveries failed", e))
                    .onFailure().recoverWithItem(List.of())
                    .invoke(claimed -> {
                        claiming.set(false);
                        // the next claim is issued before this batch's sends are queued on the event loops
                        if (claimed.size() >= batch || requested.get()) {
                            wake();
                        }
                        claimed.forEach(WebhookDeliveryWorker.this::sendDetached);
                    }).replaceWithVoid());
        }
    }

    /** The same LISTEN the outbox relay uses (Vert.x PgSubscriber, reconnecting every second). */
    private void listen() {
        String url = config.getValue("quarkus.datasource.reactive.url", String.class)
                .replaceFirst("^vertx-reactive:", "");
        PgConnectOptions options = PgConnectOptions.fromUri(url);
        config.getOptionalValue("quarkus.datasource.username", String.class).ifPresent(options::setUser);
        config.getOptionalValue("quarkus.datasource.password", String.class).ifPresent(options::setPassword);
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1_000L);
        // (Re)subscribing wakes too: deliveries may have committed while the connection was down.
        subscriber.channel(CHANNEL).subscribeHandler(v -> commits.wake()).handler(payload -> commits.wake());
        subscriber.connect(ar -> {
            if (ar.failed()) {
                LOG.warnf("Webhook worker could not LISTEN (%s); in-process wake-ups and polling every %s only",
                        ar.cause().toString(), poll);
            }
        });
    }

    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> countUnhealthy() {
        return Panache.withSession(() -> SubscriptionRecord.count("healthy = false")).invoke(unhealthy::set)
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** A claimed delivery with what its send needs of its subscription, as it was at the claim. */
    private record Claimed(String id, String subscriptionId, int operationIndex, String body, int attempt,
                           String objectOperations, String signingSecret) {
    }

    /** What one attempt came to, waiting to be recorded; {@code at} is when the answer (or error) came. */
    private record Result(Claimed delivery, Outcome outcome, boolean cancel, OffsetDateTime at) {
    }

    private Uni<List<Claimed>> claim() {
        OffsetDateTime now = Json.now();
        OffsetDateTime lease = now.plus(client.leaseLength());
        return pool.preparedQuery(CLAIM).execute(Tuple.of(lease, now, batch)).map(rows -> {
            List<Claimed> claimed = new ArrayList<>(rows.size());
            for (Row r : rows) {
                claimed.add(new Claimed(r.getString(0), r.getString(1), r.getInteger(2), r.getString(3),
                        r.getInteger(4), r.getString(5), r.getString(6)));
            }
            return claimed;
        });
    }

    /**
     * Each send on its own context, so its transactions share no reactive session with another send's, and the
     * sends of one claim spread over the event loops instead of all running on the loop that claimed them.
     */
    private void sendDetached(Claimed c) {
        Context loop = sendContexts[Math.floorMod(nextLoop.getAndIncrement(), sendContexts.length)];
        onSafeContext(loop, () -> send(c).invoke(result -> {
            results.add(result);
            recordResults();
        }).onFailure().invoke(e -> LOG.errorf(e, "Webhook delivery %s could not be sent; its lease expires and it "
                + "is retried", c.id())).onFailure().recoverWithNull());
    }

    private Uni<Result> send(Claimed c) {
        JsonNode op = json.read(c.objectOperations()).get(c.operationIndex());
        if (op == null) {
            return Uni.createFrom().item(new Result(c, new Outcome(0, "operation set removed by an update", 0), true,
                    Json.now()));
        }
        String token = op.hasNonNull("bearerTokenEncrypted")
                ? decrypted(op.get("bearerTokenEncrypted").asText()) : null;
        long timestamp = System.currentTimeMillis() / 1000;
        WebhookClient.Signed signed = WebhookClient.sign(decrypted(c.signingSecret()), c.id(), timestamp, c.body());
        return client.post(op.get("callbackUrl").asText(), token, signed, c.body())
                .map(outcome -> new Result(c, outcome, false, Json.now()));
    }

    /**
     * A subscription's secret (bearer token, signing secret) in plain text, decrypted once per ciphertext: two
     * AES-GCM decryptions per notification were the largest part of a send's CPU. Keyed by the ciphertext, so an
     * updated subscription (new ciphertext) is decrypted again and the old entry ages out; bounded.
     */
    private String decrypted(String ciphertext) {
        synchronized (plaintexts) {
            String plain = plaintexts.get(ciphertext);
            if (plain != null) {
                return plain;
            }
        }
        String plain = secrets.decrypt(ciphertext);
        synchronized (plaintexts) {
            plaintexts.put(ciphertext, plain);
        }
        return plain;
    }

    /**
     * Records the attempts that came back, in batches: one transaction for all that are waiting (up to
     * {@value #RECORD_BATCH}), and the next batch as soon as it commits, so a burst of answers costs a few
     * transactions instead of one each, and a lone answer is recorded at once. After each batch the worker
     * claims again: the recorded subscriptions' next notifications are the heads of their queues now.
     */
    private void recordResults() {
        if (stopped || !recording.compareAndSet(false, true)) {
            return;
        }
        List<Result> batchOfResults = new ArrayList<>();
        for (Result r; batchOfResults.size() < RECORD_BATCH && (r = results.poll()) != null; ) {
            batchOfResults.add(r);
        }
        if (batchOfResults.isEmpty()) {
            recording.set(false);
            if (!results.isEmpty()) {
                recordResults();
            }
            return;
        }
        onSafeContext(() -> record(batchOfResults)
                // a batch that failed as a whole (e.g. a deadlock with a concurrent revocation) is recorded one by one
                .onFailure().recoverWithUni(e -> {
                    LOG.debugf("Recording %d webhook attempts together failed (%s); recording them one by one",
                            batchOfResults.size(), e.toString());
                    return Multi.createFrom().iterable(batchOfResults)
                            .onItem().transformToUniAndConcatenate(r -> record(List.of(r)).onFailure().invoke(e2 ->
                                    LOG.errorf(e2, "Webhook delivery %s could not be recorded; its lease expires and "
                                            + "it is retried", r.delivery().id())).onFailure().recoverWithNull())
                            .collect().last().replaceWithVoid();
                })
                .eventually(() -> {
                    recording.set(false);
                    background.wake();
                    if (!results.isEmpty()) {
                        recordResults();
                    }
                }));
    }

    /** Runs {@code work} on a fresh duplicated context flagged safe, as Hibernate Reactive requires. */
    private void onSafeContext(Supplier<Uni<?>> work) {
        onSafeContext(vertx.getOrCreateContext(), work);
    }

    private void onSafeContext(Context base, Supplier<Uni<?>> work) {
        Context context = VertxContext.createNewDuplicatedContext(base);
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> work.get().subscribe().with(v -> { }, e -> { }));
    }

    /** A subscription's health as locked for a batch, changed in memory, then written back. */
    private static final class Health {
        final String id;
        final boolean wasHealthy;
        boolean healthy;
        int failures;
        final String contactEmail;
        final String clientName;
        boolean changed;
        boolean becameUnhealthy;

        Health(Object[] row) {
            id = (String) row[0];
            wasHealthy = (Boolean) row[1];
            healthy = wasHealthy;
            failures = (Integer) row[2];
            contactEmail = (String) row[3];
            clientName = (String) row[4];
        }
    }

    private Uni<Void> record(List<Result> batchOfResults) {
        List<String> deliveryIds = batchOfResults.stream().map(r -> r.delivery().id()).distinct().toList();
        List<String> subscriptionIds = batchOfResults.stream().map(r -> r.delivery().subscriptionId()).distinct()
                .toList();
        List<Health> unhealthyNow = new ArrayList<>();
        // Locked: a revocation cancelling a delivery meanwhile is either seen here or applied after this commit,
        // never overwritten by it (a plain read-modify-write would put PENDING back).
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> s
                        .createNativeQuery(LOCK_DELIVERIES, Object[].class).setParameter("ids", deliveryIds)
                        .getResultList()
                        .chain(deliveries -> s.createNativeQuery(LOCK_SUBSCRIPTIONS, Object[].class)
                                .setParameter("ids", subscriptionIds).getResultList()
                                .chain(subscriptions -> write(s, batchOfResults, deliveries, subscriptions,
                                        unhealthyNow)))))
                .call(() -> Multi.createFrom().iterable(unhealthyNow).onItem()
                        .transformToUniAndConcatenate(h -> mail.unhealthy(subscription(h))).collect().last());
    }

    private Uni<Void> write(Mutiny.Session session, List<Result> batchOfResults, List<Object[]> deliveryRows,
                            List<Object[]> subscriptionRows, List<Health> unhealthyNow) {
        Map<String, Object[]> deliveries = new HashMap<>();
        deliveryRows.forEach(row -> deliveries.put((String) row[0], row));
        Map<String, Health> health = new HashMap<>();
        subscriptionRows.forEach(row -> health.put((String) row[0], new Health(row)));
        ArrayNode attempts = json.mapper().createArrayNode();
        ArrayNode updates = json.mapper().createArrayNode();
        List<Long> retryTimers = new ArrayList<>();
        for (Result r : batchOfResults) {
            Object[] d = deliveries.get(r.delivery().id());
            Health sub = health.get(r.delivery().subscriptionId());
            if (d == null || sub == null) {
                continue;
            }
            String status = (String) d[1];
            int attemptsSoFar = (Integer) d[2];
            Outcome outcome = r.outcome();
            latency.record(Duration.ofMillis(outcome.latencyMs()));
            Integer statusCode = outcome.status() == 0 ? null : outcome.status();
            ObjectNode a = attempts.addObject();
            a.put("id", r.delivery().id() + ":" + r.delivery().attempt());
            a.put("delivery_id", r.delivery().id());
            a.put("attempt", r.delivery().attempt());
            a.put("attempted_at", Json.timestamp(r.at()));
            a.put("status_code", statusCode);
            a.put("latency_ms", outcome.latencyMs());
            a.put("error", outcome.error());
            ObjectNode u = updates.addObject();
            u.put("id", r.delivery().id());
            u.put("status_code", statusCode);
            u.put("error", outcome.error() != null ? outcome.error()
                    : outcome.delivered() ? null : "HTTP " + outcome.status());
            boolean cancelledMeanwhile = !WebhookDelivery.PENDING.equals(status);
            if (r.cancel()) {
                status = WebhookDelivery.CANCELLED;
            } else if (outcome.delivered()) {
                status = WebhookDelivery.DELIVERED;
                u.put("delivered_at", Json.timestamp(r.at()));
                sub.changed |= sub.failures != 0 || !sub.healthy;
                sub.failures = 0;
                sub.healthy = true;
                delivered.increment();
            } else if (cancelledMeanwhile) {
                // no retry of a notification that was withdrawn while this attempt was in flight
                failed.increment();
            } else {
                failed.increment();
                retries.increment();
                sub.changed = true;
                sub.failures++;
                if (sub.healthy && sub.failures >= unhealthyAfter) {
                    sub.healthy = false;
                    sub.becameUnhealthy = true;
                }
                Duration wait = delay(attemptsSoFar, sub.healthy);
                u.put("next_attempt_at", Json.timestamp(r.at().plus(wait)));
                retryTimers.add(Math.max(1, wait.toMillis()));
            }
            u.put("status", status);
        }
        ArrayNode healthUpdates = json.mapper().createArrayNode();
        for (Health h : health.values()) {
            if (h.changed) {
                healthUpdates.addObject().put("id", h.id).put("healthy", h.healthy).put("failures", h.failures);
            }
            if (h.healthy && !h.wasHealthy) {
                LOG.infof("Subscription %s is healthy again", h.id);
            }
            if (h.becameUnhealthy) {
                unhealthyNow.add(h);
            }
        }
        if (updates.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Uni<Integer> writes = session.createNativeQuery(INSERT_ATTEMPTS).setParameter("rows", json.write(attempts))
                .executeUpdate()
                .chain(() -> session.createNativeQuery(UPDATE_DELIVERIES).setParameter("rows", json.write(updates))
                        .executeUpdate());
        if (!healthUpdates.isEmpty()) {
            writes = writes.chain(() -> session.createNativeQuery(UPDATE_SUBSCRIPTIONS)
                    .setParameter("rows", json.write(healthUpdates)).executeUpdate());
        }
        // the retry timers start once the batch is written (a wake before the commit would find nothing due)
        return writes.invoke(() -> retryTimers.forEach(ms -> vertx.setTimer(ms, t -> background.wake())))
                .replaceWithVoid();
    }

    /** The subscription as the unhealthy mail names it. */
    private static SubscriptionRecord subscription(Health h) {
        SubscriptionRecord s = new SubscriptionRecord();
        s.id = h.id;
        s.contactEmail = h.contactEmail;
        s.clientName = h.clientName;
        s.consecutiveFailures = h.failures;
        return s;
    }

    /** After attempt n (1-based): 1 s, 2 s, 4 s, then the reduced frequency of an unhealthy subscription. */
    Duration delay(int attempts, boolean healthy) {
        if (attempts <= BACKOFF.length) {
            return backoffUnit.multipliedBy(BACKOFF[attempts - 1].toSeconds());
        }
        return healthy ? backoffUnit.multipliedBy(BACKOFF[BACKOFF.length - 1].toSeconds()) : unhealthyRetry;
    }
}
