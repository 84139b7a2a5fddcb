package dev.gridservices.programs;

import static dev.gridservices.programs.Api.admin;
import static dev.gridservices.programs.Api.createInstance;
import static dev.gridservices.programs.Api.createProgram;
import static dev.gridservices.programs.Api.newOrg;
import static dev.gridservices.programs.Api.newSlug;
import static dev.gridservices.programs.Api.program;
import static dev.gridservices.programs.Api.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.gridservices.testkit.Infrastructure;
import dev.gridservices.testkit.InfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** /v1/programs: create, read, visibility, every filter, pagination, uniqueness and validation. */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class ProgramCatalogTest {

    @Test
    void createdProgramReadsBackEqual() {
        String org = newOrg();
        String slug = newSlug("nyc-battery");
        Map<String, Object> body = program(slug, "private", "NY", "NJ");
        body.put("startTime", "2026-01-01T00:00:00Z");
        body.put("endTime", "2026-12-31T23:59:59Z");
        double createsBefore = createdCount();
        Response created = server(org).body(body).post("/v1/programs");
        created.then().statusCode(201)
                .body("id", matchesPattern("^c[a-z0-9]{24}$"))
                .body("slug", equalTo(slug));
        assertThat(created.header("Location")).endsWith("/v1/programs/" + created.path("id"));

        for (String path : List.of(created.header("Location"), "/v1/programs/" + slug)) {
            server(org).get(path).then().statusCode(200)
                    .body("slug", equalTo(slug))
                    .body("name", equalTo("Program " + slug))
                    .body("description", equalTo("Battery program " + slug))
                    .body("states", contains("NY", "NJ"))
                    .body("active", equalTo(true))
                    .body("visibility", equalTo("private"))
                    .body("year", equalTo(2026))
                    .body("programType", equalTo("demand_response"))
                    .body("startTime", equalTo("2026-01-01T00:00:00Z"))
                    .body("endTime", equalTo("2026-12-31T23:59:59Z"));
        }
        assertThat(createdCount() - createsBefore).as("programs_written_total{operation=create} delta").isEqualTo(1.0);
    }

    /** The current value of programs_written_total{operation="create"} (0 before the first create). */
    private static double createdCount() {
        String metrics = io.restassured.RestAssured.given().accept("text/plain").get("/q/metrics").then()
                .statusCode(200).extract().asString();
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("(?m)^programs_written_total\\{[^}]*operation=\"create\"[^}]*\\} (\\S+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0.0;
    }

    @Test
    void defaultsArePrivateActiveAndYearIsAlwaysPresent() {
        String org = newOrg();
        String slug = newSlug("minimal");
        server(org).body(Map.of("slug", slug, "name", "Minimal")).post("/v1/programs").then().statusCode(201)
                .body("visibility", equalTo("private"))
                .body("active", equalTo(true))
                .body("description", equalTo(""))
                .body("states.size()", equalTo(0))
                .body("$", hasKey("year"))
                .body("year", nullValue());
    }

    @Test
    void aPrivateProgramIsInvisibleToOtherOrganizations() {
        String orgA = newOrg();
        String orgB = newOrg();
        String privateSlug = newSlug("a-private");
        String publicSlug = newSlug("a-public");
        createProgram(orgA, program(privateSlug, "private", "CA"));
        createProgram(orgA, program(publicSlug, "public", "CA"));

        String bOwn = newSlug("b-private");
        createProgram(orgB, program(bOwn, "private", "CA"));

        server(orgB).get("/v1/programs/" + privateSlug).then().statusCode(404)
                .contentType("application/problem+json");
        server(orgB).get("/v1/programs/" + publicSlug).then().statusCode(200);
        // Each list holds a positive marker (B's own program), so an empty or broken list cannot pass.
        server(orgB).queryParam("include_all", true).queryParam("visibility", "private")
                .get("/v1/programs").then().statusCode(200).body("data.slug", contains(bOwn));
        server(orgB).queryParam("include_all", true).queryParam("state", "CA").queryParam("perPage", 100)
                .get("/v1/programs").then().statusCode(200)
                .body("data.slug", hasItem(bOwn)).body("data.slug", not(hasItem(privateSlug)));
        server(orgB).body(Map.of("title", "Sneaky")).post("/v1/programs/" + privateSlug + "/instances")
                .then().statusCode(404);
        server(orgA).queryParam("include_all", true).queryParam("visibility", "private").queryParam("state", "CA")
                .get("/v1/programs").then().statusCode(200).body("data.slug", contains(privateSlug));
    }

    @Test
    void defaultListShowsOnlyProgramsWithAnActiveInstanceOfTheCaller() {
        String org = newOrg();
        String other = newOrg();
        String withActive = newSlug("with-active");
        String withInactive = newSlug("with-inactive");
        String without = newSlug("without");
        createProgram(org, program(withActive, "private", "TX"));
        createProgram(org, program(withInactive, "private", "TX"));
        createProgram(org, program(without, "private", "TX"));
        createInstance(org, withActive, Map.of());
        createInstance(org, withInactive, Map.of("status", "inactive"));

        server(org).get("/v1/programs").then().statusCode(200)
                .body("data.slug", contains(withActive))
                .body("totalItems", equalTo(1));
        server(org).queryParam("include_all", "false").get("/v1/programs").then().statusCode(200)
                .body("data.slug", contains(withActive));
        server(org).queryParam("include_all", "true").queryParam("visibility", "private").get("/v1/programs")
                .then().statusCode(200).body("totalItems", equalTo(3));
        // Another organization's active instance of a public program does not put it in my default list.
        String shared = newSlug("shared");
        createProgram(other, program(shared, "public", "TX"));
        createInstance(other, shared, Map.of());
        server(org).get("/v1/programs").then().statusCode(200).body("data.slug", contains(withActive))
                .body("data.slug", not(hasItem(shared)));
        server(other).get("/v1/programs").then().statusCode(200).body("data.slug", contains(shared));
    }

    @Test
    void stateAndVisibilityFiltersCombine() {
        // Territories (GU, VI, AS) keep these lists short even when the public CommonGrid catalog is seeded.
        String org = newOrg();
        String guPrivate = newSlug("gu-private");
        String guPublic = newSlug("gu-public");
        String viPrivate = newSlug("vi-private");
        createProgram(org, program(guPrivate, "private", "GU", "AS"));
        createProgram(org, program(guPublic, "public", "GU"));
        createProgram(org, program(viPrivate, "private", "VI"));

        server(org).queryParam("include_all", true).queryParam("state", "AS").queryParam("visibility", "private")
                .get("/v1/programs").then().statusCode(200).body("data.slug", contains(guPrivate));
        server(org).queryParam("include_all", true).queryParam("state", "VI").queryParam("visibility", "private")
                .get("/v1/programs").then().statusCode(200).body("data.slug", contains(viPrivate));
        server(org).queryParam("include_all", true).queryParam("state", "GU").queryParam("perPage", 100)
                .get("/v1/programs").then().statusCode(200)
                .body("data.slug", hasItem(guPublic)).body("data.slug", hasItem(guPrivate))
                .body("data.slug", not(hasItem(viPrivate)))
                .body("data.states", everyItem(hasItem("GU")));
        server(org).queryParam("include_all", true).queryParam("visibility", "public").queryParam("state", "GU")
                .queryParam("perPage", 100).get("/v1/programs").then().statusCode(200)
                .body("data.visibility", everyItem(equalTo("public")))
                .body("data.slug", hasItem(guPublic))
                .body("data.slug", not(hasItem(guPrivate)));
    }

    @Test
    void paginationWindowsTheListAndAPageBeyondTheEndIsEmpty() {
        String org = newOrg();
        List<String> slugs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String slug = "page-" + org + "-" + i;
            slugs.add(slug);
            createProgram(org, program(slug, "private", "OR"));
        }
        server(org).queryParam("include_all", true).queryParam("visibility", "private")
                .queryParam("page", 2).queryParam("perPage", 2).get("/v1/programs").then().statusCode(200)
                .body("data.slug", contains(slugs.get(2), slugs.get(3)))
                .body("page", equalTo(2)).body("perPage", equalTo(2))
                .body("totalItems", equalTo(5)).body("totalPages", equalTo(3));
        server(org).queryParam("include_all", true).queryParam("visibility", "private")
                .queryParam("page", 3).queryParam("perPage", 2).get("/v1/programs").then().statusCode(200)
                .body("data.slug", contains(slugs.get(4)));
        server(org).queryParam("include_all", true).queryParam("visibility", "private")
                .queryParam("page", 1000).queryParam("perPage", 2).get("/v1/programs").then().statusCode(200)
                .body("data.size()", equalTo(0)).body("totalItems", equalTo(5)).body("page", equalTo(1000));
        server(org).queryParam("include_all", true).queryParam("visibility", "private").get("/v1/programs")
                .then().statusCode(200).body("perPage", equalTo(100)).body("page", equalTo(1));
    }

    @Test
    void outOfBoundsAndMalformedQueryParametersAre400NamingTheParameter() {
        String org = newOrg();
        badQuery(org, "perPage", "0");
        badQuery(org, "perPage", "101");
        badQuery(org, "perPage", "ten");
        badQuery(org, "page", "0");
        badQuery(org, "page", "1001");
        badQuery(org, "include_all", "yes");
        badQuery(org, "state", "XX");
        badQuery(org, "state", "ny");
        badQuery(org, "visibility", "secret");
        server(org).queryParam("perPage", 100).queryParam("page", 1).get("/v1/programs").then().statusCode(200);
    }

    private static void badQuery(String org, String name, String value) {
        server(org).queryParam(name, value).get("/v1/programs").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo(name))
                .body("detail", containsString(name));
    }

    @Test
    void aTakenSlugIs409AndLeavesTheFirstProgramAlone() {
        String org = newOrg();
        String slug = newSlug("taken");
        createProgram(org, program(slug, "private", "MA"));
        server(org).body(program(slug, "private", "VT")).post("/v1/programs").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString(slug));
        // The platform admin sees every program, so refusing a public program on a held slug reveals nothing.
        admin().body(program(slug, "public", "VT")).post("/v1/programs").then().statusCode(409);
        server(org).get("/v1/programs/" + slug).then().statusCode(200).body("states", contains("MA"));
    }

    @Test
    void concurrentDuplicateCreatesLeaveExactlyOneRow() throws Exception {
        String publicSlug = newSlug("race-public");
        String privateSlug = newSlug("race-private");
        String org = newOrg();
        int racers = 8;
        admin().get("/v1/programs/none-" + publicSlug).then().statusCode(404); // warm the key caches
        server(org).get("/v1/programs/none-" + privateSlug).then().statusCode(404);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                Map<String, Object> body = program(publicSlug, "public", "AZ");
                body.put("organizationId", newOrg());
                calls.add(() -> admin().body(body).post("/v1/programs").statusCode());
            }
            assertOneCreated(pool.invokeAll(calls));
            calls.clear();
            for (int i = 0; i < racers; i++) {
                calls.add(() -> server(org).body(program(privateSlug, "private", "AZ")).post("/v1/programs").statusCode());
            }
            assertOneCreated(pool.invokeAll(calls));
        } finally {
            pool.shutdownNow();
        }
        assertThat(rowsWithSlug(publicSlug)).isEqualTo(1);
        assertThat(rowsWithSlug(privateSlug)).isEqualTo(1);
    }

    private static void assertOneCreated(List<Future<Integer>> results) throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : results) {
            statuses.add(f.get());
        }
        assertThat(statuses).containsOnly(201, 409);
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
    }

    private static int rowsWithSlug(String slug) throws Exception {
        try (Connection c = DriverManager.getConnection(Infrastructure.postgres().jdbcUrl(), "postgres", "");
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM program WHERE slug = ?")) {
            s.setString(1, slug);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Test
    void invalidBodiesAre400NamingTheFieldAndWriteNothing() {
        String org = newOrg();
        String slug = newSlug("invalid");
        badBody(org, program(slug, "private", "NY", "ZZ"), "states[1]");
        badBody(org, program(slug, "private", "ny"), "states[0]");
        Map<String, Object> dates = program(slug, "private", "NY");
        dates.put("startTime", "2026-06-01T00:00:00Z");
        dates.put("endTime", "2026-05-01T00:00:00Z");
        badBody(org, dates, "endTime");
        Map<String, Object> noName = program(slug, "private", "NY");
        noName.remove("name");
        badBody(org, noName, "name");
        badBody(org, program("has spaces", "private", "NY"), "slug");
        badBody(org, program(slug, "secret", "NY"), "visibility");
        Map<String, Object> type = program(slug, "private", "NY");
        type.put("programType", "lottery");
        badBody(org, type, "programType");
        Map<String, Object> year = program(slug, "private", "NY");
        year.put("year", 99);
        badBody(org, year, "year");
        Map<String, Object> foreign = program(slug, "private", "NY");
        foreign.put("organizationId", newOrg());
        badBody(org, foreign, "organizationId");

        server(org).body("{\"slug\": ").post("/v1/programs").then().statusCode(400)
                .contentType("application/problem+json");
        server(org).contentType("text/plain").body("slug").post("/v1/programs").then().statusCode(415);
        server(org).queryParam("include_all", true).get("/v1/programs/" + slug).then().statusCode(404);
    }

    private static void badBody(String org, Map<String, Object> body, String field) {
        Response response = server(org).body(body).post("/v1/programs");
        response.then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem(field));
    }
}
