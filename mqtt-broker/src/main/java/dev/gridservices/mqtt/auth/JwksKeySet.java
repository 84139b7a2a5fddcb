package dev.gridservices.mqtt.auth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * auth-service's signing keys, held in memory. Fetched only on the broker's own scheduler: every
 * {@code refreshInterval} (sooner after a failure), and on demand when a token names a kid not in the set
 * — at most once per {@code minRefetchInterval}, so tokens with made-up kids cannot hammer auth-service.
 * The authenticator reads {@link #key} only; it never waits on the network itself.
 */
public final class JwksKeySet implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JwksKeySet.class);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(5);

    private static final Duration EMPTY_SET_REFETCH = Duration.ofMillis(500);

    private final URI jwksUrl;
    private final Duration refreshInterval;
    private final Duration minRefetchInterval;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final HttpClient http;
    private volatile Map<String, PublicJsonWebKey> keys = Map.of();
    private Instant lastFetchStarted = Instant.MIN;
    /** The fetch running now (or the last one): CONNECTs with an unknown kid wait for it. */
    private CompletableFuture<Boolean> inFlight = CompletableFuture.completedFuture(false);
    private volatile boolean closed;

    public JwksKeySet(URI jwksUrl, Duration refreshInterval, Duration minRefetchInterval,
                      ScheduledExecutorService scheduler, Clock clock) {
        this.jwksUrl = jwksUrl;
        this.refreshInterval = refreshInterval;
        this.minRefetchInterval = minRefetchInterval;
        this.scheduler = scheduler;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).executor(scheduler).build();
    }

    /** Starts the background refresh (the first fetch at once). */
    public void start() {
        scheduleRefresh(Duration.ZERO);
    }

    /** The published key with this kid, from memory. */
    public Optional<PublicJsonWebKey> key(String kid) {
        return kid == null ? Optional.empty() : Optional.ofNullable(keys.get(kid));
    }

    /**
     * Asks for a fetch because a token named an unknown kid. Completes when that fetch (or the one already
     * running) is done; completes at once, without fetching, if the last fetch began less than
     * {@code minRefetchInterval} ago.
     */
    public synchronized CompletableFuture<Void> refreshForUnknownKid() {
        if (!inFlight.isDone()) {
            return inFlight.thenApply(ok -> null);
        }
        // Until a first fetch succeeded no token can verify: then retry after a short pause, not a full interval,
        // so the first VENs after auth-service comes up are not refused for minRefetchInterval.
        Duration pause = keys.isEmpty() ? EMPTY_SET_REFETCH : minRefetchInterval;
        if (Duration.between(lastFetchStarted, clock.instant()).compareTo(pause) < 0) {
            return CompletableFuture.completedFuture(null);
        }
        return fetchAsync().thenApply(ok -> null);
    }

    private synchronized CompletableFuture<Boolean> fetchAsync() {
        lastFetchStarted = clock.instant();
        CompletableFuture<Boolean> fetch = new CompletableFuture<>();
        inFlight = fetch;
        scheduler.execute(() -> {
            boolean ok = false;
            try {
                ok = fetch();
            } finally {
                fetch.complete(ok);
            }
        });
        return fetch;
    }

    private void scheduleRefresh(Duration delay) {
        if (!closed) {
            scheduler.schedule(this::scheduledRefresh, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void scheduledRefresh() {
        CompletableFuture<Boolean> fetch;
        synchronized (this) {
            fetch = inFlight.isDone() ? fetchAsync() : inFlight;
        }
        // sooner after a failure: until the first success the broker knows no key at all
        fetch.thenAccept(ok -> scheduleRefresh(ok ? refreshInterval : minRefetchInterval));
    }

    /** Fetches and replaces the key set; on any failure the old set stays. */
    private boolean fetch() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(jwksUrl).timeout(HTTP_TIMEOUT)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                LOG.warn("JWKS {} answered {}; keeping {} known key(s)", jwksUrl, response.statusCode(), keys.size());
                return false;
            }
            List<JsonWebKey> published = new JsonWebKeySet(response.body()).getJsonWebKeys();
            keys = published.stream()
                    .filter(key -> key instanceof PublicJsonWebKey && key.getKeyId() != null)
                    .filter(key -> key.getUse() == null || "sig".equals(key.getUse()))
                    .map(PublicJsonWebKey.class::cast)
                    .collect(Collectors.toUnmodifiableMap(JsonWebKey::getKeyId, Function.identity(), (a, b) -> a));
            return true;
        } catch (JoseException e) {
            LOG.warn("JWKS {} is not a valid key set ({}); keeping {} known key(s)", jwksUrl, e.getMessage(), keys.size());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            LOG.warn("JWKS {} unreachable ({}); keeping {} known key(s)", jwksUrl, e.toString(), keys.size());
            return false;
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
