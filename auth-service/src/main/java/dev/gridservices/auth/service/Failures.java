package dev.gridservices.auth.service;

/** Recognises database failures that are the caller's fault rather than ours. */
public final class Failures {

    private static final String UNIQUE_VIOLATION = "23505";

    private Failures() {
    }

    /** A unique constraint refused the write (e.g. two concurrent creates of the same organization domain). */
    public static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof io.vertx.pgclient.PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
                return true;
            }
            if (t instanceof org.hibernate.exception.ConstraintViolationException cv
                    && UNIQUE_VIOLATION.equals(cv.getSQLState())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
