package dev.gridservices.programs;

import static dev.gridservices.programs.Api.bearer;
import static dev.gridservices.programs.Api.createProgram;
import static dev.gridservices.programs.Api.newOrg;
import static dev.gridservices.programs.Api.newSlug;
import static dev.gridservices.programs.Api.program;
import static dev.gridservices.programs.Api.server;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.gridservices.testkit.InfrastructureResource;
import dev.gridservices.testkit.auth.TestCredentials;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Who may call what: 401 without or with bad credentials, 403 for the wrong credential or scope. */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class AuthTest {

    private static final String[] V1_READS = {"/v1/programs", "/v1/programs/any", "/v1/programInstances",
            "/v1/programInstances/any", "/v1/programs/any/instances", "/v1/programs/any/instances/any"};

    @Test
    void everyEndpointNeedsCredentials() {
        for (String path : V1_READS) {
            given().get(path).then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", containsString("Bearer realm=\"grid-services\""));
        }
        given().contentType(ContentType.JSON).body(Map.of("slug", "x", "name", "x")).post("/v1/programs")
                .then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("title", "x")).patch("/v1/programInstances/any")
                .then().statusCode(401);
        given().delete("/v1/programInstances/any").then().statusCode(401);
        given().get("/v2/programs").then().statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer"));
        given().get("/v2/programs/any").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("programName", "x")).post("/v2/programs")
                .then().statusCode(401);
        given().delete("/v2/programs/any").then().statusCode(401);
    }

    @Test
    void badCredentialsAre401() {
        given().header("Texture-Api-Key", "not-a-key").get("/v1/programs").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2("not.a.jwt").get("/v2/programs").then().statusCode(401)
                .header("WWW-Authenticate", containsString("invalid_token"));
    }

    @Test
    void aRevokedKeyStopsWorking() {
        String org = newOrg();
        String key = TestCredentials.serverApiKey(org);
        given().header("Texture-Api-Key", key).get("/v1/programs").then().statusCode(200);
        TestCredentials.revoke(key);
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().header("Texture-Api-Key", key).get("/v1/programs").then().statusCode(401));
    }

    @Test
    void theCoreApiNeedsAServerKey() {
        String org = newOrg();
        String slug = newSlug("core-only");
        createProgram(org, program(slug, "public", "NY"));
        for (String path : V1_READS) {
            given().header("Texture-Api-Key", TestCredentials.scopedApiKey(org, "customer-1")).get(path)
                    .then().statusCode(403).contentType("application/problem+json");
        }
        given().header("Texture-Api-Key", TestCredentials.manufacturerApiKey(org)).get("/v1/programs")
                .then().statusCode(403);
        bearer(org, "read_programs", "read_all", "write_programs").get("/v1/programs/" + slug)
                .then().statusCode(403);
        bearer(org, "write_programs").body(program(newSlug("by-token"), "private")).post("/v1/programs")
                .then().statusCode(403);
        server(org).get("/v1/programs/" + slug).then().statusCode(200);
        // The platform admin has no tenant, hence no instances: instance endpoints are for SERVER keys.
        Api.admin().get("/v1/programInstances").then().statusCode(403).contentType("application/problem+json");
        Api.admin().get("/v1/programs/" + slug + "/instances").then().statusCode(403);
        Api.admin().get("/v1/programs/" + slug).then().statusCode(200);
    }

    @Test
    void openAdrReadsNeedReadProgramsOrReadAllAndWritesNeedWritePrograms() {
        String org = newOrg();
        String slug = newSlug("scoped");
        String id = createProgram(org, program(slug, "private", "NY"));
        bearer(org, "read_events").get("/v2/programs").then().statusCode(403)
                .contentType("application/problem+json");
        bearer(org, "write_programs").get("/v2/programs/" + id).then().statusCode(403);
        bearer(org, "read_programs").get("/v2/programs/" + id).then().statusCode(200);
        bearer(org, "read_all").get("/v2/programs/" + id).then().statusCode(200);

        Map<String, Object> body = Map.of("programName", newSlug("scoped-write"));
        bearer(org, "read_programs", "read_all").body(body).post("/v2/programs").then().statusCode(403);
        bearer(org, "read_programs").body(body).put("/v2/programs/" + id).then().statusCode(403);
        bearer(org, "read_programs").delete("/v2/programs/" + id).then().statusCode(403);
        bearer(org, "read_programs").get("/v2/programs/" + id).then().statusCode(200)
                .body("programName", equalTo(slug));
        // A SERVER key carries the utility scopes (read_all, write_programs), so it may use /v2 as well.
        server(org).get("/v2/programs/" + id).then().statusCode(200);
    }
}
