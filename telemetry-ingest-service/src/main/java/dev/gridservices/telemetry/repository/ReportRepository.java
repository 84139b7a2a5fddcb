package dev.gridservices.telemetry.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reports as stored (table {@code report}). The client's JSON is kept as sent; reads merge the
 * server-assigned metadata (id, objectType, timestamps, clientID) into it inside PostgreSQL, so the
 * service never builds a tree of a 500-resource report.
 */
@ApplicationScoped
public class ReportRepository {

    /** A report row's identity and access fields (the JSON stays in the database). */
    public record Row(String id, String organizationId, String venId, String clientId, String clientName,
                      String eventId, String programId, String utilityOrganizationId, Instant createdAt) {
    }

    /** Who may see which reports: a VEN its own; a utility the reports answering its programs' events. */
    public record Visibility(String venId, String utilityOrganizationId) {
    }

    private static final String VIEW = "(jsonb_strip_nulls(jsonb_build_object('id', id, 'objectType', 'REPORT', 'createdDateTime', "
            + "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), 'modificationDateTime', "
            + "to_char(modified_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), 'clientID', client_id)) "
            + "|| (body::jsonb - 'id' - 'objectType' - 'createdDateTime' - 'modificationDateTime' - 'clientID'))::text";

    private final AgroalDataSource dataSource;

    public ReportRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Inserts the report and answers its JSON as the API returns it. */
    /**
     * Inserts the report in a transaction that stays open: {@link PendingInsert#commit} once Kafka acknowledged
     * the report's readings, else closing it rolls the row back. So the insert runs while the acks travel,
     * and GET still shows only reports whose every reading is durable.
     */
    public PendingInsert begin(Row row, byte[] body) {
        String sql = "INSERT INTO report (id, organization_id, ven_id, client_id, client_name, event_id, program_id, "
                + "utility_organization_id, body, created_at, modified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::json, ?, ?)";
        Connection c = null;
        try {
            c = dataSource.getConnection();
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(sql)) {
                Timestamp at = Timestamp.from(row.createdAt());
                s.setString(1, row.id());
                s.setString(2, row.organizationId());
                s.setString(3, row.venId());
                s.setString(4, row.clientId());
                s.setString(5, row.clientName());
                s.setString(6, row.eventId());
                s.setString(7, row.programId());
                s.setString(8, row.utilityOrganizationId());
                s.setString(9, new String(body, StandardCharsets.UTF_8));
                s.setTimestamp(10, at);
                s.setTimestamp(11, at);
                s.executeUpdate();
            }
            return new PendingInsert(c, row.id());
        } catch (SQLException e) {
            closeQuietly(c);
            throw new IllegalStateException("Could not store report " + row.id(), e);
        }
    }

    /** An inserted, not yet committed report row; closing it without {@link #commit} rolls it back. */
    public static final class PendingInsert implements AutoCloseable {
        private final Connection connection;
        private final String id;
        private boolean committed;

        private PendingInsert(Connection connection, String id) {
            this.connection = connection;
            this.id = id;
        }

        public void commit() {
            try {
                connection.commit();
                committed = true;
            } catch (SQLException e) {
                throw new IllegalStateException("Could not store report " + id, e);
            }
        }

        @Override
        public void close() {
            try {
                if (!committed) {
                    connection.rollback();
                }
            } catch (SQLException e) {
                // The connection is closed below either way; an uncommitted transaction does not survive that.
            } finally {
                closeQuietly(connection);
            }
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // Nothing to do: the pool discards a connection it cannot reset.
            }
        }
    }

    public Optional<String> update(String id, Visibility who, Row row, byte[] body) {
        String sql = "UPDATE report SET client_name = ?, event_id = ?, program_id = ?, utility_organization_id = ?, "
                + "body = ?::json, modified_at = ? WHERE id = ? AND ven_id = ? RETURNING " + VIEW;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, row.clientName());
            s.setString(2, row.eventId());
            s.setString(3, row.programId());
            s.setString(4, row.utilityOrganizationId());
            s.setString(5, new String(body, StandardCharsets.UTF_8));
            s.setTimestamp(6, Timestamp.from(row.createdAt()));
            s.setString(7, id);
            s.setString(8, who.venId());
            return single(s);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not update report " + id, e);
        }
    }

    public Optional<String> find(String id, Visibility who) {
        String sql = "SELECT " + VIEW + " FROM report WHERE id = ? AND " + visible();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, id);
            bindVisibility(s, 2, who);
            return single(s);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read report " + id, e);
        }
    }

    public Optional<String> delete(String id, Visibility who) {
        String sql = "DELETE FROM report WHERE id = ? AND ven_id = ? RETURNING " + VIEW;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, id);
            s.setString(2, who.venId());
            return single(s);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not delete report " + id, e);
        }
    }

    /** Visible reports, oldest first, filtered by any of programID / eventID / clientName. */
    public List<String> search(Visibility who, String programId, String eventId, String clientName, int skip, int limit) {
        StringBuilder sql = new StringBuilder("SELECT ").append(VIEW).append(" FROM report WHERE ").append(visible());
        List<String> params = new ArrayList<>();
        if (programId != null) {
            sql.append(" AND program_id = ?");
            params.add(programId);
        }
        if (eventId != null) {
            sql.append(" AND event_id = ?");
            params.add(eventId);
        }
        if (clientName != null) {
            sql.append(" AND client_name = ?");
            params.add(clientName);
        }
        sql.append(" ORDER BY created_at, id OFFSET ? LIMIT ?");
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            int i = bindVisibility(s, 1, who);
            for (String p : params) {
                s.setString(i++, p);
            }
            s.setInt(i++, skip);
            s.setInt(i, limit);
            List<String> reports = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    reports.add(rs.getString(1));
                }
            }
            return reports;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not search reports", e);
        }
    }

    private static String visible() {
        return "(ven_id = ? OR utility_organization_id = ?)";
    }

    private static int bindVisibility(PreparedStatement s, int at, Visibility who) throws SQLException {
        // A null never equals anything in SQL, so an absent side of the visibility matches no row.
        s.setString(at, who.venId());
        s.setString(at + 1, who.utilityOrganizationId());
        return at + 2;
    }

    private static Optional<String> single(PreparedStatement s) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }
}
