package dev.gridservices.programs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import dev.gridservices.testkit.InfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** /q/openapi describes what the service really serves: every route, its verbs and its auth scheme. */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class OpenApiDocumentTest {

    @Test
    void everyRouteAndSecuritySchemeIsDocumented() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/v1/programs'", hasKey("get"))
                .body("paths.'/v1/programs'", hasKey("post"))
                .body("paths.'/v1/programs'.get.parameters.name", hasItems(
                        "include_all", "state", "visibility", "page", "perPage"))
                .body("paths.'/v1/programs/{programSlug}'", hasKey("post"))
                .body("paths.'/v1/programs/{programSlug}/instances'", hasKey("post"))
                .body("paths.'/v1/programs/{programSlug}/instances/{instanceId}'", hasKey("get"))
                .body("paths.'/v1/programs/{programSlug}/offers'", hasKey("post"))
                .body("paths.'/v1/programs/{programSlug}/offers'", hasKey("get"))
                .body("paths.'/v1/programs/{programSlug}/offers/{organizationId}'", hasKey("delete"))
                .body("paths.'/v2/programs/{programID}'.put.parameters.name", hasItems("If-Match"))
                .body("paths.'/v1/programInstances'", hasKey("get"))
                .body("paths.'/v1/programInstances/{instanceId}'", hasKey("patch"))
                .body("paths.'/v1/programInstances/{instanceId}'", hasKey("delete"))
                .body("paths.'/v2/programs'", hasKey("post"))
                .body("paths.'/v2/programs/{programID}'", hasKey("put"))
                .body("paths.'/v2/programs/{programID}'", hasKey("delete"))
                .body("paths.'/v2/programs/{programID}'.get.responses.'404'", notNullValue())
                .body("components.securitySchemes.ApiKeyAuth.name", equalTo("Texture-Api-Key"))
                .body("components.securitySchemes.oAuth2ClientCredentials.scheme", equalTo("bearer"));
    }

    @Test
    void aWrongMethodIsAProblem() {
        given().header("Texture-Api-Key", dev.gridservices.testkit.auth.TestCredentials.serverApiKey(Api.newOrg()))
                .put("/v1/programs").then().statusCode(405).contentType("application/problem+json");
    }
}
