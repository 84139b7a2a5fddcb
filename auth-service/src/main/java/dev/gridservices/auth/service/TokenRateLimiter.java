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
 * Two limits on the token endpoint (bucket4j, greedy refill), in this replica's memory (with N replicas up
 * to N times each limit; they exist to slow credential guessing and runaway clients, which this still does):
 * <ul>
 * <li>spec §11: token requests per authenticated client_id per minute;</li>
 * <li>failed client authentications per source address per minute: once spent, every request from that
 * address is refused until it refills, successful or not (otherwise the 429 itself would tell a guesser
 * which guess was right).</li>
 * </ul>
 */
@ApplicationScoped
public class TokenRateLimiter {

    private final AuthConfig.RateLimit config;
    private final Cache<String, Bucket> clients = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(2))
            .build();
    private final Cache<String, Bucket> addresses = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(2))
            .build();

    public TokenRateLimiter(AuthConfig config) {
        this.config = config.token().rateLimit();
    }

    /** Empty when the request may proceed, else the seconds until the client may retry. */
    public OptionalLong tryAcquire(String clientId) {
        return retryAfter(clients.get(clientId, this::clientBucket).tryConsumeAndReturnRemaining(1));
    }

    /** Empty while the address may still try, else the seconds until it may; spends nothing. */
    public OptionalLong addressBlocked(String address) {
        Bucket bucket = addresses.getIfPresent(address);
        if (bucket == null || bucket.getAvailableTokens() > 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(seconds(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill()));
    }

    /** Counts one failed client authentication from the address. */
    public void failedAuthentication(String address) {
        addresses.get(address, this::addressBucket).tryConsume(1);
    }

    private static OptionalLong retryAfter(ConsumptionProbe probe) {
        return probe.isConsumed() ? OptionalLong.empty() : OptionalLong.of(seconds(probe.getNanosToWaitForRefill()));
    }

    private static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }

    private Bucket clientBucket(String clientId) {
        return perMinute(config.perClient().getOrDefault(clientId, config.requestsPerMinute()));
    }

    private Bucket addressBucket(String address) {
        return perMinute(config.failuresPerAddressPerMinute());
    }

    private static Bucket perMinute(int perMinute) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
                .build();
    }
}
