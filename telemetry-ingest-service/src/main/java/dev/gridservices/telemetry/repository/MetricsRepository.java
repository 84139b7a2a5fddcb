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
 * Per-device time buckets of one payload type for the core API's /v1/metrics: the bucket's sum (energy of
 * intervals) or its latest value (a level such as stored energy). Bucket expressions come from a fixed
 * set, never from the request.
 */
@ApplicationScoped
public class MetricsRepository {

    /** How a bucket combines its readings. */
    public enum Aggregate { SUM, LATEST }

    /** Bucket widths of the core API's {@code windowSize}. */
    public enum Window {
        FIFTEEN_MINUTES("date_bin('15 minutes', start_ts, TIMESTAMPTZ '2000-01-01T00:00:00Z')"),
        HOUR("date_trunc('hour', start_ts, 'UTC')"),
        DAY("date_trunc('day', start_ts, 'UTC')"),
        WEEK("date_trunc('week', start_ts, 'UTC')"),
        MONTH("date_trunc('month', start_ts, 'UTC')"),
        YEAR("date_trunc('year', start_ts, 'UTC')");

        final String bucket;

        Window(String bucket) {
            this.bucket = bucket;
        }
    }

    /** One device's value in one bucket. */
    public record Point(Instant bucket, String deviceId, double value) {
    }

    private final AgroalDataSource dataSource;

    public MetricsRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<Point> buckets(String organizationId, List<String> deviceIds, String payloadType, Aggregate aggregate,
                               Window window, Instant from, Instant to) {
        String filter = "organization_id = ? AND start_ts >= ? AND start_ts < ? AND jsonb_typeof(payloads -> ?) = 'number'"
                + (deviceIds.isEmpty() ? "" : " AND device_id = ANY(?)");
        String sql = aggregate == Aggregate.SUM
                ? "SELECT " + window.bucket + " AS b, device_id, sum((payloads ->> ?)::float8) FROM reading WHERE " + filter
                        + " GROUP BY 1, 2 ORDER BY 1, 2"
                : "SELECT b, device_id, v FROM (SELECT " + window.bucket + " AS b, device_id, (payloads ->> ?)::float8 AS v, "
                        + "row_number() OVER (PARTITION BY device_id, " + window.bucket + " ORDER BY start_ts DESC) AS n "
                        + "FROM reading WHERE " + filter + ") x WHERE n = 1 ORDER BY 1, 2";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            s.setString(i++, payloadType);
            s.setString(i++, organizationId);
            s.setTimestamp(i++, Timestamp.from(from));
            s.setTimestamp(i++, Timestamp.from(to));
            s.setString(i++, payloadType);
            if (!deviceIds.isEmpty()) {
                s.setArray(i, c.createArrayOf("text", deviceIds.toArray()));
            }
            List<Point> points = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    points.add(new Point(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getDouble(3)));
                }
            }
            return points;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read metrics", e);
        }
    }
}
