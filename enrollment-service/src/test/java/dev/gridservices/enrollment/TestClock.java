package dev.gridservices.enrollment;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The service's clock in tests: the system clock unless a test pins an instant (and unpins it after). */
@Alternative
@Priority(1)
@Singleton
public class TestClock extends Clock {

    private static volatile Instant pinned;

    public static void pin(Instant instant) {
        pinned = instant;
    }

    public static void unpin() {
        pinned = null;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        Instant p = pinned;
        return p != null ? p : Instant.now();
    }
}
