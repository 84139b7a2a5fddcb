package dev.gridservices.programs;

import static dev.gridservices.programs.Api.admin;
import static dev.gridservices.programs.Api.bearer;
import static dev.gridservices.programs.Api.newOrg;
import static dev.gridservices.programs.Api.newSlug;
import static dev.gridservices.programs.Api.program;
import static dev.gridservices.programs.Api.server;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.gridservices.testkit.InfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Route words are not slugs, and every Location header names something that answers to its creator. */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class RoutesAndLocationTest {

    @Test
    void reservedRouteWordsAreRefusedAsSlugs() {
        String org = newOrg();
        for (String word : List.of("reports", "offers", "instances", "Reports")) {
            server(org).body(program(word, "private", "NY")).post("/v1/programs").then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("slug"));
            bearer(org, "write_programs").body(Map.of("programName", word)).post("/v2/programs").then()
                    .statusCode(400).body("errors[0].field", equalTo("programName"));
        }
        String id = bearer(org, "write_programs").body(Map.of("programName", newSlug("rename-me")))
                .post("/v2/programs").then().statusCode(201).extract().path("id");
        bearer(org, "write_programs").body(Map.of("programName", "offers")).put("/v2/programs/" + id).then()
                .statusCode(400).body("errors[0].field", equalTo("programName"));
    }

    @Test
    void everyLocationAnswersItsCreator() {
        String org = newOrg();
        String slug = newSlug("located");
        follow(() -> server(org), server(org).body(program(slug, "private", "NY")).post("/v1/programs"), "slug", slug);
        // The admin creates for an organization: the Location answers the admin and the organization.
        String forOrg = newSlug("located-for-org");
        Map<String, Object> body = program(forOrg, "public", "NY");
        body.put("organizationId", org);
        Response byAdmin = admin().body(body).post("/v1/programs");
        follow(Api::admin, byAdmin, "slug", forOrg);
        follow(() -> server(org), byAdmin, "slug", forOrg);

        follow(() -> server(org), server(org).body(Map.of("title", "Located")).post("/v1/programs/" + slug + "/instances"),
                "programSlug", slug);
        follow(() -> server(org), server(org).body(Map.of("title", "Located")).post("/v1/programs/" + slug),
                "programSlug", slug);
        follow(() -> server(org), server(org).body(Map.of("title", "Located", "programSlug", slug))
                .post("/v1/programInstances"), "programSlug", slug);
        String name = newSlug("located-v2");
        follow(() -> bearer(org, "read_programs"), bearer(org, "write_programs").body(Map.of("programName", name))
                .post("/v2/programs"), "programName", name);
        follow(() -> server(org), server(org).body(Map.of("organizationIds", List.of(newOrg())))
                .post("/v1/programs/" + slug + "/offers"), "programSlug", slug);
    }

    @Test
    void behindTheGatewayLocationNamesTheGateway() {
        String org = newOrg();
        Response created = server(org).header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "api.example.test").header("X-Forwarded-Port", "443")
                .body(program(newSlug("forwarded"), "private", "NY")).post("/v1/programs");
        created.then().statusCode(201).header("Location", startsWith("https://api.example.test/v1/programs/"));
        String path = java.net.URI.create(created.header("Location")).getPath();
        server(org).get(path).then().statusCode(200).body("id", equalTo(created.path("id")));
    }

    /** The response is a 201 whose Location, fetched by {@code caller}, answers 200 with {@code field} = value. */
    private static void follow(Supplier<RequestSpecification> caller, Response created, String field, String value) {
        created.then().statusCode(201).header("Location", startsWith("http"));
        caller.get().get(created.header("Location")).then().statusCode(200).body(field, equalTo(value));
    }
}
