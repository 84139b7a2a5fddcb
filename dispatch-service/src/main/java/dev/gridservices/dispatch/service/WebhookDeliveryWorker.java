package dev.gridservices.dispatch.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gridservices.dispatch.client.WebhookClient;
import dev.gridservices.dispatch.client.WebhookClient.Outcome;
import dev.gridservices.dispatch.mapping.Json;
import dev.gridservices.dispatch.repository.SubscriptionRecord;
import dev.gridservices.dispatch.repository.WebhookAttempt;
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
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Works the durable webhook_delivery queue. Each tick claims the head of every subscription's queue
 * that is due (a lease, committed before sending, so a crash mid-send only means a retry with the same
 * webhook-id) and sends each on its own context without waiting for the others: a dead receiver's 5 s
 * timeout delays nobody else, and one subscription's notifications stay in order. A failed attempt is
 * retried after 1 s, 2 s, 4 s; a subscription with {@code dispatch.webhook.unhealthy-after} (3)
 * consecutive failures is marked unhealthy and its contact emailed, and is then retried every
 * {@code dispatch.webhook.unhealthy-retry}; the first success makes it healthy again.
 */
@ApplicationScoped
public class WebhookDeliveryWorker {

    /** NOTIFY channel of the webhook_delivery insert trigger (V3). */
    static final String CHANNEL = "webhook_delivery";
    private static final Logger LOG = Logger.getLogger(WebhookDeliveryWorker.class);
    private static final Duration[] BACKOFF = {Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)};
    // One statement claims the due head of every subscription's queue: the lease is set only where the row
    // is still unleased when the UPDATE gets its lock (another replica's concurrent claim re-checks the row
    // after that one commits and skips it), so no delivery is claimed twice.
    private static final String CLAIM = "UPDATE webhook_delivery d SET lease_until = :lease, attempts = attempts + 1 "
            + "WHERE d.id IN (SELECT id FROM (SELECT DISTINCT ON (subscription_id) id, next_attempt_at, lease_until "
            + "FROM webhook_delivery WHERE status = 'PENDING' ORDER BY subscription_id, seq) head "
            + "WHERE next_attempt_at <= :now AND (lease_until IS NULL OR lease_until < :now) LIMIT :batch) "
            + "AND d.status = 'PENDING' AND (d.lease_until IS NULL OR d.lease_until < :now) RETURNING d.id";

    private final WebhookClient client;
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
    private final AtomicBoolean ticking = new AtomicBoolean();
    private final AtomicBoolean wakeRequested = new AtomicBoolean();
    private final Duration poll;
    private final boolean listen;
    private final Config config;
    private volatile boolean stopped;
    private PgSubscriber subscriber;
    private long timer;

    public WebhookDeliveryWorker(WebhookClient client, SecretBox secrets, HealthMail mail, Json json, Vertx vertx,
                                 MeterRegistry registry,
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
     * crash). One claim at a time; a wake during a claim runs another right after it, and a full batch
     * claims again at once, so a burst larger than {@code dispatch.webhook.batch} drains without waiting.
     */
    void start(@Observes StartupEvent started) {
        timer = vertx.setPeriodic(poll.toMillis(), id -> wake());
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

    /** Claims and sends what is due now, or right after the claim that is running. */
    public void wake() {
        wakeRequested.set(true);
        if (stopped || !ticking.compareAndSet(false, true)) {
            return;
        }
        wakeRequested.set(false);
        onSafeContext(() -> claim().invoke(claimed -> {
                    claimed.forEach(this::sendDetached);
                    if (claimed.size() >= batch) {
                        wakeRequested.set(true);
                    }
                })
                .onFailure().invoke(e -> LOG.warn("Claiming webhook deliveries failed", e))
                .onFailure().recoverWithNull()
                .eventually(() -> {
                    ticking.set(false);
                    if (wakeRequested.get()) {
                        wake();
                    }
                }).replaceWithVoid());
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
        subscriber.channel(CHANNEL).subscribeHandler(v -> wake()).handler(payload -> wake());
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

    /** A claimed delivery with its subscription as it was at the claim (read in the claim's transaction). */
    private record Claimed(WebhookDelivery delivery, SubscriptionRecord subscription) {
    }

    private Uni<List<Claimed>> claim() {
        OffsetDateTime now = Json.now();
        OffsetDateTime lease = now.plus(client.leaseLength());
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery(CLAIM, String.class)
                .setParameter("lease", lease).setParameter("now", now).setParameter("batch", batch).getResultList()
                .chain(won -> won.isEmpty() ? Uni.createFrom().item(List.<Claimed>of())
                        : WebhookDelivery.<WebhookDelivery>list("id in ?1", won).chain(deliveries ->
                                SubscriptionRecord.<SubscriptionRecord>list("id in ?1", deliveries.stream()
                                        .map(d -> d.subscriptionId).distinct().toList()).map(subs -> {
                                            Map<String, SubscriptionRecord> byId = new HashMap<>();
                                            subs.forEach(sub -> byId.put(sub.id, sub));
                                            return deliveries.stream()
                                                    .map(d -> new Claimed(d, byId.get(d.subscriptionId))).toList();
                                        })))));
    }

    /** Each send on its own context, so its transactions share no reactive session with another send's. */
    private void sendDetached(Claimed c) {
        WebhookDelivery d = c.delivery();
        // After a send the subscription's next notification (if any) is the head of its queue: claim it now.
        onSafeContext(() -> send(d, c.subscription()).invoke(this::wake).onFailure().invoke(e -> LOG.errorf(e,
                "Webhook delivery %s could not be recorded; its lease expires and it is retried", d.id))
                .onFailure().recoverWithNull());
    }

    /** Runs {@code work} on a fresh duplicated context flagged safe, as Hibernate Reactive requires. */
    private void onSafeContext(Supplier<Uni<?>> work) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> work.get().subscribe().with(v -> { }, e -> { }));
    }

    private Uni<Void> send(WebhookDelivery d, SubscriptionRecord sub) {
        if (sub == null) {
            return Uni.createFrom().voidItem();
        }
        JsonNode op = json.read(sub.objectOperations).get(d.operationIndex);
        if (op == null) {
            return record(d, new Outcome(0, "operation set removed by an update", 0), true);
        }
        String token = op.hasNonNull("bearerTokenEncrypted")
                ? secrets.decrypt(op.get("bearerTokenEncrypted").asText()) : null;
        long timestamp = System.currentTimeMillis() / 1000;
        WebhookClient.Signed signed = WebhookClient.sign(secrets.decrypt(sub.signingSecret), d.id, timestamp, d.body);
        return client.post(op.get("callbackUrl").asText(), token, signed, d.body)
                .chain(outcome -> record(d, outcome, false));
    }

    private Uni<Void> record(WebhookDelivery claimed, Outcome outcome, boolean cancel) {
        latency.record(Duration.ofMillis(outcome.latencyMs()));
        boolean[] becameUnhealthy = {false};
        SubscriptionRecord[] subscription = {null};
        // Locked: a revocation cancelling this delivery meanwhile is either seen here or applied after this
        // commit, never overwritten by it (a plain read-modify-write would put PENDING back).
        return Panache.withTransaction(() -> WebhookDelivery.<WebhookDelivery>findById(claimed.id,
                        LockModeType.PESSIMISTIC_WRITE)
                .chain(d -> SubscriptionRecord.<SubscriptionRecord>findById(claimed.subscriptionId).chain(sub -> {
                    if (d == null || sub == null) {
                        return Uni.createFrom().voidItem();
                    }
                    subscription[0] = sub;
                    OffsetDateTime now = Json.now();
                    WebhookAttempt a = new WebhookAttempt();
                    a.id = d.id + ":" + d.attempts;
                    a.deliveryId = d.id;
                    a.attempt = d.attempts;
                    a.attemptedAt = now;
                    a.statusCode = outcome.status() == 0 ? null : outcome.status();
                    a.latencyMs = outcome.latencyMs();
                    a.error = outcome.error();
                    d.leaseUntil = null;
                    d.lastStatusCode = a.statusCode;
                    d.lastError = outcome.error() != null ? outcome.error()
                            : outcome.delivered() ? null : "HTTP " + outcome.status();
                    boolean cancelledMeanwhile = !WebhookDelivery.PENDING.equals(d.status);
                    if (cancel) {
                        d.status = WebhookDelivery.CANCELLED;
                    } else if (outcome.delivered()) {
                        d.status = WebhookDelivery.DELIVERED;
                        d.deliveredAt = now;
                        sub.consecutiveFailures = 0;
                        if (!sub.healthy) {
                            sub.healthy = true;
                            LOG.infof("Subscription %s is healthy again", sub.id);
                        }
                        delivered.increment();
                    } else if (cancelledMeanwhile) {
                        // no retry of a notification that was withdrawn while this attempt was in flight
                        failed.increment();
                    } else {
                        failed.increment();
                        retries.increment();
                        sub.consecutiveFailures++;
                        if (sub.healthy && sub.consecutiveFailures >= unhealthyAfter) {
                            sub.healthy = false;
                            becameUnhealthy[0] = true;
                        }
                        Duration wait = delay(d.attempts, sub.healthy);
                        d.nextAttemptAt = now.plus(wait);
                        vertx.setTimer(Math.max(1, wait.toMillis()), t -> wake());
                    }
                    return a.persist().replaceWithVoid();
                })))
                .call(() -> becameUnhealthy[0] ? mail.unhealthy(subscription[0]) : Uni.createFrom().voidItem());
    }

    /** After attempt n (1-based): 1 s, 2 s, 4 s, then the reduced frequency of an unhealthy subscription. */
    Duration delay(int attempts, boolean healthy) {
        if (attempts <= BACKOFF.length) {
            return backoffUnit.multipliedBy(BACKOFF[attempts - 1].toSeconds());
        }
        return healthy ? backoffUnit.multipliedBy(BACKOFF[BACKOFF.length - 1].toSeconds()) : unhealthyRetry;
    }
}
