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
 * Reads history: raw readings, or rollups by 5 minutes, 15 minutes or an hour. Rollups are computed by
 * the query ({@code date_bin} over the partition-pruned, index-bounded range of one device): always
 * current, nothing to keep in step. Numeric payloads roll up to their mean, others to their last value.
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
              WHERE r.device_id = ? AND r.start_ts >= ? AND r.start_ts < ?),
            agg AS (
              SELECT bucket, key, CASE WHEN bool_and(jsonb_typeof(value) = 'number')
                       THEN to_jsonb(avg(CASE WHEN jsonb_typeof(value) = 'number' THEN (value #>> '{}')::float8 END))
                       ELSE (array_agg(value ORDER BY start_ts DESC))[1] END AS v
              FROM kv GROUP BY bucket, key)
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
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(ROLLUP)) {
            s.setString(1, bucketMinutes + " minutes");
            s.setString(2, deviceId);
            s.setTimestamp(3, Timestamp.from(from));
            s.setTimestamp(4, Timestamp.from(to));
            s.setInt(5, offset);
            s.setInt(6, limit);
            return slice(s, false, "PT" + bucketMinutes + "M");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read history of " + deviceId, e);
        }
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
