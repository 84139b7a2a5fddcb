package dev.gridservices.programs;

import static dev.gridservices.programs.Api.createProgram;
import static dev.gridservices.programs.Api.newOrg;
import static dev.gridservices.programs.Api.newSlug;
import static dev.gridservices.programs.Api.program;
import static dev.gridservices.programs.Api.server;
import static dev.gridservices.programs.Api.workspaceServer;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import dev.gridservices.testkit.InfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A workspace-bound credential sees and changes only its workspace's instances; an organization-wide one all. */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class WorkspaceTenancyTest {

    @Test
    void aWorkspaceKeyCannotReadOrChangeAnotherWorkspacesInstances() {
        String org = newOrg();
        String slug = newSlug("workspaces");
        createProgram(org, program(slug, "private", "NY"));
        String inA = workspaceServer(org, "ws-a").body(Map.of("title", "A's")).post("/v1/programs/" + slug
                + "/instances").then().statusCode(201).body("workspaceId", equalTo("ws-a")).extract().path("id");
        String inB = workspaceServer(org, "ws-b").body(Map.of("title", "B's")).post("/v1/programs/" + slug
                + "/instances").then().statusCode(201).body("workspaceId", equalTo("ws-b")).extract().path("id");

        workspaceServer(org, "ws-a").get("/v1/programInstances/" + inB).then().statusCode(404)
                .contentType("application/problem+json");
        workspaceServer(org, "ws-a").get("/v1/programs/" + slug + "/instances/" + inB).then().statusCode(404);
        workspaceServer(org, "ws-a").body(Map.of("title", "hijacked")).patch("/v1/programInstances/" + inB).then()
                .statusCode(404);
        workspaceServer(org, "ws-a").delete("/v1/programInstances/" + inB).then().statusCode(404);
        workspaceServer(org, "ws-a").get("/v1/programInstances").then().statusCode(200)
                .body("data.id", contains(inA)).body("totalItems", equalTo(1));
        workspaceServer(org, "ws-a").queryParam("workspaceId", "ws-b").get("/v1/programInstances").then()
                .statusCode(200).body("data.size()", equalTo(0));
        workspaceServer(org, "ws-a").get("/v1/programs/" + slug + "/instances").then().statusCode(200)
                .body("data.id", contains(inA));
        workspaceServer(org, "ws-a").get("/v1/programInstances/" + inA).then().statusCode(200);

        // B's instance is untouched; the organization-wide key sees both workspaces.
        workspaceServer(org, "ws-b").get("/v1/programInstances/" + inB).then().statusCode(200)
                .body("title", equalTo("B's"));
        server(org).get("/v1/programInstances").then().statusCode(200).body("data.id", contains(inA, inB));
        server(org).queryParam("workspaceId", "ws-b").get("/v1/programInstances").then().statusCode(200)
                .body("data.id", contains(inB));
        // Another organization's workspace of the same name is another tenant.
        workspaceServer(newOrg(), "ws-a").get("/v1/programInstances/" + inA).then().statusCode(404);
    }

    @Test
    void theDefaultCatalogCountsOnlyTheWorkspacesActiveInstances() {
        String org = newOrg();
        String slug = newSlug("ws-catalog");
        String other = newSlug("ws-catalog-other");
        createProgram(org, program(slug, "private", "NY"));
        createProgram(org, program(other, "private", "NY"));
        workspaceServer(org, "ws-a").body(Map.of("title", "A's")).post("/v1/programs/" + slug + "/instances")
                .then().statusCode(201);
        workspaceServer(org, "ws-b").body(Map.of("title", "B's")).post("/v1/programs/" + other + "/instances")
                .then().statusCode(201);
        workspaceServer(org, "ws-a").get("/v1/programs").then().statusCode(200).body("data.slug", contains(slug));
        workspaceServer(org, "ws-b").get("/v1/programs").then().statusCode(200).body("data.slug", contains(other))
                .body("data.slug", not(contains(slug)));
    }

    @Test
    void aWorkspaceKeyChangesOnlyItsWorkspacesPrograms() {
        String org = newOrg();
        String id = Api.bearer(org, "write_programs").body(Map.of("programName", newSlug("org-wide")))
                .post("/v2/programs").then().statusCode(201).extract().path("id");
        String token = dev.gridservices.testkit.auth.TestToken.forOrganization(org).workspace("ws-a")
                .scopes("write_programs", "read_programs").mint();
        Api.token(token).get("/v2/programs/" + id).then().statusCode(200);
        Api.token(token).body(Map.of("programName", newSlug("renamed"))).put("/v2/programs/" + id).then()
                .statusCode(403);
        String own = Api.token(token).body(Map.of("programName", newSlug("ws-own"))).post("/v2/programs").then()
                .statusCode(201).extract().path("id");
        Api.token(token).body(Map.of("programName", newSlug("ws-renamed"))).put("/v2/programs/" + own).then()
                .statusCode(200);
    }
}
