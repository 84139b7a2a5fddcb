package dev.gridservices.outbox;

import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Kafka as information, not readiness: the outbox buffers while Kafka is away, so a producing service
 * still serves its requests and must stay in the load balancer. This check shows in {@code /q/health}
 * (and {@code /q/health/well}), never in {@code /q/health/ready} or {@code /q/health/live}.
 */
@Wellness
@ApplicationScoped
public class OutboxHealthCheck implements HealthCheck {

    static final String NAME = "Kafka (outbox relay)";

    private final OutboxRelay relay;
    private final OutboxTopics topics;

    public OutboxHealthCheck(OutboxRelay relay, OutboxTopics topics) {
        this.relay = relay;
        this.topics = topics;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        if (!relay.enabled()) {
            return response.up().withData("relay", "disabled").build();
        }
        boolean reachable = topics.reachable(Duration.ofSeconds(2));
        return response.status(reachable && relay.ready())
                .withData("relay", relay.ready() ? "sending" : "waiting for the topics to be declared")
                .withData("kafka", reachable ? "reachable" : "unreachable")
                .withData("pending", relay.pendingCount())
                .withData("oldestPendingSeconds", relay.oldestPendingSeconds())
                .withData("parked", relay.parkedCount())
                .build();
    }
}
