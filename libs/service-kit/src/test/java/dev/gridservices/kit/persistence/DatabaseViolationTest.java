package dev.gridservices.kit.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.kit.problem.ProblemType;
import dev.gridservices.testkit.Infrastructure;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Violations as a real PostgreSQL reports them through the reactive client, however they are wrapped. */
class DatabaseViolationTest {

    private static Vertx vertx;
    private static Pool pool;

    @BeforeAll
    static void schema() throws Exception {
        vertx = Vertx.vertx();
        pool = PgBuilder.pool()
                .connectingTo(PgConnectOptions.fromUri(Infrastructure.postgres().reactiveUrl())
                        .setUser(Infrastructure.postgres().username()))
                .with(new PoolOptions().setMaxSize(1))
                .using(vertx)
                .build();
        await(pool.query("DROP TABLE IF EXISTS kit_child; DROP TABLE IF EXISTS kit_parent").execute());
        await(pool.query("CREATE TABLE kit_parent (slug text CONSTRAINT kit_parent_slug PRIMARY KEY)").execute());
        await(pool.query("CREATE TABLE kit_child (parent text REFERENCES kit_parent(slug), v varchar(3))").execute());
        await(pool.preparedQuery("INSERT INTO kit_parent VALUES ($1)").execute(Tuple.of("taken")));
    }

    @AfterAll
    static void close() throws Exception {
        await(pool.close());
        await(vertx.close());
    }

    @Test
    void aDuplicateKeyIsAUniqueViolationNamingTheConstraint() {
        Throwable failure = failureOf("INSERT INTO kit_parent VALUES ($1)", "taken");
        DatabaseViolation violation = DatabaseViolation.of(new CompletionException(failure)).orElseThrow();
        assertThat(violation.isUnique()).isTrue();
        assertThat(violation.isConflict()).isTrue();
        assertThat(violation.constraint()).isEqualTo("kit_parent_slug");
        assertThat(DatabaseViolation.isUniqueViolation(new CompletionException(failure))).isTrue();
        assertThat(DatabaseViolation.isForeignKeyViolation(new CompletionException(failure))).isFalse();
    }

    @Test
    void aMissingParentIsAForeignKeyViolation() {
        Throwable failure = failureOf("INSERT INTO kit_child (parent) VALUES ($1)", "nobody");
        DatabaseViolation violation = DatabaseViolation.of(new RuntimeException(failure)).orElseThrow();
        assertThat(violation.isForeignKey()).isTrue();
        assertThat(violation.isConflict()).isTrue();
        assertThat(DatabaseViolation.isForeignKeyViolation(new RuntimeException(failure))).isTrue();
        assertThat(DatabaseViolation.isUniqueViolation(new RuntimeException(failure))).isFalse();
    }

    @Test
    void aNulCharacterOrAnOverlongValueIsABadValueNotAConflict() {
        DatabaseViolation nul = DatabaseViolation.of(failureOf("INSERT INTO kit_parent VALUES ($1)", "a\0b"))
                .orElseThrow();
        assertThat(nul.isBadValue()).isTrue();
        assertThat(nul.isConflict()).isFalse();
        DatabaseViolation tooLong = DatabaseViolation.of(
                failureOf("INSERT INTO kit_child (v) VALUES ($1)", "abcd")).orElseThrow();
        assertThat(tooLong.sqlState()).isEqualTo("22001");
        assertThat(tooLong.isBadValue()).isTrue();
    }

    /** Hibernate's ConstraintViolationException sits on an SQLException carrying the SQLSTATE. */
    @Test
    void anSqlExceptionCarriesTheStateToo() {
        assertThat(DatabaseViolation.of(new RuntimeException(new SQLException("dup", "23505")))
                .map(DatabaseViolation::isUnique)).contains(true);
        assertThat(DatabaseViolation.of(new IllegalStateException("no database here"))).isEmpty();
        assertThat(DatabaseViolation.isUniqueViolation(new IllegalStateException("no database here"))).isFalse();
    }

    @Test
    void conflictAs409TurnsOnlyConflictsIntoA409Problem() {
        Throwable duplicate = failureOf("INSERT INTO kit_parent VALUES ($1)", "taken");
        assertThatThrownBy(() -> DatabaseViolation.conflictAs409(Uni.createFrom().failure(duplicate),
                        v -> "slug taken (" + v.constraint() + ")").await().indefinitely())
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.type()).isEqualTo(ProblemType.CONFLICT);
                    assertThat(e.getMessage()).isEqualTo("slug taken (kit_parent_slug)");
                });
        IllegalStateException other = new IllegalStateException("not a constraint");
        assertThatThrownBy(() -> DatabaseViolation.conflictAs409(Uni.createFrom().failure(other), v -> "x")
                .await().indefinitely()).isSameAs(other);
        assertThat(DatabaseViolation.conflictAs409(Uni.createFrom().item("ok"), v -> "x").await().indefinitely())
                .isEqualTo("ok");
    }

    private static Throwable failureOf(String sql, String value) {
        try {
            await(pool.preparedQuery(sql).execute(Tuple.of(value)));
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("The database accepted " + sql + " with " + value);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
