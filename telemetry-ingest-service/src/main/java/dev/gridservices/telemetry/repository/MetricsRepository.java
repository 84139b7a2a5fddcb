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
 * Per-device time buckets for the core API's /v1/metrics: the bucket's sum of an interval quantity (energy
 * of intervals), its latest value (a level such as stored energy), or the increase of a lifetime counter
 * over the bucket. Sums and latest values of one payload type by 15 minutes or an hour read the buckets
 * wholly inside the range from {@code reading_rollup} and only the range's cut end buckets from
 * {@code reading}; everything else (increases, which need each reading's predecessor; combined sources;
 * day and longer windows) is computed from {@code reading}. Bucket expressions and payload types come
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
     * one; {@code rollupType} is the payload type when the value is that payload alone (rollups hold it),
     * else null. Built only from payload type constants (checked), so the SQL never carries request input.
     */
    public record Source(String value, String present, String rollupType) {

        /** The numeric payload {@code type}. */
        public static Source of(String type) {
            return new Source(number(type), "jsonb_typeof(payloads -> " + literal(type) + ") = 'number'", type);
        }

        /** {@code preferred} where reported, else the positive part of {@code net} (e.g. grid import). */
        public static Source positivePartOf(String preferred, String net) {
            return new Source("COALESCE(" + number(preferred) + ", GREATEST(" + number(net) + ", 0))",
                    "(jsonb_typeof(payloads -> " + literal(preferred) + ") = 'number' OR jsonb_typeof(payloads -> "
                            + literal(net) + ") = 'number')", null);
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

    /**
     * Bucket widths of the core API's {@code windowSize}; {@code hours} is the nominal length (rates),
     * {@code rollupMinutes} the reading_rollup width of the same buckets (0: none).
     */
    public enum Window {
        FIFTEEN_MINUTES("date_bin('15 minutes', start_ts, TIMESTAMPTZ '2000-01-01T00:00:00Z')", 0.25, 15),
        HOUR("date_trunc('hour', start_ts, 'UTC')", 1, 60),
        DAY("date_trunc('day', start_ts, 'UTC')", 24, 0),
        WEEK("date_trunc('week', start_ts, 'UTC')", 24 * 7, 0),
        // Average Gregorian month and year: the nominal length a per-hour rate is scaled by.
        MONTH("date_trunc('month', start_ts, 'UTC')", 24 * 30.436875, 0),
        YEAR("date_trunc('year', start_ts, 'UTC')", 24 * 365.2425, 0);

        final String bucket;
        private final double hours;
        private final int rollupMinutes;

        Window(String bucket, double hours, int rollupMinutes) {
            this.bucket = bucket;
            this.hours = hours;
            this.rollupMinutes = rollupMinutes;
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
        if (aggregate != Aggregate.INCREASE && source.rollupType() != null && window.rollupMinutes > 0) {
            return fromRollups(organizationId, deviceIds, source, aggregate, window, from, to);
        }
        String devices = deviceIds.isEmpty() ? "" : " AND device_id = ANY(?)";
        String filter = "organization_id = ? AND start_ts >= ? AND start_ts < ? AND " + source.present() + devices;
        String sql = switch (aggregate) {
            case SUM -> "SELECT " + window.bucket + " AS b, device_id, sum(" + source.value() + ") FROM reading WHERE "
                    + filter + " GROUP BY 1, 2 ORDER BY 1, 2";
            case LATEST -> latestSql(source, window, filter) + " ORDER BY 1, 2";
            // The range starts COUNTER_LOOKBACK early so that the first reading in it has its predecessor;
            // only readings inside the range contribute.
            case INCREASE -> "SELECT " + window.bucket + " AS b, device_id, sum(CASE WHEN d < 0 THEN v ELSE d END) FROM ("
                    + "SELECT start_ts, device_id, v, v - lag(v) OVER (PARTITION BY device_id ORDER BY start_ts) AS d FROM ("
                    + "SELECT start_ts, device_id, " + source.value() + " AS v FROM reading WHERE " + filter + ") r) x "
                    + "WHERE d IS NOT NULL AND start_ts >= ? GROUP BY 1, 2 ORDER BY 1, 2";
        };
        Instant lower = aggregate == Aggregate.INCREASE ? from.minus(COUNTER_LOOKBACK) : from;
        List<Object> params = new ArrayList<>(List.of(organizationId, lower, to));
        if (!deviceIds.isEmpty()) {
            params.add(deviceIds);
        }
        if (aggregate == Aggregate.INCREASE) {
            params.add(from);
        }
        return query(sql, params);
    }

    /**
     * Whole buckets from reading_rollup, the range's cut end buckets from reading (disjoint bucket sets, so
     * the union is what the readings alone would give).
     */
    private List<Point> fromRollups(String organizationId, List<String> deviceIds, Source source, Aggregate aggregate,
                                    Window window, Instant from, Instant to) {
        Instant[] whole = HistoryRepository.wholeBuckets(window.rollupMinutes, from, to);
        String devices = deviceIds.isEmpty() ? "" : " AND device_id = ANY(?)";
        String edgeFilter = "organization_id = ? AND start_ts >= ? AND start_ts < ? AND (start_ts < ? OR start_ts >= ?) AND "
                + source.present() + devices;
        String rollupFilter = " FROM reading_rollup WHERE organization_id = ? AND bucket_minutes = ? AND payload_type = ? "
                + "AND bucket_start >= ? AND bucket_start < ?" + devices;
        String sql = switch (aggregate) {
            case SUM -> "SELECT b, device_id, sum(v) FROM (SELECT " + window.bucket + " AS b, device_id, " + source.value()
                    + " AS v FROM reading WHERE " + edgeFilter + " UNION ALL SELECT bucket_start, device_id, numeric_sum"
                    + rollupFilter + " AND numeric_count > 0) x GROUP BY 1, 2 ORDER BY 1, 2";
            case LATEST -> latestSql(source, window, edgeFilter) + " UNION ALL SELECT bucket_start, device_id, "
                    + "(last_value #>> '{}')::float8" + rollupFilter + " AND jsonb_typeof(last_value) = 'number' ORDER BY 1, 2";
            case INCREASE -> throw new IllegalArgumentException("increases are not rolled up");
        };
        List<Object> params = new ArrayList<>(List.of(organizationId, from, to, whole[0], whole[1]));
        if (!deviceIds.isEmpty()) {
            params.add(deviceIds);
        }
        params.addAll(List.of(organizationId, window.rollupMinutes, source.rollupType(), whole[0], whole[1]));
        if (!deviceIds.isEmpty()) {
            params.add(deviceIds);
        }
        return query(sql, params);
    }

    private static String latestSql(Source source, Window window, String filter) {
        return "SELECT b, device_id, v FROM (SELECT " + window.bucket + " AS b, device_id, " + source.value()
                + " AS v, row_number() OVER (PARTITION BY device_id, " + window.bucket + " ORDER BY start_ts DESC) AS n "
                + "FROM reading WHERE " + filter + ") x WHERE n = 1";
    }

    private List<Point> query(String sql, List<Object> params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                Object p = params.get(i);
                if (p instanceof Instant instant) {
                    s.setTimestamp(i + 1, Timestamp.from(instant));
                } else if (p instanceof List<?> list) {
                    s.setArray(i + 1, c.createArrayOf("text", list.toArray()));
                } else if (p instanceof Integer n) {
                    s.setInt(i + 1, n);
                } else {
                    s.setString(i + 1, (String) p);
                }
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
