package dev.gridservices.telemetry.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads history: raw readings, or rollups by 5 minutes, 15 minutes or an hour. Buckets wholly inside the
 * range come from {@code reading_rollup} (kept current by the history writer); the at most two buckets the
 * range cuts at its ends are computed from the readings inside the range ({@code date_bin}), so a bucket
 * always covers exactly the readings of the range. Numeric payloads roll up to their mean, others to
 * their last value.
 */
@ApplicationScoped
public class HistoryRepository {

    /** One point: its start, and the payloads as a JSON object. */
    public record Point(Instant start, String duration, String payloadsJson) {
    }

    /** One page of points and how many there are in the whole range. */
    public record Slice(List<Point> points, long total) {
    }

    private static final String ROLLUP = """
            WITH kv AS (
              SELECT date_bin(?::interval, r.start_ts, TIMESTAMPTZ '2000-01-01T00:00:00Z') AS bucket, r.start_ts, e.key, e.value
              FROM reading r, jsonb_each(r.payloads) e
              WHERE r.device_id = ? AND r.start_ts >= ? AND r.start_ts < ? AND (r.start_ts < ? OR r.start_ts >= ?)),
            edge AS (
              SELECT bucket, key, CASE WHEN bool_and(jsonb_typeof(value) = 'number')
                       THEN to_jsonb(avg(CASE WHEN jsonb_typeof(value) = 'number' THEN (value #>> '{}')::float8 END))
                       ELSE (array_agg(value ORDER BY start_ts DESC))[1] END AS v
              FROM kv GROUP BY bucket, key),
            whole AS (
              SELECT bucket_start AS bucket, payload_type AS key, CASE WHEN numeric_count = value_count
                       THEN to_jsonb(numeric_sum / numeric_count) ELSE last_value END AS v
              FROM reading_rollup
              WHERE device_id = ? AND bucket_minutes = ? AND bucket_start >= ? AND bucket_start < ?),
            agg AS (SELECT * FROM edge UNION ALL SELECT * FROM whole)
            SELECT bucket, jsonb_object_agg(key, v)::text, count(*) OVER () FROM agg
            GROUP BY bucket ORDER BY bucket OFFSET ? LIMIT ?""";

    private final AgroalDataSource dataSource;

    public HistoryRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Slice raw(String deviceId, Instant from, Instant to, int offset, int limit) {
        String sql = "SELECT start_ts, duration, payloads::text, count(*) OVER () FROM reading "
                + "WHERE device_id = ? AND start_ts >= ? AND start_ts < ? ORDER BY start_ts OFFSET ? LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, deviceId);
            s.setTimestamp(2, Timestamp.from(from));
            s.setTimestamp(3, Timestamp.from(to));
            s.setInt(4, offset);
            s.setInt(5, limit);
            return slice(s, true, null);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read history of " + deviceId, e);
        }
    }

    /** Buckets of {@code bucketMinutes}; a bucket's point starts at the bucket and lasts its width. */
    public Slice rollup(String deviceId, int bucketMinutes, Instant from, Instant to, int offset, int limit) {
        Instant[] whole = wholeBuckets(bucketMinutes, from, to);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(ROLLUP)) {
            s.setString(1, bucketMinutes + " minutes");
            s.setString(2, deviceId);
            s.setTimestamp(3, Timestamp.from(from));
            s.setTimestamp(4, Timestamp.from(to));
            s.setTimestamp(5, Timestamp.from(whole[0]));
            s.setTimestamp(6, Timestamp.from(whole[1]));
            s.setString(7, deviceId);
            s.setInt(8, bucketMinutes);
            s.setTimestamp(9, Timestamp.from(whole[0]));
            s.setTimestamp(10, Timestamp.from(whole[1]));
            s.setInt(11, offset);
            s.setInt(12, limit);
            return slice(s, false, "PT" + bucketMinutes + "M");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read history of " + deviceId, e);
        }
    }

    /**
     * The starts [first, end) of the buckets of {@code minutes} that lie wholly inside [from, to): first is
     * {@code from} rounded up, end is {@code to} rounded down (buckets are aligned to the epoch, like
     * date_bin's origin 2000-01-01T00:00Z). When the range lies within one bucket, end ≤ first: no whole bucket.
     */
    public static Instant[] wholeBuckets(int minutes, Instant from, Instant to) {
        long width = minutes * 60L;
        long first = Math.floorDiv(from.getEpochSecond() + width - 1 + (from.getNano() > 0 ? 1 : 0), width) * width;
        long end = Math.floorDiv(to.getEpochSecond(), width) * width;
        return new Instant[] {Instant.ofEpochSecond(first), Instant.ofEpochSecond(end)};
    }

    private static Slice slice(PreparedStatement s, boolean raw, String duration) throws SQLException {
        List<Point> points = new ArrayList<>();
        long total = 0;
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                Instant start = rs.getTimestamp(1).toInstant();
                if (raw) {
                    points.add(new Point(start, rs.getString(2), rs.getString(3)));
                    total = rs.getLong(4);
                } else {
                    points.add(new Point(start, duration, rs.getString(2)));
                    total = rs.getLong(3);
                }
            }
        }
        return new Slice(points, total);
    }
}
