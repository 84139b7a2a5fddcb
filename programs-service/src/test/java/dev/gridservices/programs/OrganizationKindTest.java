package dev.gridservices.programs;

import static dev.gridservices.programs.Api.admin;
import static dev.gridservices.programs.Api.bearer;
import static dev.gridservices.programs.Api.createInstance;
import static dev.gridservices.programs.Api.createProgram;
import static dev.gridservices.programs.Api.newOrg;
import static dev.gridservices.programs.Api.newSlug;
import static dev.gridservices.programs.Api.oemBearer;
import static dev.gridservices.programs.Api.oemServer;
import static dev.gridservices.programs.Api.program;
import static dev.gridservices.programs.Api.server;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import dev.gridservices.testkit.InfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Who writes programs: only utility organizations create and change programs and instances (OEM → 403 in /v1
 * and /v2); only the platform admin publishes; a slug another tenant holds privately is not revealed.
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class OrganizationKindTest {

    @Test
    void oemOrganizationsCannotWriteProgramsOrInstancesInV1() {
        String utility = newOrg();
        String oem = newOrg();
        String slug = newSlug("oem-target");
        createProgram(utility, program(slug, "public", "NY"));
        String instance = createInstance(utility, slug, Map.of());

        oemServer(oem).body(program(newSlug("by-oem"), "private", "NY")).post("/v1/programs").then()
                .statusCode(403).contentType("application/problem+json").body("detail", containsString("utility"));
        oemServer(oem).body(Map.of("title", "x")).post("/v1/programs/" + slug + "/instances").then().statusCode(403);
        oemServer(oem).body(Map.of("title", "x")).post("/v1/programs/" + slug).then().statusCode(403);
        oemServer(oem).body(Map.of("title", "x", "programSlug", slug)).post("/v1/programInstances").then()
                .statusCode(403);
        oemServer(oem).body(Map.of("title", "x")).patch("/v1/programInstances/" + instance).then().statusCode(403);
        oemServer(oem).delete("/v1/programInstances/" + instance).then().statusCode(403);
        // Reading the public catalog is fine for an OEM organization's key.
        oemServer(oem).get("/v1/programs/" + slug).then().statusCode(200).body("slug", equalTo(slug));
        server(utility).get("/v1/programInstances/" + instance).then().statusCode(200);
    }

    @Test
    void oemOrganizationsCannotWriteProgramsInV2() {
        String utility = newOrg();
        String oem = newOrg();
        String id = bearer(utility, "write_programs").body(Map.of("programName", newSlug("v2-utility")))
                .post("/v2/programs").then().statusCode(201).extract().path("id");
        oemBearer(oem, "write_programs", "read_programs").body(Map.of("programName", newSlug("v2-oem")))
                .post("/v2/programs").then().statusCode(403).contentType("application/problem+json");
        oemBearer(oem, "write_programs").body(Map.of("programName", newSlug("v2-oem"))).put("/v2/programs/" + id)
                .then().statusCode(403);
        oemBearer(oem, "write_programs").delete("/v2/programs/" + id).then().statusCode(403);
        bearer(utility, "read_programs").get("/v2/programs/" + id).then().statusCode(200);
    }

    @Test
    void onlyThePlatformAdminPublishes() {
        String utility = newOrg();
        String slug = newSlug("self-published");
        server(utility).body(program(slug, "public", "NY")).post("/v1/programs").then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("platform admin"));
        Map<String, Object> publicV2 = Map.of("programName", slug, "attributes",
                List.of(Map.of("type", "x-texture:VISIBILITY", "values", List.of("public"))));
        bearer(utility, "write_programs").body(publicV2).post("/v2/programs").then().statusCode(403);

        // A utility's own private program cannot be turned public by the utility, only by the admin.
        String id = bearer(utility, "write_programs").body(Map.of("programName", slug)).post("/v2/programs")
                .then().statusCode(201).extract().path("id");
        bearer(utility, "write_programs").body(publicV2).put("/v2/programs/" + id).then().statusCode(403);
        server(utility).get("/v1/programs/" + id).then().statusCode(200).body("visibility", equalTo("private"));
        admin().body(publicV2).put("/v2/programs/" + id).then().statusCode(200);
        server(newOrg()).get("/v1/programs/" + id).then().statusCode(200).body("visibility", equalTo("public"));
        // The owner may still edit it while it stays public.
        bearer(utility, "write_programs").body(publicV2).put("/v2/programs/" + id).then().statusCode(200);

        // The admin's own public programs belong to the platform.
        String platformSlug = newSlug("platform-made");
        admin().body(program(platformSlug, "public", "NY")).post("/v1/programs").then().statusCode(201);
        server(newOrg()).get("/v1/programs/" + platformSlug).then().statusCode(200);
        bearer(utility, "write_programs").delete("/v2/programs/" + admin().get("/v1/programs/" + platformSlug)
                .then().statusCode(200).extract().path("id")).then().statusCode(403);
        // A private program by the admin needs the organization it is for.
        admin().body(program(newSlug("nobodys"), "private", "NY")).post("/v1/programs").then().statusCode(400)
                .body("errors[0].field", equalTo("organizationId"));
    }

    @Test
    void aSlugAnotherTenantHoldsPrivatelyIsNotRevealed() {
        String first = newOrg();
        String second = newOrg();
        String slug = newSlug("shared-name");
        String firstId = createProgram(first, program(slug, "private", "MA"));
        // Same slug, other tenant: created (slugs are unique per organization), nothing about the first leaks.
        String secondId = server(second).body(program(slug, "private", "VT")).post("/v1/programs").then()
                .statusCode(201).extract().path("id");
        bearer(second, "write_programs").body(Map.of("programName", slug)).post("/v2/programs").then()
                .statusCode(409); // its own program holds it now
        server(first).get("/v1/programs/" + slug).then().statusCode(200).body("id", equalTo(firstId))
                .body("states[0]", equalTo("MA"));
        server(second).get("/v1/programs/" + slug).then().statusCode(200).body("id", equalTo(secondId))
                .body("states[0]", equalTo("VT"));
        server(second).get("/v1/programs/" + firstId).then().statusCode(404);
        // A public slug is everyone's: clashing with it is a 409 that reveals only what everyone sees.
        String publicSlug = newSlug("public-name");
        createProgram(newOrg(), program(publicSlug, "public", "NY"));
        server(second).body(program(publicSlug, "private", "NY")).post("/v1/programs").then().statusCode(409)
                .body("detail", not(containsString(first)));
        admin().body(program(slug, "public", "NY")).post("/v1/programs").then().statusCode(409);
    }
}
