package dev.gridservices.programs;

import static dev.gridservices.programs.Api.bearer;
import static dev.gridservices.programs.Api.createInstance;
import static dev.gridservices.programs.Api.createProgram;
import static dev.gridservices.programs.Api.newOrg;
import static dev.gridservices.programs.Api.newSlug;
import static dev.gridservices.programs.Api.program;
import static dev.gridservices.programs.Api.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.gridservices.testkit.InfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Concurrent PATCH/PUT based on the same read: one wins, the other is a 409 problem, nothing is lost silently. */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class OptimisticLockingTest {

    @Test
    void twoConcurrentInstanceUpdatesFromTheSameReadGiveOne409() throws Exception {
        String org = newOrg();
        String slug = newSlug("locking");
        createProgram(org, program(slug, "private", "OH"));
        String id = createInstance(org, slug, Map.of());
        String etag = server(org).get("/v1/programInstances/" + id).then().statusCode(200)
                .header("ETag", equalTo("\"0\"")).extract().header("ETag");

        List<Integer> statuses = race(
                () -> server(org).header("If-Match", etag).body(Map.of("description", "first"))
                        .patch("/v1/programInstances/" + id).statusCode(),
                () -> server(org).header("If-Match", etag).body(Map.of("programTerms", "second"))
                        .patch("/v1/programInstances/" + id).statusCode());
        assertThat(statuses).containsExactlyInAnyOrder(200, 409);

        String now = server(org).get("/v1/programInstances/" + id).then().statusCode(200)
                .header("ETag", equalTo("\"1\"")).extract().header("ETag");
        server(org).header("If-Match", etag).body(Map.of("description", "stale")).patch("/v1/programInstances/" + id)
                .then().statusCode(409).contentType("application/problem+json").body("detail", containsString("ETag"));
        server(org).header("If-Match", "yesterday").body(Map.of("description", "x")).patch("/v1/programInstances/" + id)
                .then().statusCode(400).body("errors[0].field", equalTo("If-Match"));
        server(org).header("If-Match", now).body(Map.of("description", "fresh")).patch("/v1/programInstances/" + id)
                .then().statusCode(200).header("ETag", equalTo("\"2\"")).body("description", equalTo("fresh"));
    }

    @Test
    void twoConcurrentProgramReplacementsFromTheSameReadGiveOne409() throws Exception {
        String org = newOrg();
        String name = newSlug("put-race");
        String id = bearer(org, "write_programs").body(Map.of("programName", name)).post("/v2/programs").then()
                .statusCode(201).extract().path("id");
        String etag = bearer(org, "read_programs").get("/v2/programs/" + id).then().statusCode(200)
                .extract().header("ETag");
        List<Integer> statuses = race(
                () -> bearer(org, "write_programs").header("If-Match", etag)
                        .body(Map.of("programName", name, "targets", List.of("first"))).put("/v2/programs/" + id)
                        .statusCode(),
                () -> bearer(org, "write_programs").header("If-Match", etag)
                        .body(Map.of("programName", name, "targets", List.of("second"))).put("/v2/programs/" + id)
                        .statusCode());
        assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        bearer(org, "write_programs").header("If-Match", etag).body(Map.of("programName", name))
                .put("/v2/programs/" + id).then().statusCode(409).contentType("application/problem+json");
    }

    @SafeVarargs
    private static List<Integer> race(Callable<Integer>... calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.length);
        try {
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(List.of(calls))) {
                statuses.add(f.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
