package dev.gridservices.outbox;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * Migrates the outbox/inbox tables with a Flyway history of their own ({@value #HISTORY}), so a
 * library migration never has to sort among (or before) a service's own versions.
 * <p>
 * A database that applied {@code V0_1__outbox_and_inbox.sql} through the service's history (before
 * this class existed) is adopted: the library history is baselined at 0.1 and the old entry is removed
 * from the service's history; later library versions then apply as usual.
 */
@ApplicationScoped
public class OutboxSchema {

    static final String HISTORY = "outbox_schema_history";
    private static final Logger LOG = Logger.getLogger(OutboxSchema.class);

    private final DataSource dataSource;
    private boolean migrated;

    @Inject
    public OutboxSchema(AgroalDataSource dataSource) {
        this((DataSource) dataSource);
    }

    /** On any JDBC data source (tests of the upgrade path). */
    public OutboxSchema(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public synchronized void migrate() {
        if (migrated) {
            return;
        }
        boolean adopt = exists("outbox_message") && !exists(HISTORY);
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .table(HISTORY)
                .locations("classpath:db/outbox")
                .baselineOnMigrate(true)
                .baselineVersion(adopt ? "0.1" : "0")
                .baselineDescription(adopt ? "V0_1 adopted from the service history" : "outbox library")
                .load();
        int applied = flyway.migrate().migrationsExecuted;
        if (adopt) {
            forgetInServiceHistory();
        }
        LOG.infof("Outbox schema: %d migration(s) applied (history %s%s)", applied, HISTORY,
                adopt ? ", adopted V0_1 from the service's history" : "");
        migrated = true;
    }

    private boolean exists(String table) {
        try (Connection c = dataSource.getConnection();
             ResultSet rs = c.getMetaData().getTables(null, null, table, new String[] {"TABLE"})) {
            return rs.next();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not inspect the outbox schema", e);
        }
    }

    private void forgetInServiceHistory() {
        if (!exists("flyway_schema_history")) {
            return;
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM flyway_schema_history WHERE script = 'V0_1__outbox_and_inbox.sql'");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not move V0_1 out of the service's Flyway history", e);
        }
    }
}
