package dev.gridservices.telemetry;

import dev.gridservices.telemetry.repository.ReadingRepository;
import io.agroal.api.AgroalDataSource;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;

/**
 * The history writer's statement measured against the alternative the issue names: the service's one
 * {@code INSERT … SELECT FROM unnest(…)} per batch (array parameters, over JDBC) versus JDBC {@code COPY}
 * into a temporary staging table followed by the same upsert from it. Same rows (as the writer builds
 * them from telemetry.raw: 11 columns, ~150-byte payloads), same batch size, fresh keys for each, so both
 * insert rather than update. Part of {@link IngestBenchmark}.
 */
final class HistoryWriteBench {

    private static final String PAYLOADS = "{\"STORAGE_CHARGE_LEVEL\":85,\"x-telemetry:CHARGE_RATE\":2400,"
            + "\"x-telemetry:CHARGING_STATE\":\"CHARGING\",\"x-telemetry:BACKUP_RESERVE\":20,"
            + "\"x-telemetry:GRID_STATUS\":\"IMPORTING\"}";

    private static final String FROM_STAGE = "INSERT INTO reading (device_id, start_ts, duration, organization_id, "
            + "ven_id, device_type, event_id, program_id, report_id, payloads, received_at) SELECT * FROM reading_stage "
            + "ON CONFLICT (device_id, start_ts) DO UPDATE SET payloads = reading.payloads || EXCLUDED.payloads, "
            + "received_at = GREATEST(reading.received_at, EXCLUDED.received_at)";

    private HistoryWriteBench() {
    }

    static Map<String, String> compare(AgroalDataSource dataSource, ReadingRepository repository, int rows, int batch)
            throws Exception {
        Instant base = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);
        for (int day = -1; day <= 1; day++) {
            repository.createPartition(LocalDate.ofInstant(base, ZoneOffset.UTC).plusDays(day));
        }
        // Warm-up of both paths (JIT, plans, the staging table), then each measured on its own fresh keys.
        unnest(repository, rows("warm-u", base, batch, batch));
        copy(dataSource, rows("warm-c", base, batch, batch));
        Map<String, String> results = new LinkedHashMap<>();
        List<List<ReadingRepository.Row>> unnestRows = rows("u", base, rows, batch);
        long t = System.nanoTime();
        unnest(repository, unnestRows);
        results.put("history write, INSERT … SELECT FROM unnest, " + batch + "-row batches, rows/s",
                String.format("%.0f", rows / ((System.nanoTime() - t) / 1e9)));
        List<List<ReadingRepository.Row>> copyRows = rows("c", base, rows, batch);
        t = System.nanoTime();
        copy(dataSource, copyRows);
        results.put("history write, COPY to staging + INSERT … SELECT, " + batch + "-row batches, rows/s",
                String.format("%.0f", rows / ((System.nanoTime() - t) / 1e9)));
        return results;
    }

    private static void unnest(ReadingRepository repository, List<List<ReadingRepository.Row>> batches) throws SQLException {
        for (List<ReadingRepository.Row> b : batches) {
            repository.upsert(b);
        }
    }

    private static void copy(AgroalDataSource dataSource, List<List<ReadingRepository.Row>> batches) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TEMP TABLE IF NOT EXISTS reading_stage (device_id text, start_ts timestamptz, "
                        + "duration text, organization_id text, ven_id text, device_type text, event_id text, "
                        + "program_id text, report_id text, payloads jsonb, received_at timestamptz) ON COMMIT DELETE ROWS");
            }
            c.commit();
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (List<ReadingRepository.Row> b : batches) {
                StringBuilder text = new StringBuilder(b.size() * 320);
                for (ReadingRepository.Row r : b) {
                    text.append(r.deviceId()).append('\t').append(r.start()).append('\t').append(r.duration()).append('\t')
                            .append(r.organizationId()).append('\t').append(r.venId()).append('\t').append(r.deviceType())
                            .append("\t\\N\t\\N\t").append(r.reportId()).append('\t').append(r.payloadsJson()).append('\t')
                            .append(r.receivedAt()).append('\n');
                }
                copy.copyIn("COPY reading_stage FROM STDIN", new StringReader(text.toString()));
                try (Statement s = c.createStatement()) {
                    s.executeUpdate(FROM_STAGE);
                }
                c.commit();
            }
        }
    }

    /** {@code count} rows in batches: 500 devices per run, one reading per device per second. */
    private static List<List<ReadingRepository.Row>> rows(String run, Instant base, int count, int batch) {
        List<List<ReadingRepository.Row>> batches = new ArrayList<>();
        List<ReadingRepository.Row> current = new ArrayList<>();
        Instant received = Instant.now();
        for (int i = 0; i < count; i++) {
            current.add(new ReadingRepository.Row("res_hb_" + run + "_" + (i % 500), base.plusSeconds(i / 500),
                    "PT0S", "org_bench", "ven_bench", "BATTERY", null, null, "rpt_bench", PAYLOADS, received));
            if (current.size() == batch) {
                batches.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }
}
