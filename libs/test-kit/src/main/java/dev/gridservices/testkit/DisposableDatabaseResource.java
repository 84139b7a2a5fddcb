package dev.gridservices.testkit;

/**
 * Like {@link InfrastructureResource}, but with a PostgreSQL server of its own that a test may stop,
 * to see what the service does when its database goes away.
 */
public class DisposableDatabaseResource extends InfrastructureResource {

    private static EmbeddedPostgresServer database;

    @Override
    protected synchronized EmbeddedPostgresServer database() {
        if (database == null) {
            database = EmbeddedPostgresServer.start();
        }
        return database;
    }

    /** Stops the disposable database; the shared one is untouched. */
    public static synchronized void stopDatabase() {
        if (database != null) {
            database.close();
            database = null;
        }
    }

    @Override
    public void stop() {
        stopDatabase();
    }
}
