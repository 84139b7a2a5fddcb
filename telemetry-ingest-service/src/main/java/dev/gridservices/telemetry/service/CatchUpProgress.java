package dev.gridservices.telemetry.service;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Whether the read models have applied every record that was on their topics when the service started.
 * A partition is caught up once the offset of the last record applied from it is at least its start-up end
 * offset − 1 (the end offset is the offset the next record will get); an empty partition (end offset 0) is
 * caught up from the start. Until the end offsets are known nothing is caught up. Thread-safe.
 */
public final class CatchUpProgress {

    /** Topic and partition, without depending on Kafka's classes here. */
    public record Partition(String topic, int partition) {
    }

    private final Map<Partition, Long> ends = new HashMap<>();
    private final Map<Partition, Long> applied = new HashMap<>();
    private boolean endsKnown;
    private long recordsApplied;
    private int waiting;

    /** The end offsets read at start-up (a topic that does not exist contributes no partition). */
    public synchronized void expect(Map<Partition, Long> endOffsets) {
        ends.putAll(endOffsets);
        endsKnown = true;
    }

    /** A record of {@code partition} at {@code offset} was applied (or skipped as unreadable). */
    public synchronized void applied(Partition partition, long offset) {
        applied.merge(partition, offset, Math::max);
        recordsApplied++;
        if (waiting > 0) {
            notifyAll();
        }
    }

    /**
     * Waits until every partition of {@code endOffsets} has been applied up to its end offset − 1, at most until
     * {@code deadlineNanos} ({@link System#nanoTime()}); returns whether it was.
     */
    public synchronized boolean awaitApplied(Map<Partition, Long> endOffsets, long deadlineNanos)
            throws InterruptedException {
        waiting++;
        try {
            while (!reached(endOffsets)) {
                long remaining = deadlineNanos - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, remaining);
            }
            return true;
        } finally {
            waiting--;
        }
    }

    public synchronized boolean caughtUp() {
        return endsKnown && reached(ends);
    }

    private boolean reached(Map<Partition, Long> endOffsets) {
        for (Map.Entry<Partition, Long> end : endOffsets.entrySet()) {
            if (end.getValue() > 0 && applied.getOrDefault(end.getKey(), -1L) < end.getValue() - 1) {
                return false;
            }
        }
        return true;
    }

    /** Callers waiting in {@link #awaitApplied} now. */
    public synchronized int waiting() {
        return waiting;
    }

    /** Records applied so far. */
    public synchronized long recordsApplied() {
        return recordsApplied;
    }

    /** Records that were on the topics at start-up (sum of end offsets; compacted-away records included). */
    public synchronized long recordsExpected() {
        return ends.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The offset last applied from {@code partition}, −1 if none (tests). */
    public synchronized long appliedOffset(Partition partition) {
        return applied.getOrDefault(partition, -1L);
    }
}
