package dev.gridservices.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridservices.testkit.EmbeddedPostgresServer;
import dev.gridservices.testkit.Infrastructure;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The library's own Flyway history, on a fresh database and on one migrated before it existed. */
class OutboxSchemaUpgradeTest {

    @Test
    void aDatabaseWithV01InTheServiceHistoryIsAdoptedAndUpgraded() throws Exception {
        PGSimpleDataSource db = newDatabase();
        // As services migrated before: the library's V0_1 (the only library version then) applied in the
        // service's history, next to the service's own V1.
        Flyway.configure().dataSource(db).locations("classpath:db/outbox").target("0.1").load().migrate();
        Flyway.configure().dataSource(db).locations("classpath:db/migration").ignoreMigrationPatterns("*:missing")
                .load().migrate();
        assertThat(strings(db, "SELECT version FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank"))
                .containsExactly("0.1", "1");
        UUID pending = UUID.randomUUID();
        update(db, "INSERT INTO outbox_message (id, topic, message_key, type, envelope, created_at) VALUES ('"
                + pending + "', 'test.widgets', 'k', 'widget.created', '{}', now())");

        OutboxSchema schema = new OutboxSchema(db);
        schema.migrate();

        assertThat(strings(db, "SELECT version || ':' || type FROM outbox_schema_history WHERE version IS NOT NULL "
                + "ORDER BY installed_rank")).containsExactly("0.1:BASELINE", "0.2:SQL");
        assertThat(strings(db, "SELECT version FROM flyway_schema_history WHERE version IS NOT NULL"))
                .containsExactly("1");
        assertThat(strings(db, "SELECT (seq IS NOT NULL) || ':' || shard FROM outbox_message WHERE id = '"
                + pending + "'")).containsExactly("true:0");
        // The service's own Flyway, with only its locations, validates cleanly now (no ignore pattern needed).
        assertThat(Flyway.configure().dataSource(db).locations("classpath:db/migration").load()
                .validateWithResult().validationSuccessful).isTrue();
        // A second start applies nothing.
        new OutboxSchema(db).migrate();
        assertThat(strings(db, "SELECT count(*) FROM outbox_schema_history")).containsExactly("2");
    }

    @Test
    void aFreshDatabaseGetsEveryLibraryVersionInItsOwnHistory() throws Exception {
        PGSimpleDataSource db = newDatabase();
        Flyway.configure().dataSource(db).locations("classpath:db/migration").load().migrate();

        new OutboxSchema(db).migrate();

        assertThat(strings(db, "SELECT version || ':' || type FROM outbox_schema_history WHERE version IS NOT NULL "
                + "AND type <> 'BASELINE' ORDER BY installed_rank")).containsExactly("0.1:SQL", "0.2:SQL");
        assertThat(strings(db, "SELECT version FROM flyway_schema_history WHERE version IS NOT NULL"))
                .containsExactly("1");
        assertThat(strings(db, "SELECT count(*) FROM inbox_aggregate")).containsExactly("0");
    }

    private static PGSimpleDataSource newDatabase() throws SQLException {
        EmbeddedPostgresServer postgres = Infrastructure.postgres();
        String name = "outbox_upgrade_" + UUID.randomUUID().toString().replace("-", "");
        PGSimpleDataSource admin = dataSource(postgres.jdbcUrl(), postgres.username());
        update(admin, "CREATE DATABASE " + name);
        return dataSource(postgres.jdbcUrl().replace("/postgres", "/" + name), postgres.username());
    }

    private static PGSimpleDataSource dataSource(String url, String user) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        ds.setUser(user);
        return ds;
    }

    private static void update(PGSimpleDataSource db, String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    private static List<String> strings(PGSimpleDataSource db, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
