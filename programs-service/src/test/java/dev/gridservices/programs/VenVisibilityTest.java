package dev.gridservices.programs;

import static dev.gridservices.programs.Api.admin;
import static dev.gridservices.programs.Api.bearer;
import static dev.gridservices.programs.Api.newOrg;
import static dev.gridservices.programs.Api.newSlug;
import static dev.gridservices.programs.Api.ven;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.atlassian.oai.validator.model.Request.Method;
import dev.gridservices.testkit.InfrastructureResource;
import dev.gridservices.testkit.openadr.OpenAdrSchema;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * OpenADR 3.1 read scopes on /v2/programs, and what a VEN sees: programs without targets and those targeting
 * its venID, and of the targets only its own.
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class VenVisibilityTest {

    /** A program of {@code owner} with {@code targets}, made public by the platform admin. */
    private static String publicProgram(String owner, String name, List<String> targets) {
        Map<String, Object> body = new HashMap<>(Map.of("programName", name));
        if (!targets.isEmpty()) {
            body.put("targets", targets);
        }
        String id = bearer(owner, "write_programs").body(body).post("/v2/programs").then().statusCode(201)
                .extract().path("id");
        body.put("attributes", List.of(Map.of("type", "x-texture:VISIBILITY", "values", List.of("public"))));
        admin().body(body).put("/v2/programs/" + id).then().statusCode(200);
        return id;
    }

    @Test
    void readTargetsReadsLikeReadPrograms() {
        String org = newOrg();
        String id = bearer(org, "write_programs").body(Map.of("programName", newSlug("scoped")))
                .post("/v2/programs").then().statusCode(201).extract().path("id");
        bearer(org, "read_targets").get("/v2/programs/" + id).then().statusCode(200);
        bearer(org, "read_targets").get("/v2/programs").then().statusCode(200);
        bearer(org, "read_programs").get("/v2/programs/" + id).then().statusCode(200);
        bearer(org, "read_all").get("/v2/programs/" + id).then().statusCode(200);
        bearer(org, "write_reports").get("/v2/programs/" + id).then().statusCode(403);
    }

    @Test
    void aVenSeesUntargetedProgramsAndThoseTargetingItWithOnlyItsOwnTarget() {
        String utility = newOrg();
        String oem = newOrg();
        String venA = "ven-a-" + oem;
        String venB = "ven-b-" + oem;
        String group = "group-" + utility;
        String both = publicProgram(utility, newSlug("both-vens"), List.of(venA, venB, group));
        String onlyB = publicProgram(utility, newSlug("only-b"), List.of(venB, group));
        String untargeted = publicProgram(utility, newSlug("untargeted"), List.of());

        Response forA = ven(oem, venA, "read_targets").get("/v2/programs/" + both);
        forA.then().statusCode(200).body("targets", contains(venA));
        OpenAdrSchema.assertValid("/v2/programs/" + both, Method.GET, 200, forA.asString());
        ven(oem, venB, "read_targets").get("/v2/programs/" + both).then().statusCode(200)
                .body("targets", contains(venB));
        ven(oem, venA, "read_targets").get("/v2/programs/" + onlyB).then().statusCode(404);
        ven(oem, venA, "read_targets").get("/v2/programs/" + untargeted).then().statusCode(200)
                .body("targets", nullValue());
        // Searching for another VEN's targets finds only what targets this VEN.
        Response search = ven(oem, venA, "read_targets").queryParam("targets", venB).queryParam("targets", group)
                .get("/v2/programs");
        search.then().statusCode(200).body("id", contains(both)).body("[0].targets", contains(venA));
        OpenAdrSchema.assertValid("/v2/programs", Method.GET, 200, search.asString());
        ven(oem, venB, "read_targets").queryParam("targets", group).get("/v2/programs").then().statusCode(200)
                .body("id.size()", equalTo(2));
        // Another organization's caller that is no VEN sees no targets at all; the owner sees them all.
        bearer(newOrg(), "read_programs").get("/v2/programs/" + both).then().statusCode(200)
                .body("targets", nullValue());
        bearer(utility, "read_programs").get("/v2/programs/" + both).then().statusCode(200)
                .body("targets", contains(venA, venB, group));
    }
}
