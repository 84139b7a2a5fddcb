package dev.gridservices.kit.persistence;

import dev.gridservices.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.DatabaseException;
import java.lang.reflect.Method;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Function;

/**
 * A constraint the database refused a write with, found in a failure however Hibernate Reactive or
 * the reactive PostgreSQL client wrapped it ({@code CompletionException}, Hibernate's
 * {@code ConstraintViolationException} over an {@code SQLException}, a bare {@code PgException}).
 * <p>
 * A race that the database settles (two creates of one slug, a delete under a new child row) is the
 * caller's conflict, not our failure: {@link #conflictAs409} turns unique (23505) and foreign-key
 * (23503) violations into a 409 problem. Use it around the write:
 * <pre>{@code
 * return DatabaseViolation.conflictAs409(repository.persist(program),
 *         v -> "A program with slug '" + slug + "' already exists");
 * }</pre>
 *
 * @param sqlState   the SQLSTATE, e.g. {@code 23505}
 * @param constraint the violated constraint's name when the driver reports it, else null
 */
public record DatabaseViolation(String sqlState, String constraint) {

    public static final String UNIQUE_VIOLATION = "23505";
    public static final String FOREIGN_KEY_VIOLATION = "23503";

    public boolean isUnique() {
        return UNIQUE_VIOLATION.equals(sqlState);
    }

    public boolean isForeignKey() {
        return FOREIGN_KEY_VIOLATION.equals(sqlState);
    }

    /** A unique or foreign-key violation: the request conflicts with the current state. */
    public boolean isConflict() {
        return isUnique() || isForeignKey();
    }

    /**
     * SQLSTATE class 22 (data exception: value too long, out of range, NUL in text, bad encoding), a
     * NOT NULL (23502) or CHECK (23514) violation: the request carried a value the schema refuses.
     */
    public boolean isBadValue() {
        return sqlState != null && (sqlState.startsWith("22") || "23502".equals(sqlState) || "23514".equals(sqlState));
    }

    /** The first database error in the cause chain of {@code failure}, if any. */
    public static Optional<DatabaseViolation> of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg && pg.getSqlState() != null) {
                return Optional.of(new DatabaseViolation(pg.getSqlState(), pg.getConstraint()));
            }
            if (t instanceof DatabaseException db && db.getSqlState() != null) {
                return Optional.of(new DatabaseViolation(db.getSqlState(), null));
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return Optional.of(new DatabaseViolation(sql.getSQLState(), constraintName(failure)));
            }
        }
        return Optional.empty();
    }

    /** True when {@code failure} carries a unique or foreign-key violation. */
    public static boolean isConflict(Throwable failure) {
        return of(failure).filter(DatabaseViolation::isConflict).isPresent();
    }

    /**
     * True when {@code failure} carries a unique violation: for {@code onFailure(...)} where a duplicate is
     * not an error but "it exists already" (an idempotent create finds the row the race created).
     */
    public static boolean isUniqueViolation(Throwable failure) {
        return of(failure).filter(DatabaseViolation::isUnique).isPresent();
    }

    /** True when {@code failure} carries a foreign-key violation (a delete under a new child row). */
    public static boolean isForeignKeyViolation(Throwable failure) {
        return of(failure).filter(DatabaseViolation::isForeignKey).isPresent();
    }

    /** Fails {@code work} with a 409 problem (detail from {@code detail}) on a unique or foreign-key violation. */
    public static <T> Uni<T> conflictAs409(Uni<T> work, Function<DatabaseViolation, String> detail) {
        return work.onFailure(DatabaseViolation::isConflict)
                .transform(failure -> ProblemException.conflict(detail.apply(of(failure).orElseThrow())));
    }

    /**
     * Hibernate's {@code ConstraintViolationException} knows the constraint name when the
     * {@code SQLException} under it does not; read by name so that this library needs no Hibernate.
     */
    private static String constraintName(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getName().equals("org.hibernate.exception.ConstraintViolationException")) {
                try {
                    Method getter = t.getClass().getMethod("getConstraintName");
                    return (String) getter.invoke(t);
                } catch (ReflectiveOperationException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
