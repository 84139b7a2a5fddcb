package dev.gridservices.enrollment.messaging;

import dev.gridservices.outbox.OutboxRelay;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs the outbox relay every {@code enrollment.outbox.relay.period} (default 100 ms). The library's own
 * {@code @Scheduled} tick cannot run faster than once a second (the Quarkus simple scheduler checks its
 * triggers every 1000 ms, whatever {@code outbox.relay.interval} says), which alone would put a revocation's
 * enrollment.changed record ~1 s behind its commit; so this service switches that tick off
 * ({@code outbox.relay.interval=off}) and drives {@link OutboxRelay#relay()} from a Vert.x timer. Runs never
 * overlap (one in flight at a time), which keeps the relay's per-key order.
 */
@ApplicationScoped
public class OutboxDriver {

    private static final Logger LOG = Logger.getLogger(OutboxDriver.class);

    private final OutboxRelay relay;
    private final Vertx vertx;
    private final Duration period;
    private final Duration delay;
    private final AtomicBoolean busy = new AtomicBoolean();
    private long timer = -1;

    public OutboxDriver(OutboxRelay relay, Vertx vertx,
                        @ConfigProperty(name = "enrollment.outbox.relay.period", defaultValue = "PT0.1S") Duration period,
                        @ConfigProperty(name = "enrollment.outbox.relay.delay", defaultValue = "PT1S") Duration delay) {
        this.relay = relay;
        this.vertx = vertx;
        this.period = period;
        this.delay = delay;
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(delay.toMillis(), period.toMillis(), id -> tick());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void tick() {
        if (!busy.compareAndSet(false, true)) {
            return;
        }
        // Hibernate Reactive needs a duplicated context marked safe, as Quarkus gives a request.
        io.vertx.core.Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        context.runOnContext(v -> {
            VertxContextSafetyToggle.setCurrentContextSafe(true);
            relay.relay().subscribe().with(count -> busy.set(false), failure -> {
                busy.set(false);
                LOG.warnf(failure, "Outbox relay batch failed; rows stay pending and are retried");
            });
        });
    }
}
