package dev.gridservices.device.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Runs the 72-hour rule every {@code device.connectivity.check-every} (default 1 minute; "off" disables
 * it): flags silent devices in batches of {@value #BATCH}, each batch its own transaction, until none is left.
 */
@ApplicationScoped
public class ConnectivityMonitor {

    static final int BATCH = 500;

    private final LiveState state;

    public ConnectivityMonitor(LiveState state) {
        this.state = state;
    }

    @Scheduled(every = "${device.connectivity.check-every:1m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return sweep().replaceWithVoid();
    }

    /** Flags every device silent past the limit; returns how many. */
    public Uni<Integer> sweep() {
        return Panache.withTransaction(() -> state.flagSilent(BATCH)).flatMap(flagged -> flagged < BATCH
                ? Uni.createFrom().item(flagged)
                : sweep().map(more -> flagged + more));
    }
}
