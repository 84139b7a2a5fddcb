package dev.gridservices.telemetry.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many ingest requests (REST, MQTT, /v1) this replica is handling right now. The history writer reads it
 * to give way: a client waits for its acknowledgement, history may trail by seconds.
 */
@ApplicationScoped
public class IngestLoad {

    private final AtomicInteger inFlight = new AtomicInteger();

    /** Counts a request from here until the returned handle is closed. */
    public Request enter() {
        inFlight.incrementAndGet();
        return new Request();
    }

    public boolean busy() {
        return inFlight.get() > 0;
    }

    /** One counted request; it counts out once, however often it is closed. */
    public final class Request implements AutoCloseable {
        private final AtomicBoolean open = new AtomicBoolean(true);

        private Request() {
        }

        @Override
        public void close() {
            if (open.compareAndSet(true, false)) {
                inFlight.decrementAndGet();
            }
        }
    }
}
