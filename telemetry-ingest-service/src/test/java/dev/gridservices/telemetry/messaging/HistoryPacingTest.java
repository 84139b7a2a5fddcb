package dev.gridservices.telemetry.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridservices.telemetry.service.IngestLoad;
import org.junit.jupiter.api.Test;

/** The history writer gives way only while ingest requests are in flight, down to its busy rate, never below. */
class HistoryPacingTest {

    private static final long MS = 1_000_000L;

    @Test
    void whileBusyABatchTakesAtLeastItsShareOfTheBusyRate() {
        // 2,000 rows at 5,000 rows/s: 400 ms per batch; written in 150 ms → 250 ms pause.
        assertThat(HistoryWriter.pauseNanos(2_000, 150 * MS, true, 5_000)).isEqualTo(250 * MS);
        // A batch that took longer than its share: no pause.
        assertThat(HistoryWriter.pauseNanos(2_000, 500 * MS, true, 5_000)).isZero();
    }

    @Test
    void idleOrUnlimitedNeverPauses() {
        assertThat(HistoryWriter.pauseNanos(2_000, 10 * MS, false, 5_000)).isZero();
        assertThat(HistoryWriter.pauseNanos(2_000, 10 * MS, true, 0)).isZero();
    }

    @Test
    void theLoadCountsEachRequestUntilItIsClosed() {
        IngestLoad load = new IngestLoad();
        assertThat(load.busy()).isFalse();
        try (IngestLoad.Request first = load.enter(); IngestLoad.Request second = load.enter()) {
            assertThat(load.busy()).isTrue();
            first.close();
            assertThat(load.busy()).isTrue();
        }
        // first was closed twice and counted out once: with both closed, nothing is in flight, and a new
        // request counts again.
        assertThat(load.busy()).isFalse();
        try (IngestLoad.Request third = load.enter()) {
            assertThat(load.busy()).isTrue();
        }
    }
}
