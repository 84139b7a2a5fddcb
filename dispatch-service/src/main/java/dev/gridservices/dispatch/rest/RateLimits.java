package dev.gridservices.dispatch.rest;

import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.kit.problem.ProblemType;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Direct API §11 per-account limits, in memory per instance (token buckets, refilled greedily): event
 * reads {@code dispatch.rate-limit.events-read-per-minute} (1,000), subscription CRUD
 * {@code dispatch.rate-limit.subscriptions-per-minute} (200). Over the limit: 429 with Retry-After.
 */
@ApplicationScoped
public class RateLimits {

    private final long eventsRead;
    private final long subscriptions;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimits(@ConfigProperty(name = "dispatch.rate-limit.events-read-per-minute", defaultValue = "1000")
                      long eventsRead,
                      @ConfigProperty(name = "dispatch.rate-limit.subscriptions-per-minute", defaultValue = "200")
                      long subscriptions) {
        this.eventsRead = eventsRead;
        this.subscriptions = subscriptions;
    }

    public void eventsRead(String account) {
        take("events:" + account, eventsRead);
    }

    public void subscriptions(String account) {
        take("subscriptions:" + account, subscriptions);
    }

    private void take(String key, long perMinute) {
        Bucket bucket = buckets.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1))
                        .build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            throw new ProblemException(ProblemType.RATE_LIMITED, "Rate limit of " + perMinute
                    + " requests per minute exceeded; retry in " + seconds + " s", null,
                    Map.of("Retry-After", String.valueOf(seconds)));
        }
    }
}
