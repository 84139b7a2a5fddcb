package dev.gridservices.programs;

import static dev.gridservices.programs.Api.createInstance;
import static dev.gridservices.programs.Api.createProgram;
import static dev.gridservices.programs.Api.newOrg;
import static dev.gridservices.programs.Api.newSlug;
import static dev.gridservices.programs.Api.program;
import static dev.gridservices.programs.Api.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.gridservices.testkit.InfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** /v1/programInstances and the instance routes under /v1/programs/{slug}: shapes, filters, lifecycle. */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class ProgramInstanceTest {

    @Test
    void allThreeCreateRoutesMakeAnInstanceThatReadsBackEqual() {
        String org = newOrg();
        String slug = newSlug("battery-rebate");
        String programId = createProgram(org, program(slug, "public", "NY"));

        Map<String, Object> full = new HashMap<>();
        full.put("name", "NYC Battery Rebate Program 2026");
        full.put("description", "Battery rebate program for NYC residents");
        full.put("slug", "battery-rebate-nyc-" + org);
        full.put("logoUrl", "https://example.com/logos/nyc-rebate.png");
        full.put("eligibilityCriteria", Map.of("regions", List.of("NY"), "deviceTypes", List.of("battery"),
                "minimumCapacity", 5.0));
        full.put("customTerms", "Participants must be NYC residents with proof of purchase");
        full.put("formConfig", Map.of("fields", List.of("email", "utilityAccountNumber")));
        full.put("startDate", "2026-01-01T00:00:00Z");
        full.put("endDate", "2099-12-31T23:59:59Z");
        full.put("customFields", Map.of("region", "nyc"));
        String id = server(org).body(full).post("/v1/programs/" + slug + "/instances").then().statusCode(201)
                .extract().path("id");

        server(org).get("/v1/programInstances/" + id).then().statusCode(200)
                .body("id", matchesPattern("^c[a-z0-9]{24}$"))
                .body("programId", equalTo(programId))
                .body("programSlug", equalTo(slug))
                .body("program.slug", equalTo(slug))
                .body("program.states", contains("NY"))
                .body("title", equalTo("NYC Battery Rebate Program 2026"))
                .body("name", equalTo("NYC Battery Rebate Program 2026"))
                .body("slug", equalTo("battery-rebate-nyc-" + org))
                .body("description", equalTo("Battery rebate program for NYC residents"))
                .body("logoUrl", equalTo("https://example.com/logos/nyc-rebate.png"))
                .body("eligibilityCriteria.deviceTypes", contains("battery"))
                .body("eligibilityCriteria.minimumCapacity", equalTo(5.0f))
                .body("programTerms", equalTo("Participants must be NYC residents with proof of purchase"))
                .body("customTerms", equalTo("Participants must be NYC residents with proof of purchase"))
                .body("formConfig.fields", contains("email", "utilityAccountNumber"))
                .body("startDate", equalTo("2026-01-01T00:00:00Z"))
                .body("endDate", equalTo("2099-12-31T23:59:59Z"))
                .body("status", equalTo("active"))
                .body("acceptingEnrollments", equalTo(true))
                .body("metadata.region", equalTo("nyc"))
                .body("customFields.region", equalTo("nyc"))
                .body("organizationId", equalTo(org))
                .body("createdAt", notNullValue());

        // The core API spec's CreateProgramInstanceBody shape, string eligibility criteria and all.
        Map<String, Object> specShape = Map.of("slug", "coned-" + org, "programSlug", slug,
                "title", "NYC Battery Program - ConEd", "description", "For ConEd customers",
                "eligibilityCriteria", "Must have a residential battery installed after 2025-01-01",
                "programTerms", "Utility control during peak events", "customFields", Map.of("tier", 2));
        String second = server(org).body(specShape).post("/v1/programInstances").then().statusCode(201)
                .body("programSlug", equalTo(slug))
                .body("eligibilityCriteria", startsWith("Must have"))
                .body("customFields.tier", equalTo(2))
                .extract().path("id");

        // POST /v1/programs/{slug} answers with at least id, programSlug, name and createdAt.
        io.restassured.response.Response created = server(org).body(Map.of("name", "NYC Battery Program - PSEG"))
                .post("/v1/programs/" + slug);
        String third = created.then().statusCode(201)
                .header("Location", endsWith("/v1/programInstances/" + created.path("id")))
                .body("id", notNullValue()).body("programSlug", equalTo(slug))
                .body("name", equalTo("NYC Battery Program - PSEG")).body("createdAt", notNullValue())
                .body("slug", startsWith("nyc-battery-program-pseg-"))
                .extract().path("id");

        server(org).get("/v1/programs/" + slug + "/instances").then().statusCode(200)
                .body("data.id", contains(id, second, third))
                .body("totalItems", equalTo(3)).body("page", equalTo(1)).body("perPage", equalTo(100))
                .body("totalPages", equalTo(1));
        server(org).get("/v1/programs/" + slug + "/instances/" + second).then().statusCode(200)
                .body("title", equalTo("NYC Battery Program - ConEd"));
        server(org).get("/v1/programs/" + newSlug("other") + "/instances/" + second).then().statusCode(404);
    }

    @Test
    void anotherOrganizationsInstanceIsNotFoundForEveryVerb() {
        String orgA = newOrg();
        String orgB = newOrg();
        String slug = newSlug("shared-public");
        createProgram(orgA, program(slug, "public", "CA"));
        String mine = createInstance(orgA, slug, Map.of());
        String theirs = createInstance(orgB, slug, Map.of());

        server(orgB).get("/v1/programInstances/" + mine).then().statusCode(404)
                .contentType("application/problem+json");
        server(orgB).body(Map.of("title", "hijack")).patch("/v1/programInstances/" + mine).then().statusCode(404);
        server(orgB).delete("/v1/programInstances/" + mine).then().statusCode(404);
        server(orgB).get("/v1/programs/" + slug + "/instances/" + mine).then().statusCode(404);
        server(orgB).get("/v1/programs/" + slug + "/instances").then().statusCode(200)
                .body("data.id", contains(theirs));
        server(orgB).get("/v1/programInstances").then().statusCode(200)
                .body("data.id", contains(theirs));
        server(orgA).get("/v1/programInstances/" + mine).then().statusCode(200).body("title", notNullValue());
    }

    @Test
    void listFiltersCombine() {
        String org = newOrg();
        String first = newSlug("filter-one");
        String second = newSlug("filter-two");
        String firstId = createProgram(org, program(first, "private", "MN"));
        createProgram(org, program(second, "private", "MN"));
        String a = createInstance(org, first, Map.of());
        String b = createInstance(org, first, Map.of("status", "inactive"));
        String c = createInstance(org, second, Map.of());

        server(org).get("/v1/programInstances").then().statusCode(200)
                .body("data.id", contains(a, b, c)).body("totalItems", equalTo(3));
        server(org).queryParam("programSlug", first).get("/v1/programInstances").then().statusCode(200)
                .body("data.id", contains(a, b));
        server(org).queryParam("programId", firstId).get("/v1/programInstances").then().statusCode(200)
                .body("data.id", contains(a, b));
        server(org).queryParam("status", "active").get("/v1/programInstances").then().statusCode(200)
                .body("data.id", contains(a, c));
        server(org).queryParam("programSlug", first).queryParam("status", "inactive").get("/v1/programInstances")
                .then().statusCode(200).body("data.id", contains(b));
        server(org).queryParam("status", "archived").get("/v1/programInstances").then().statusCode(200)
                .body("data.size()", equalTo(0)).body("totalItems", equalTo(0));
        server(org).queryParam("workspaceId", "ws-nobody").get("/v1/programInstances").then().statusCode(200)
                .body("data.size()", equalTo(0));
        server(org).queryParam("perPage", 2).queryParam("page", 2).get("/v1/programInstances").then()
                .statusCode(200).body("data.id", contains(c)).body("totalPages", equalTo(2));
        server(org).queryParam("perPage", 2).queryParam("page", 7).get("/v1/programInstances").then()
                .statusCode(200).body("data.size()", equalTo(0));
        server(org).queryParam("status", "paused").get("/v1/programInstances").then().statusCode(400)
                .body("errors[0].field", equalTo("status"));
        server(org).queryParam("perPage", 101).get("/v1/programInstances").then().statusCode(400)
                .body("errors[0].field", equalTo("perPage"));
        server(org).queryParam("perPage", 0).get("/v1/programs/" + first + "/instances").then().statusCode(400)
                .body("errors[0].field", equalTo("perPage"));
    }

    @Test
    void lifecycleActiveInactiveArchived() {
        String org = newOrg();
        String slug = newSlug("lifecycle");
        createProgram(org, program(slug, "private", "CO"));
        String id = createInstance(org, slug, Map.of());
        // A second program with an active instance: the default list's positive marker.
        String marker = newSlug("lifecycle-marker");
        createProgram(org, program(marker, "private", "CO"));
        createInstance(org, marker, Map.of());

        server(org).body(Map.of("status", "inactive")).patch("/v1/programInstances/" + id).then().statusCode(200)
                .body("status", equalTo("inactive")).body("acceptingEnrollments", equalTo(false));
        server(org).get("/v1/programs").then().statusCode(200).body("data.slug", contains(marker));
        server(org).body(Map.of("status", "active")).patch("/v1/programInstances/" + id).then().statusCode(200)
                .body("status", equalTo("active")).body("acceptingEnrollments", equalTo(true));
        server(org).get("/v1/programs").then().statusCode(200).body("data.slug", hasItem(slug))
                .body("data.slug", hasItem(marker));

        server(org).body(Map.of("status", "archived")).patch("/v1/programInstances/" + id).then().statusCode(200)
                .body("status", equalTo("archived")).body("acceptingEnrollments", equalTo(false));
        server(org).body(Map.of("status", "active")).patch("/v1/programInstances/" + id).then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("archived"));
        server(org).body(Map.of("title", "renamed")).patch("/v1/programInstances/" + id).then().statusCode(409);
        server(org).get("/v1/programInstances/" + id).then().statusCode(200)
                .body("status", equalTo("archived")).body("title", not(equalTo("renamed")));

        server(org).body(Map.of("title", "born archived", "status", "archived"))
                .post("/v1/programs/" + slug + "/instances").then().statusCode(400)
                .body("errors[0].field", equalTo("status"));
    }

    @Test
    void anInstanceThatHasEndedAcceptsNoEnrollments() {
        String org = newOrg();
        String slug = newSlug("ended");
        createProgram(org, program(slug, "private", "CO"));
        server(org).body(Map.of("title", "Last season", "startDate", "2020-01-01T00:00:00Z",
                        "endDate", "2020-12-31T00:00:00Z"))
                .post("/v1/programs/" + slug + "/instances").then().statusCode(201)
                .body("status", equalTo("active")).body("acceptingEnrollments", equalTo(false));
    }

    @Test
    void inactiveProgramsAcceptNoNewInstances() {
        String org = newOrg();
        String slug = newSlug("inactive");
        Map<String, Object> body = program(slug, "private", "UT");
        body.put("active", false);
        createProgram(org, body);
        server(org).body(Map.of("title", "Too late")).post("/v1/programs/" + slug + "/instances").then()
                .statusCode(409).contentType("application/problem+json").body("detail", containsString("inactive"));
        server(org).body(Map.of("title", "Too late", "programSlug", slug)).post("/v1/programInstances").then()
                .statusCode(409);
        server(org).get("/v1/programInstances").then().statusCode(200).body("data.size()", equalTo(0));

        String ended = newSlug("ended-program");
        Map<String, Object> endedBody = program(ended, "private", "UT");
        endedBody.put("endTime", "2021-01-01T00:00:00Z");
        createProgram(org, endedBody);
        server(org).body(Map.of("title", "Too late")).post("/v1/programs/" + ended).then().statusCode(409)
                .body("detail", containsString("ended"));
    }

    @Test
    void instanceSlugsAreUniquePerOrganization() {
        String orgA = newOrg();
        String orgB = newOrg();
        String slug = newSlug("slugs");
        createProgram(orgA, program(slug, "public", "NV"));
        createInstance(orgA, slug, Map.of("slug", "main"));
        server(orgA).body(Map.of("title", "dup", "slug", "main")).post("/v1/programs/" + slug + "/instances")
                .then().statusCode(409).contentType("application/problem+json");
        createInstance(orgB, slug, Map.of("slug", "main"));
        String other = createInstance(orgA, slug, Map.of("slug", "second"));
        server(orgA).body(Map.of("slug", "main")).patch("/v1/programInstances/" + other).then().statusCode(409);
        server(orgA).get("/v1/programInstances/" + other).then().body("slug", equalTo("second"));
    }

    @Test
    void concurrentCreatesOfOneInstanceSlugLeaveOneInstance() throws Exception {
        String org = newOrg();
        String slug = newSlug("instance-race");
        createProgram(org, program(slug, "private", "ME"));
        int racers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                calls.add(() -> server(org).body(Map.of("title", "Race", "slug", "the-one"))
                        .post("/v1/programs/" + slug + "/instances").statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsOnly(201, 409);
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        server(org).queryParam("programSlug", slug).get("/v1/programInstances").then().statusCode(200)
                .body("totalItems", equalTo(1)).body("data.slug", contains("the-one"));
    }

    @Test
    void invalidInstanceBodiesAre400NamingTheField() {
        String org = newOrg();
        String slug = newSlug("bad-instances");
        createProgram(org, program(slug, "private", "ID"));
        String path = "/v1/programs/" + slug + "/instances";
        badInstance(org, path, Map.of("title", "x", "startDate", "2026-06-01T00:00:00Z",
                "endDate", "2026-05-01T00:00:00Z"), "endDate");
        badInstance(org, path, Map.of("description", "no title"), "title");
        badInstance(org, path, Map.of("title", "x", "name", "y"), "name");
        badInstance(org, path, Map.of("title", "x", "formConfig", List.of(1, 2)), "formConfig");
        badInstance(org, path, Map.of("title", "x", "eligibilityCriteria", 42), "eligibilityCriteria");
        badInstance(org, path, Map.of("title", "x", "customFields", "flat"), "customFields");
        badInstance(org, path, Map.of("title", "x", "logoUrl", "not a url"), "logoUrl");
        badInstance(org, path, Map.of("title", "x", "status", "paused"), "status");
        badInstance(org, path, Map.of("title", "x", "startDate", "yesterday"), "startDate");
        badInstance(org, path, Map.of("title", "x", "slug", "no spaces allowed"), "slug");
        badInstance(org, "/v1/programInstances", Map.of("title", "x"), "programSlug");
        badInstance(org, path, Map.of("title", "x", "programSlug", "another"), "programSlug");
        server(org).body(Map.of("title", "x", "programSlug", newSlug("missing"))).post("/v1/programInstances")
                .then().statusCode(404);

        String id = createInstance(org, slug, Map.of("startDate", "2026-01-01T00:00:00Z"));
        server(org).body(Map.of("endDate", "2025-01-01T00:00:00Z")).patch("/v1/programInstances/" + id)
                .then().statusCode(400).body("errors[0].field", equalTo("endDate"));
        server(org).body(Map.of("programSlug", slug)).patch("/v1/programInstances/" + id)
                .then().statusCode(400).body("errors[0].field", equalTo("programSlug"));
        server(org).get("/v1/programInstances").then().body("data.id", contains(id));
    }

    private static void badInstance(String org, String path, Map<String, Object> body, String field) {
        server(org).body(body).post(path).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem(field));
    }

    @Test
    void patchChangesOnlyGivenFieldsAndDeleteRemoves() {
        String org = newOrg();
        String slug = newSlug("patch");
        createProgram(org, program(slug, "private", "WY"));
        String id = createInstance(org, slug, Map.of("description", "before", "programTerms", "terms v1",
                "metadata", Map.of("a", 1)));
        server(org).body(Map.of("description", "after", "customFields", Map.of("b", 2)))
                .patch("/v1/programInstances/" + id).then().statusCode(200)
                .body("description", equalTo("after"))
                .body("programTerms", equalTo("terms v1"))
                .body("metadata.b", equalTo(2));
        server(org).get("/v1/programInstances/" + id).then().statusCode(200)
                .body("description", equalTo("after")).body("customTerms", equalTo("terms v1"));

        server(org).delete("/v1/programInstances/" + id).then().statusCode(204);
        server(org).get("/v1/programInstances/" + id).then().statusCode(404);
        server(org).delete("/v1/programInstances/" + id).then().statusCode(404);
        server(org).queryParam("programSlug", slug).get("/v1/programInstances").then()
                .body("data.size()", equalTo(0));
    }
}
