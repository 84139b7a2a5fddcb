package dev.gridservices.device;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import dev.gridservices.testkit.InfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** /q/openapi describes what the service really serves: every route, its verbs and the auth schemes. */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class OpenApiDocumentTest {

    @Test
    void everyRouteAndSecuritySchemeIsDocumented() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/v2/vens'", hasKey("post"))
                .body("paths.'/v2/vens/{venID}'", hasKey("delete"))
                .body("paths.'/v2/resources'.get.parameters.name", hasItems("venID", "resourceName", "targets",
                        "skip", "limit"))
                .body("paths.'/v2/resources/{resourceID}'", hasKey("put"))
                .body("paths.'/v2/x-texture/sites'", hasKey("post"))
                .body("paths.'/v2/x-texture/sites/{id}'", hasKey("put"))
                .body("paths.'/v1/devices'.get.parameters.name", hasItems("referenceId", "manufacturer",
                        "manufacturerDeviceId", "type", "model", "page", "perPage"))
                .body("paths.'/v1/devices'", hasKey("post"))
                .body("paths.'/v1/devices/{id}/tags'", hasKey("put"))
                .body("paths.'/v1/devices/{id}/site'", hasKey("put"))
                .body("paths.'/v1/sites/{id}'", hasKey("patch"))
                .body("paths.'/v1/customers/{id}/sites'", hasKey("get"))
                .body("paths.'/v1/public/manufacturers'", hasKey("get"))
                .body("paths.'/internal/vens/{venId}'.get.responses.'404'", notNullValue())
                .body("paths.'/v2/x-texture/programs/{programID}/capacity'.get.responses.'404'", notNullValue())
                .body("paths.'/v1/programs/{programId}/capacity'.get.responses.'200'", notNullValue())
                .body("components.schemas.FleetCapacity.properties", hasKey("byTerritory"))
                .body("components.schemas.Figures.properties", hasKey("availableKw"))
                .body("components.securitySchemes.apiKey.name", equalTo("Texture-Api-Key"))
                .body("components.securitySchemes.bearerAuth.scheme", equalTo("bearer"));
    }
}
