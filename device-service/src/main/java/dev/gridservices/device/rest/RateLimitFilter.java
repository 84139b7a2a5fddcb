package dev.gridservices.device.rest;

import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.kit.problem.ProblemType;
import dev.gridservices.security.CallerContext;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Direct API §11 "Device management (CRUD): 500 requests/minute" per integration account, over every device
 * management path of this service (VENs, resources, sites, /v1 devices, sites and customers). The account is
 * the organization; a request over the limit answers 429 with Retry-After (seconds). Runs after the security
 * kit's filter, so the caller is known; anonymous requests were already refused. Buckets live in this
 * replica's memory (the limit is per replica: with N replicas an account may reach N × the limit).
 */
@ApplicationScoped
public class RateLimitFilter {

    private static final List<String> PREFIXES = List.of("/v2/vens", "/v2/resources", "/v2/x-texture/sites",
            "/v1/devices", "/v1/sites", "/v1/customers");

    private final CallerContext caller;
    private final long perMinute;
    /** An idle account's bucket is full again after a minute; forgetting it after two loses nothing. */
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(2))
            .maximumSize(100_000).build();

    public RateLimitFilter(CallerContext caller,
                           @ConfigProperty(name = "device.rate-limit.per-minute", defaultValue = "500") long perMinute) {
        this.caller = caller;
        this.perMinute = perMinute;
    }

    @ServerRequestFilter(priority = Priorities.AUTHORIZATION + 10)
    public void limit(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!caller.isAuthenticated() || caller.organizationId() == null
                || PREFIXES.stream().noneMatch(p -> path.equals(p) || path.startsWith(p + "/"))) {
            return;
        }
        Bucket bucket = buckets.get(caller.organizationId(), k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            throw new ProblemException(ProblemType.RATE_LIMITED, "Device management is limited to " + perMinute
                    + " requests per minute per integration account", null, Map.of("Retry-After", Long.toString(seconds)));
        }
    }
}
