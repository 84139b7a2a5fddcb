package dev.gridservices.telemetry.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Per-device time buckets for the core API's /v1/metrics, computed from the {@code reading} table: the
 * bucket's sum of an interval quantity (energy of intervals), its latest value (a level such as stored
 * energy), or the increase of a lifetime counter over the bucket. Bucket expressions and payload types come
 * from fixed sets (the {@link Window} and {@link Source} constants), never from the request.
 */
@ApplicationScoped
public class MetricsRepository {

    /** How a bucket combines its readings. */
    public enum Aggregate {
        /** Sum of the value of every reading in the bucket (per-interval energy). */
        SUM,
        /** The value of the bucket's last reading (a level). */
        LATEST,
        /**
         * Increase of a lifetime counter: per reading, its value minus the device's previous reading's
         * (looked up to {@link #COUNTER_LOOKBACK} before the range); a drop means the counter restarted, so
         * the new value is the increase. Summed per bucket of the later reading.
         */
        INCREASE
    }

    /** How far before the range a counter's previous reading is looked for. */
    public static final Duration COUNTER_LOOKBACK = Duration.ofDays(1);

    private static final Pattern PAYLOAD_TYPE = Pattern.compile("[A-Za-z0-9:_-]+");

    /**
     * What a metric reads: the value of one reading as SQL over {@code payloads}, and which readings have
     * one. Built only from payload type constants (checked), so the SQL never carries request input.
     */
    public record Source(String value, String present) {

        /** The numeric payload {@code type}. */
        public static Source of(String type) {
            return new Source(number(type), "jsonb_typeof(payloads -> " + literal(type) + ") = 'number'");
        }

        /** {@code preferred} where reported, else the positive part of {@code net} (e.g. grid import). */
        public static Source positivePartOf(String preferred, String net) {
            return new Source("COALESCE(" + number(preferred) + ", GREATEST(" + number(net) + ", 0))",
                    "(jsonb_typeof(payloads -> " + literal(preferred) + ") = 'number' OR jsonb_typeof(payloads -> "
                            + literal(net) + ") = 'number')");
        }

        private static String number(String type) {
            return "CASE WHEN jsonb_typeof(payloads -> " + literal(type) + ") = 'number' THEN (payloads ->> "
                    + literal(type) + ")::float8 END";
        }

        private static String literal(String type) {
            if (!PAYLOAD_TYPE.matcher(type).matches()) {
                throw new IllegalArgumentException("not a payload type: " + type);
            }
            return "'" + type + "'";
        }
    }

    /** Bucket widths of the core API's {@code windowSize}; {@code hours} is the nominal length (rates). */
    public enum Window {
        FIFTEEN_MINUTES("date_bin('15 minutes', start_ts, TIMESTAMPTZ '2000-01-01T00:00:00Z')", 0.25),
        HOUR("date_trunc('hour', start_ts, 'UTC')", 1),
        DAY("date_trunc('day', start_ts, 'UTC')", 24),
        WEEK("date_trunc('week', start_ts, 'UTC')", 24 * 7),
        // Average Gregorian month and year: the nominal length a per-hour rate is scaled by.
        MONTH("date_trunc('month', start_ts, 'UTC')", 24 * 30.436875),
        YEAR("date_trunc('year', start_ts, 'UTC')", 24 * 365.2425);

        final String bucket;
        private final double hours;

        Window(String bucket, double hours) {
            this.bucket = bucket;
            this.hours = hours;
        }

        public double hours() {
            return hours;
        }
    }

    /** One device's value in one bucket. */
    public record Point(Instant bucket, String deviceId, double value) {
    }

    private final AgroalDataSource dataSource;

    public MetricsRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<Point> buckets(String organizationId, List<String> deviceIds, Source source, Aggregate aggregate,
                               Window window, Instant from, Instant to) {
        String devices = deviceIds.isEmpty() ? "" : " AND device_id = ANY(?)";
        String filter = "organization_id = ? AND start_ts >= ? AND start_ts < ? AND " + source.present() + devices;
        String sql = switch (aggregate) {
            case SUM -> "SELECT " + window.bucket + " AS b, device_id, sum(" + source.value() + ") FROM reading WHERE "
                    + filter + " GROUP BY 1, 2 ORDER BY 1, 2";
            case LATEST -> "SELECT b, device_id, v FROM (SELECT " + window.bucket + " AS b, device_id, " + source.value()
                    + " AS v, row_number() OVER (PARTITION BY device_id, " + window.bucket + " ORDER BY start_ts DESC) AS n "
                    + "FROM reading WHERE " + filter + ") x WHERE n = 1 ORDER BY 1, 2";
            // The range starts COUNTER_LOOKBACK early so that the first reading in it has its predecessor;
            // only readings inside the range contribute.
            case INCREASE -> "SELECT " + window.bucket + " AS b, device_id, sum(CASE WHEN d < 0 THEN v ELSE d END) FROM ("
                    + "SELECT start_ts, device_id, v, v - lag(v) OVER (PARTITION BY device_id ORDER BY start_ts) AS d FROM ("
                    + "SELECT start_ts, device_id, " + source.value() + " AS v FROM reading WHERE " + filter + ") r) x "
                    + "WHERE d IS NOT NULL AND start_ts >= ? GROUP BY 1, 2 ORDER BY 1, 2";
        };
        Instant lower = aggregate == Aggregate.INCREASE ? from.minus(COUNTER_LOOKBACK) : from;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            s.setString(i++, organizationId);
            s.setTimestamp(i++, Timestamp.from(lower));
            s.setTimestamp(i++, Timestamp.from(to));
            if (!deviceIds.isEmpty()) {
                s.setArray(i++, c.createArrayOf("text", deviceIds.toArray()));
            }
            if (aggregate == Aggregate.INCREASE) {
                s.setTimestamp(i, Timestamp.from(from));
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
