package dev.gridservices.auth.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.gridservices.auth.config.AuthConfig;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Spec §11: token requests per client_id per minute (bucket4j, greedy refill). Buckets live in this
 * replica's memory, so with N replicas a client may get up to N times the limit; the limit exists to
 * slow credential guessing and runaway clients, which this still does.
 */
@ApplicationScoped
public class TokenRateLimiter {

    private final AuthConfig.RateLimit config;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(2))
            .build();

    public TokenRateLimiter(AuthConfig config) {
        this.config = config.token().rateLimit();
    }

    /** Empty when the request may proceed, else the seconds until the client may retry. */
    public OptionalLong tryAcquire(String clientId) {
        ConsumptionProbe probe = buckets.get(clientId, this::newBucket).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L));
    }

    private Bucket newBucket(String clientId) {
        int perMinute = config.perClient().getOrDefault(clientId, config.requestsPerMinute());
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
                .build();
    }
}
