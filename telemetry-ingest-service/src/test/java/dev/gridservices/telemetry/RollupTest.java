package dev.gridservices.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridservices.telemetry.repository.HistoryRepository;
import dev.gridservices.telemetry.repository.ReadingRepository;
import dev.gridservices.telemetry.service.RetentionJob;
import dev.gridservices.testkit.InfrastructureResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** reading_rollup kept by the history writer's upsert: exact aggregates per width, redelivery, corrections, retention. */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class RollupTest {

    @Inject
    ReadingRepository readings;

    @Inject
    RetentionJob retention;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    HistoryRepository history;

    private static ReadingRepository.Row row(String device, Instant at, String payloadsJson) {
        return new ReadingRepository.Row(device, at, "PT1M", "org_rollup", "ven_rollup", "BATTERY", null, null, "rpt_x",
                payloadsJson, at);
    }

    /** Minute i from {@code t0}: charge level i, CHARGING for even i else IDLE. */
    private static List<ReadingRepository.Row> minutes(String device, Instant t0, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> row(device, t0.plus(i, ChronoUnit.MINUTES),
                "{\"STORAGE_CHARGE_LEVEL\":" + i + ",\"x-telemetry:CHARGING_STATE\":\"" + (i % 2 == 0 ? "CHARGING" : "IDLE")
                        + "\"}")).toList();
    }

    /** "offsetMinutes type count/numericCount sum min max last@lastOffsetMinutes" per bucket and type. */
    private List<String> rollups(String device, int width, Instant t0) throws Exception {
        String sql = "SELECT bucket_start, payload_type, value_count, numeric_count, numeric_sum, numeric_min, numeric_max, "
                + "last_value::text, last_start FROM reading_rollup WHERE device_id = ? AND bucket_minutes = ? "
                + "ORDER BY bucket_start, payload_type";
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, device);
            s.setInt(2, width);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long bucket = ChronoUnit.MINUTES.between(t0, rs.getTimestamp(1).toInstant());
                    long last = ChronoUnit.MINUTES.between(t0, rs.getTimestamp(9).toInstant());
                    Object min = rs.getObject(6);
                    Object max = rs.getObject(7);
                    rows.add(bucket + " " + rs.getString(2) + " " + rs.getInt(3) + "/" + rs.getInt(4) + " "
                            + rs.getDouble(5) + " " + min + " " + max + " " + rs.getString(8) + "@" + last);
                }
            }
        }
        return rows;
    }

    @Test
    void rollupsAreExactAtEachWidthAndARedeliveryChangesNothing() throws Exception {
        String device = Fixtures.newId("res_rollup_");
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);
        // Two batches, the second landing in buckets the first opened: the upsert combines them.
        readings.upsert(minutes(device, t0, 0, 7));
        readings.upsert(minutes(device, t0, 7, 20));

        List<String> five = List.of(
                "0 STORAGE_CHARGE_LEVEL 5/5 10.0 0.0 4.0 4@4", "0 x-telemetry:CHARGING_STATE 5/0 0.0 null null \"CHARGING\"@4",
                "5 STORAGE_CHARGE_LEVEL 5/5 35.0 5.0 9.0 9@9", "5 x-telemetry:CHARGING_STATE 5/0 0.0 null null \"IDLE\"@9",
                "10 STORAGE_CHARGE_LEVEL 5/5 60.0 10.0 14.0 14@14",
                "10 x-telemetry:CHARGING_STATE 5/0 0.0 null null \"CHARGING\"@14",
                "15 STORAGE_CHARGE_LEVEL 5/5 85.0 15.0 19.0 19@19",
                "15 x-telemetry:CHARGING_STATE 5/0 0.0 null null \"IDLE\"@19");
        List<String> fifteen = List.of(
                "0 STORAGE_CHARGE_LEVEL 15/15 105.0 0.0 14.0 14@14",
                "0 x-telemetry:CHARGING_STATE 15/0 0.0 null null \"CHARGING\"@14",
                "15 STORAGE_CHARGE_LEVEL 5/5 85.0 15.0 19.0 19@19",
                "15 x-telemetry:CHARGING_STATE 5/0 0.0 null null \"IDLE\"@19");
        List<String> hour = List.of(
                "0 STORAGE_CHARGE_LEVEL 20/20 190.0 0.0 19.0 19@19",
                "0 x-telemetry:CHARGING_STATE 20/0 0.0 null null \"IDLE\"@19");
        assertThat(rollups(device, 5, t0)).containsExactlyElementsOf(five);
        assertThat(rollups(device, 15, t0)).containsExactlyElementsOf(fifteen);
        assertThat(rollups(device, 60, t0)).containsExactlyElementsOf(hour);

        // The whole batch redelivered (a crash before the offset commit): the readings exist, nothing is added.
        readings.upsert(minutes(device, t0, 0, 20));
        assertThat(rollups(device, 5, t0)).containsExactlyElementsOf(five);
        assertThat(rollups(device, 15, t0)).containsExactlyElementsOf(fifteen);
        assertThat(rollups(device, 60, t0)).containsExactlyElementsOf(hour);

        // A later record for an existing reading with a payload it did not have: only that payload is added.
        readings.upsert(List.of(row(device, t0.plus(3, ChronoUnit.MINUTES), "{\"STORAGE_CHARGE_LEVEL\":3,\"x-telemetry:GRID_ENERGY\":-250}")));
        assertThat(rollups(device, 60, t0)).containsExactly(
                "0 STORAGE_CHARGE_LEVEL 20/20 190.0 0.0 19.0 19@19",
                "0 x-telemetry:CHARGING_STATE 20/0 0.0 null null \"IDLE\"@19",
                "0 x-telemetry:GRID_ENERGY 1/1 -250.0 -250.0 -250.0 -250@3");
    }

    @Test
    void aCorrectedReadingReplacesItsOldValueInTheRollups() throws Exception {
        String device = Fixtures.newId("res_rollup_fix_");
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);
        readings.upsert(minutes(device, t0, 0, 20));

        // Minute 0 (the buckets' minimum, 0) becomes 2; minute 4 (the 5-minute bucket's last) becomes 100 and IDLE.
        List<ReadingRepository.Row> corrected = List.of(
                row(device, t0, "{\"STORAGE_CHARGE_LEVEL\":2,\"x-telemetry:CHARGING_STATE\":\"CHARGING\"}"),
                row(device, t0.plus(4, ChronoUnit.MINUTES), "{\"STORAGE_CHARGE_LEVEL\":100,\"x-telemetry:CHARGING_STATE\":\"IDLE\"}"));
        readings.upsert(corrected);

        List<String> five = List.of("0 STORAGE_CHARGE_LEVEL 5/5 108.0 1.0 100.0 100@4",
                "0 x-telemetry:CHARGING_STATE 5/0 0.0 null null \"IDLE\"@4",
                "5 STORAGE_CHARGE_LEVEL 5/5 35.0 5.0 9.0 9@9", "5 x-telemetry:CHARGING_STATE 5/0 0.0 null null \"IDLE\"@9");
        List<String> fifteen = List.of("0 STORAGE_CHARGE_LEVEL 15/15 203.0 1.0 100.0 14@14",
                "0 x-telemetry:CHARGING_STATE 15/0 0.0 null null \"CHARGING\"@14");
        List<String> hour = List.of("0 STORAGE_CHARGE_LEVEL 20/20 288.0 1.0 100.0 19@19",
                "0 x-telemetry:CHARGING_STATE 20/0 0.0 null null \"IDLE\"@19");
        assertThat(rollups(device, 5, t0).subList(0, 4)).containsExactlyElementsOf(five);
        assertThat(rollups(device, 15, t0).subList(0, 2)).containsExactlyElementsOf(fifteen);
        assertThat(rollups(device, 60, t0)).containsExactlyElementsOf(hour);
        // History's averages come from these rollups: the 5-minute bucket averages the corrected values.
        assertThat(history.rollup(device, 5, t0, t0.plus(5, ChronoUnit.MINUTES), 0, 100).points())
                .extracting(HistoryRepository.Point::payloadsJson)
                .containsExactly("{\"STORAGE_CHARGE_LEVEL\": 21.6, \"x-telemetry:CHARGING_STATE\": \"IDLE\"}");

        // The correction redelivered, and the corrected value sent again, change nothing further.
        readings.upsert(corrected);
        readings.upsert(List.of(row(device, t0, "{\"STORAGE_CHARGE_LEVEL\":2.0}")));
        assertThat(rollups(device, 5, t0).subList(0, 4)).containsExactlyElementsOf(five);
        assertThat(rollups(device, 60, t0)).containsExactlyElementsOf(hour);
    }

    @Test
    void aRangeCuttingBucketsTakesOnlyItsReadingsFromTheCutBuckets() throws Exception {
        String device = Fixtures.newId("res_rollup_cut_");
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);
        readings.upsert(minutes(device, t0, 0, 20));

        // [3 min, 17 min): buckets 5 and 10 whole (rollups), 0 and 15 cut (minutes 3-4 and 15-16 only).
        HistoryRepository.Slice slice = history.rollup(device, 5, t0.plus(3, ChronoUnit.MINUTES),
                t0.plus(17, ChronoUnit.MINUTES), 0, 100);
        assertThat(slice.total()).isEqualTo(4);
        assertThat(slice.points().stream().map(p -> ChronoUnit.MINUTES.between(t0, p.start()) + " " + p.payloadsJson()))
                .containsExactly("0 {\"STORAGE_CHARGE_LEVEL\": 3.5, \"x-telemetry:CHARGING_STATE\": \"CHARGING\"}",
                        "5 {\"STORAGE_CHARGE_LEVEL\": 7, \"x-telemetry:CHARGING_STATE\": \"IDLE\"}",
                        "10 {\"STORAGE_CHARGE_LEVEL\": 12, \"x-telemetry:CHARGING_STATE\": \"CHARGING\"}",
                        "15 {\"STORAGE_CHARGE_LEVEL\": 15.5, \"x-telemetry:CHARGING_STATE\": \"CHARGING\"}");
        // Within one bucket: no whole bucket, all from the readings.
        assertThat(history.rollup(device, 60, t0.plus(1, ChronoUnit.MINUTES), t0.plus(3, ChronoUnit.MINUTES), 0, 100)
                .points()).extracting(HistoryRepository.Point::payloadsJson)
                .containsExactly("{\"STORAGE_CHARGE_LEVEL\": 1.5, \"x-telemetry:CHARGING_STATE\": \"CHARGING\"}");
    }

    @Test
    void retentionDeletesRollupsOfExpiredDays() throws Exception {
        String device = Fixtures.newId("res_rollup_old_");
        LocalDate old = LocalDate.now(ZoneOffset.UTC).minusDays(100);
        Instant oldAt = old.atStartOfDay(ZoneOffset.UTC).toInstant().plus(1, ChronoUnit.HOURS);
        Instant recent = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.HOURS);
        readings.upsert(List.of(row(device, oldAt, "{\"STORAGE_CHARGE_LEVEL\":1}"),
                row(device, recent, "{\"STORAGE_CHARGE_LEVEL\":2}")));
        assertThat(rollups(device, 60, recent)).hasSize(2);

        retention.dropExpired(Instant.now());

        assertThat(rollups(device, 5, recent)).containsExactly("0 STORAGE_CHARGE_LEVEL 1/1 2.0 2.0 2.0 2@0");
        assertThat(rollups(device, 60, recent)).containsExactly("0 STORAGE_CHARGE_LEVEL 1/1 2.0 2.0 2.0 2@0");
    }
}
