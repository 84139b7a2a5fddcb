package dev.gridservices.telemetry.service;

import dev.gridservices.telemetry.config.TelemetryConfig;
import dev.gridservices.telemetry.repository.ReadingRepository;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Keeps {@code retention-days} of history: every hour, drops each day partition whose whole day lies
 * before now − retention, and deletes the rollup buckets of those days (a DELETE of at most one day's
 * buckets per run, small next to the readings). Replicas may run it concurrently: DROP TABLE IF EXISTS is idempotent.
 */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    private final ReadingRepository readings;
    private final Clock clock;
    private final int retentionDays;

    public RetentionJob(ReadingRepository readings, Clock clock, TelemetryConfig config) {
        this.readings = readings;
        this.clock = clock;
        this.retentionDays = config.history().retentionDays();
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            dropExpired(clock.instant());
        } catch (SQLException e) {
            LOG.error("retention: could not drop old partitions", e);
        }
    }

    /** Drops the partitions entirely older than {@code now} − retention; answers the days dropped. */
    public List<LocalDate> dropExpired(Instant now) throws SQLException {
        LocalDate firstKept = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(retentionDays);
        List<LocalDate> expired = readings.partitionDays().stream().filter(day -> day.isBefore(firstKept)).toList();
        if (!expired.isEmpty()) {
            readings.dropPartitions(expired);
            LOG.infof("retention: dropped %d day partitions before %s", expired.size(), firstKept);
        }
        int rollups = readings.deleteRollupsBefore(firstKept.atStartOfDay(ZoneOffset.UTC).toInstant());
        if (rollups > 0) {
            LOG.infof("retention: deleted %d rollup rows before %s", rollups, firstKept);
        }
        return expired;
    }
}
