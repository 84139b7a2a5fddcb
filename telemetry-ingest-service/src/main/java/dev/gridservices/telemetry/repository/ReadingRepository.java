package dev.gridservices.telemetry.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code reading} table and its {@code reading_rollup}: day partitions, batch upsert with array parameters
 * (one statement per batch, rollups included), and the bookkeeping the retention job needs.
 */
@ApplicationScoped
public class ReadingRepository {

    /** One row to write; {@code payloadsJson} is the JSON object of payload type → value. */
    public record Row(String deviceId, Instant start, String duration, String organizationId, String venId,
                      String deviceType, String eventId, String programId, String reportId, String payloadsJson,
                      Instant receivedAt) {
    }

    private static final DateTimeFormatter PARTITION_DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final String PARTITION_PREFIX = "reading_p";

    /** Rollup widths in minutes (history's FIVE_MINUTES, FIFTEEN_MINUTES, HOUR; metrics' 15-minute and hour). */
    public static final int[] ROLLUP_MINUTES = {5, 15, 60};

    /**
     * The readings' upsert and the rollups' upsert in one statement. A redelivered reading (same device and
     * start) lands on the same row: its payloads merge, no row is added. The rollups receive only the payloads
     * that the reading did not have before this statement ({@code old} sees the statement's snapshot), so a
     * redelivery adds nothing. A payload the reading had with another value (a corrected reading) is answered
     * as a row of {@code (device, start, type)}: {@link #RECOMPUTE} then rebuilds those buckets from the
     * readings, since a count and sum could be adjusted but a min, max or last value that was the old value
     * cannot.
     */
    private static final String UPSERT = """
            WITH t AS (
              SELECT * FROM unnest(?::text[], ?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                ?::text[], ?::text[], ?::text[], ?::timestamptz[]) AS t(d, s, du, o, v, dt, e, p, r, pl, ra)),
            old AS (
              SELECT x.device_id, x.start_ts, x.payloads FROM reading x JOIN t ON x.device_id = t.d AND x.start_ts = t.s),
            ins AS (
              INSERT INTO reading (device_id, start_ts, duration, organization_id, ven_id, device_type, event_id,
                program_id, report_id, payloads, received_at)
              SELECT d, s, du, o, v, dt, e, p, r, pl::jsonb, ra FROM t
              ON CONFLICT (device_id, start_ts) DO UPDATE SET payloads = reading.payloads || EXCLUDED.payloads,
                received_at = GREATEST(reading.received_at, EXCLUDED.received_at)),
            kv AS (
              SELECT t.d, t.s, t.o, kv.key, kv.value, old.payloads -> kv.key AS before,
                CASE WHEN jsonb_typeof(kv.value) = 'number' THEN (kv.value #>> '{}')::float8 END AS num
              FROM t LEFT JOIN old ON old.device_id = t.d AND old.start_ts = t.s
              CROSS JOIN LATERAL jsonb_each(t.pl::jsonb) kv),
            rollup AS (
              INSERT INTO reading_rollup AS u (device_id, bucket_minutes, bucket_start, payload_type, organization_id,
                value_count, numeric_count, numeric_sum, numeric_min, numeric_max, last_value, last_start)
              SELECT f.d, w.m, date_bin(make_interval(mins => w.m), f.s, TIMESTAMPTZ '2000-01-01T00:00:00Z'), f.key,
                max(f.o), count(*), count(f.num), COALESCE(sum(f.num), 0), min(f.num), max(f.num),
                (array_agg(f.value ORDER BY f.s DESC))[1], max(f.s)
              FROM kv f CROSS JOIN unnest(?::int[]) AS w(m)
              WHERE f.before IS NULL
              GROUP BY 1, 2, 3, 4
              ON CONFLICT (device_id, bucket_minutes, bucket_start, payload_type) DO UPDATE SET
                value_count = u.value_count + EXCLUDED.value_count,
                numeric_count = u.numeric_count + EXCLUDED.numeric_count,
                numeric_sum = u.numeric_sum + EXCLUDED.numeric_sum,
                numeric_min = LEAST(u.numeric_min, EXCLUDED.numeric_min),
                numeric_max = GREATEST(u.numeric_max, EXCLUDED.numeric_max),
                last_value = CASE WHEN EXCLUDED.last_start > u.last_start THEN EXCLUDED.last_value ELSE u.last_value END,
                last_start = GREATEST(u.last_start, EXCLUDED.last_start))
            SELECT d, s, key FROM kv WHERE before IS NOT NULL AND before IS DISTINCT FROM value""";

    /**
     * The rollup buckets of corrected readings, rebuilt from {@code reading} (which, a later statement of the same
     * transaction, already holds the corrected values): the same aggregates the upsert keeps, over every reading
     * of the bucket that has the payload type.
     */
    private static final String RECOMPUTE = """
            WITH c AS (
              SELECT DISTINCT c.d, w.m, date_bin(make_interval(mins => w.m), c.s, TIMESTAMPTZ '2000-01-01T00:00:00Z') AS b,
                c.k
              FROM unnest(?::text[], ?::timestamptz[], ?::text[]) AS c(d, s, k) CROSS JOIN unnest(?::int[]) AS w(m)),
            v AS (
              SELECT c.d, c.m, c.b, c.k, r.start_ts, r.payloads -> c.k AS value,
                CASE WHEN jsonb_typeof(r.payloads -> c.k) = 'number' THEN (r.payloads ->> c.k)::float8 END AS num
              FROM c JOIN reading r ON r.device_id = c.d AND r.start_ts >= c.b AND r.start_ts < c.b + make_interval(mins => c.m)
              WHERE r.payloads -> c.k IS NOT NULL),
            a AS (
              SELECT d, m, b, k, count(*) AS n, count(num) AS nn, COALESCE(sum(num), 0) AS total, min(num) AS lo,
                max(num) AS hi, (array_agg(value ORDER BY start_ts DESC))[1] AS last, max(start_ts) AS last_start
              FROM v GROUP BY d, m, b, k)
            UPDATE reading_rollup u SET value_count = a.n, numeric_count = a.nn, numeric_sum = a.total, numeric_min = a.lo,
              numeric_max = a.hi, last_value = a.last, last_start = a.last_start
            FROM a WHERE u.device_id = a.d AND u.bucket_minutes = a.m AND u.bucket_start = a.b AND u.payload_type = a.k""";

    private final AgroalDataSource dataSource;
    private final Set<LocalDate> knownPartitions = ConcurrentHashMap.newKeySet();

    public ReadingRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Writes the rows (at most one per device and start) in one statement, after creating missing day partitions. */
    public void upsert(List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            for (Row row : rows) {
                LocalDate day = LocalDate.ofInstant(row.start(), ZoneOffset.UTC);
                if (!knownPartitions.contains(day)) {
                    createPartition(c, day);
                }
            }
            int n = rows.size();
            String[] device = new String[n];
            Timestamp[] start = new Timestamp[n];
            String[] duration = new String[n];
            String[] org = new String[n];
            String[] ven = new String[n];
            String[] type = new String[n];
            String[] event = new String[n];
            String[] program = new String[n];
            String[] report = new String[n];
            String[] payloads = new String[n];
            Timestamp[] received = new Timestamp[n];
            for (int i = 0; i < n; i++) {
                Row r = rows.get(i);
                device[i] = r.deviceId();
                start[i] = Timestamp.from(r.start());
                duration[i] = r.duration();
                org[i] = r.organizationId();
                ven[i] = r.venId();
                type[i] = r.deviceType();
                event[i] = r.eventId();
                program[i] = r.programId();
                report[i] = r.reportId();
                payloads[i] = r.payloadsJson();
                received[i] = Timestamp.from(r.receivedAt());
            }
            Array widths = c.createArrayOf("int4", Arrays.stream(ROLLUP_MINUTES).boxed().toArray(Integer[]::new));
            // Both statements commit together: rollups never disagree with the readings they were built from.
            c.setAutoCommit(false);
            try {
                List<String> correctedDevice = new ArrayList<>();
                List<Timestamp> correctedStart = new ArrayList<>();
                List<String> correctedType = new ArrayList<>();
                try (PreparedStatement s = c.prepareStatement(UPSERT)) {
                    List<Array> arrays = List.of(c.createArrayOf("text", device), c.createArrayOf("timestamptz", start),
                            c.createArrayOf("text", duration), c.createArrayOf("text", org), c.createArrayOf("text", ven),
                            c.createArrayOf("text", type), c.createArrayOf("text", event), c.createArrayOf("text", program),
                            c.createArrayOf("text", report), c.createArrayOf("text", payloads),
                            c.createArrayOf("timestamptz", received));
                    for (int i = 0; i < arrays.size(); i++) {
                        s.setArray(i + 1, arrays.get(i));
                    }
                    s.setArray(arrays.size() + 1, widths);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            correctedDevice.add(rs.getString(1));
                            correctedStart.add(rs.getTimestamp(2));
                            correctedType.add(rs.getString(3));
                        }
                    }
                }
                if (!correctedDevice.isEmpty()) {
                    try (PreparedStatement s = c.prepareStatement(RECOMPUTE)) {
                        s.setArray(1, c.createArrayOf("text", correctedDevice.toArray()));
                        s.setArray(2, c.createArrayOf("timestamptz", correctedStart.toArray()));
                        s.setArray(3, c.createArrayOf("text", correctedType.toArray()));
                        s.setArray(4, widths);
                        s.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Creates the partition of {@code day} if it does not exist (idempotent; several writers may race). */
    public void createPartition(LocalDate day) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            createPartition(c, day);
        }
    }

    private void createPartition(Connection c, LocalDate day) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + partitionName(day) + " PARTITION OF reading FOR VALUES FROM ('"
                    + day + "T00:00:00Z') TO ('" + day.plusDays(1) + "T00:00:00Z')");
        } catch (SQLException e) {
            // Two writers creating the same partition at once: the loser sees a duplicate; the table exists.
            if (!"42P07".equals(e.getSQLState()) && !"23505".equals(e.getSQLState())) {
                throw e;
            }
        }
        knownPartitions.add(day);
    }

    /** The days that have a partition, oldest first. */
    public List<LocalDate> partitionDays() throws SQLException {
        String sql = "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                + "JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'reading' ORDER BY c.relname";
        List<LocalDate> days = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                String name = rs.getString(1);
                if (name.startsWith(PARTITION_PREFIX)) {
                    days.add(LocalDate.parse(name.substring(PARTITION_PREFIX.length()), PARTITION_DAY));
                }
            }
        }
        return days;
    }

    /** Drops the partitions of {@code days} (DROP TABLE: instant, no row-by-row delete, no bloat). */
    public void dropPartitions(Collection<LocalDate> days) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (LocalDate day : days) {
                s.execute("DROP TABLE IF EXISTS " + partitionName(day));
                knownPartitions.remove(day);
            }
        }
    }

    /** Deletes the rollup buckets that start before {@code before}; answers how many rows went. */
    public int deleteRollupsBefore(Instant before) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM reading_rollup WHERE bucket_start < ?")) {
            s.setTimestamp(1, Timestamp.from(before));
            return s.executeUpdate();
        }
    }

    private static String partitionName(LocalDate day) {
        return PARTITION_PREFIX + PARTITION_DAY.format(day);
    }
}
