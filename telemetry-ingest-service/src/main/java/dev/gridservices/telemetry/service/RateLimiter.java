package dev.gridservices.telemetry.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.kit.problem.ProblemType;
import dev.gridservices.telemetry.config.TelemetryConfig;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Spec §11: 10,000 report requests per minute per integration account, 60 per minute per device (a
 * batch counts once against the account and once against each device it names). bucket4j buckets with
 * greedy refill in this replica's memory, as auth-service does: with N replicas a caller may get up to N
 * times the limit, which still stops runaway clients.
 */
@ApplicationScoped
public class RateLimiter {

    private final TelemetryConfig.RateLimit config;
    private final Cache<String, Bucket> accounts = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(2)).build();
    private final Cache<String, Bucket> devices = Caffeine.newBuilder().maximumSize(2_000_000)
            .expireAfterAccess(Duration.ofMinutes(2)).build();

    public RateLimiter(TelemetryConfig config) {
        this.config = config.rateLimit();
    }

    /** Counts one report request of the account; a 429 problem with Retry-After when it is over its limit. */
    public void acquireAccount(String organizationId) {
        int limit = config.perAccount().getOrDefault(organizationId, config.perAccountPerMinute());
        ConsumptionProbe probe = accounts.get(organizationId, id -> bucket(limit)).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw limited("integration account " + organizationId + " is over its limit of " + limit
                    + " report requests per minute", probe);
        }
    }

    /** Counts one request against each device; a 429 when one is over, and then the others are refunded. */
    public void acquireDevices(Collection<String> deviceIds) {
        List<Bucket> taken = new ArrayList<>(deviceIds.size());
        for (String deviceId : deviceIds) {
            Bucket device = devices.get(deviceId, id -> bucket(config.perDevicePerMinute()));
            ConsumptionProbe probe = device.tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                taken.forEach(b -> b.addTokens(1));
                throw limited("device " + deviceId + " is over its limit of " + config.perDevicePerMinute()
                        + " report requests per minute", probe);
            }
            taken.add(device);
        }
    }

    private static Bucket bucket(int perMinute) {
        return Bucket.builder().addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
                .build();
    }

    private static ProblemException limited(String detail, ConsumptionProbe probe) {
        long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        return new ProblemException(ProblemType.RATE_LIMITED, detail, null, Map.of("Retry-After", String.valueOf(seconds)));
    }
}
