package dev.gridservices.programs.service;

/**
 * Recognises a violated database constraint, or a lost optimistic-lock race, in a failure from Hibernate
 * Reactive, whichever layer wrapped it, so that races settled by the database answer 409 instead of 500.
 */
final class Constraints {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private Constraints() {
    }

    static boolean isUniqueViolation(Throwable failure) {
        return hasSqlState(failure, UNIQUE_VIOLATION);
    }

    static boolean isForeignKeyViolation(Throwable failure) {
        return hasSqlState(failure, FOREIGN_KEY_VIOLATION);
    }

    /** An update whose {@code version} no longer matched: another write committed in between. */
    static boolean isStale(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.hibernate.StaleStateException || t instanceof jakarta.persistence.OptimisticLockException
                    || t instanceof org.hibernate.dialect.lock.OptimisticEntityLockException) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasSqlState(Throwable failure, String state) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.vertx.pgclient.PgException pg && state.equals(pg.getSqlState())) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && state.equals(sql.getSQLState())) {
                return true;
            }
            if (t instanceof org.hibernate.exception.ConstraintViolationException cve
                    && state.equals(cve.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
