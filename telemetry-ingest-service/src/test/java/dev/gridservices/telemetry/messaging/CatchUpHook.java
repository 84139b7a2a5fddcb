package dev.gridservices.telemetry.messaging;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;

/** Test access to the catch-up gate's package-private hooks. */
public final class CatchUpHook {

    private CatchUpHook() {
    }

    /** A gate outside CDI that is never started (unit tests of the consumers). */
    public static ReadModelCatchUp unstarted() {
        return new ReadModelCatchUp("localhost:9", 2, Duration.ofSeconds(2), new SimpleMeterRegistry());
    }

    /** How many records {@code topic} held when the gate read its end offsets at start-up. */
    public static long recordsAtStart(ReadModelCatchUp gate, String topic) {
        return gate.recordsAtStart(topic);
    }

    /** Closes the gate until {@code offset} of the partition has been applied. */
    public static void expect(ReadModelCatchUp gate, String topic, int partition, long offset) {
        gate.expect(topic, partition, offset);
    }
}
