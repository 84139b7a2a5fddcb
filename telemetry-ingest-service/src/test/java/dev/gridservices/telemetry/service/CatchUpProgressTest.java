package dev.gridservices.telemetry.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridservices.telemetry.service.CatchUpProgress.Partition;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatchUpProgressTest {

    private static final Partition DEVICES_0 = new Partition("devices.changed", 0);
    private static final Partition DEVICES_1 = new Partition("devices.changed", 1);
    private static final Partition EVENTS_0 = new Partition("events.dispatched", 0);

    @Test
    void nothingIsCaughtUpBeforeTheEndOffsetsAreKnown() {
        CatchUpProgress progress = new CatchUpProgress();
        progress.applied(DEVICES_0, 5);
        assertThat(progress.caughtUp()).isFalse();
    }

    @Test
    void caughtUpOnceEveryPartitionReachedItsEndOffsetMinusOne() {
        CatchUpProgress progress = new CatchUpProgress();
        progress.expect(Map.of(DEVICES_0, 3L, DEVICES_1, 2L, EVENTS_0, 1L));
        progress.applied(DEVICES_0, 0);
        progress.applied(DEVICES_0, 1);
        progress.applied(DEVICES_0, 2);
        progress.applied(DEVICES_1, 1);
        assertThat(progress.caughtUp()).as("events.dispatched-0 has not delivered offset 0").isFalse();
        progress.applied(EVENTS_0, 0);
        assertThat(progress.caughtUp()).isTrue();
        assertThat(progress.recordsApplied()).isEqualTo(5);
        assertThat(progress.recordsExpected()).isEqualTo(6);
    }

    @Test
    void onePartitionShortKeepsTheGateClosed() {
        CatchUpProgress progress = new CatchUpProgress();
        progress.expect(Map.of(DEVICES_0, 10L, DEVICES_1, 10L));
        progress.applied(DEVICES_0, 9);
        progress.applied(DEVICES_1, 8);
        assertThat(progress.caughtUp()).isFalse();
    }

    @Test
    void compactedGapsCountByOffsetNotByRecordCount() {
        CatchUpProgress progress = new CatchUpProgress();
        progress.expect(Map.of(DEVICES_0, 100L));
        progress.applied(DEVICES_0, 99);
        assertThat(progress.caughtUp()).as("only the last offset was left after compaction").isTrue();
    }

    @Test
    void emptyPartitionsAreCaughtUpFromTheStart() {
        CatchUpProgress progress = new CatchUpProgress();
        progress.expect(Map.of(DEVICES_0, 0L, DEVICES_1, 0L, EVENTS_0, 0L));
        assertThat(progress.caughtUp()).isTrue();
    }

    @Test
    void topicsThatDoNotExistHaveNothingToWaitFor() {
        CatchUpProgress progress = new CatchUpProgress();
        progress.expect(Map.of());
        assertThat(progress.caughtUp()).isTrue();
    }

    @Test
    void recordsAfterTheStartUpEndDoNotReopenAnythingAndOlderOnesDoNotLowerTheOffset() {
        CatchUpProgress progress = new CatchUpProgress();
        progress.expect(Map.of(DEVICES_0, 2L));
        progress.applied(DEVICES_0, 5);
        progress.applied(DEVICES_0, 0);
        assertThat(progress.appliedOffset(DEVICES_0)).isEqualTo(5);
        assertThat(progress.caughtUp()).isTrue();
    }
}
