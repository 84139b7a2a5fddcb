package dev.gridservices.device;

import static dev.gridservices.device.Api.createVen;
import static dev.gridservices.device.Api.newOrg;
import static dev.gridservices.device.Api.oem;
import static dev.gridservices.device.Api.oemServer;
import static dev.gridservices.device.Api.unique;
import static dev.gridservices.device.Api.utilityServer;
import static dev.gridservices.device.Api.ven;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import com.atlassian.oai.validator.model.Request;
import dev.gridservices.testkit.InfrastructureResource;
import dev.gridservices.testkit.auth.TestAuthServer;
import dev.gridservices.testkit.openadr.OpenAdrSchema;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The VEN registry: /v2/vens (OpenADR 3.1) and the internal lookup auth-service uses. */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class VenTest {

    @Test
    void theOrganizationManagesItsVensAndResponsesAreOpenAdr() {
        String org = newOrg();
        String name = unique("fleet");
        Map<String, Object> request = Map.of("objectType", "VEN_VEN_REQUEST", "venName", name,
                "attributes", List.of(Map.of("type", "x-texture:REGION", "values", List.of("west"))));
        OpenAdrSchema.assertValidRequest("/vens", Request.Method.POST, toJson(request));
        Response created = oemServer(org).body(request).post("/v2/vens");
        created.then().statusCode(201).header("Location", endsWith("/v2/vens/" + created.path("id")))
                .body("id", startsWith("ven_")).body("objectType", equalTo("VEN")).body("venName", equalTo(name));
        OpenAdrSchema.assertValid("/vens", Request.Method.POST, 201, created.asString());
        String id = created.path("id");

        Response read = oemServer(org).get("/v2/vens/" + id);
        read.then().statusCode(200).body("attributes[0].values[0]", equalTo("west"));
        OpenAdrSchema.assertValid("/vens/" + id, Request.Method.GET, 200, read.asString());
        Response list = oem(org).get("/v2/vens");
        list.then().statusCode(200).body("", hasSize(1));
        OpenAdrSchema.assertValid("/vens", Request.Method.GET, 200, list.asString());
        oem(org).queryParam("venName", name).get("/v2/vens").then().statusCode(200).body("", hasSize(1));
        oem(org).queryParam("venName", "nope").get("/v2/vens").then().statusCode(200).body("", hasSize(0));

        Response replaced = oemServer(org).body(Map.of("objectType", "VEN_VEN_REQUEST", "venName", name + "-2"))
                .put("/v2/vens/" + id);
        replaced.then().statusCode(200).body("venName", equalTo(name + "-2"));
        OpenAdrSchema.assertValid("/vens/" + id, Request.Method.PUT, 200, replaced.asString());

        oemServer(org).body(Map.of("objectType", "VEN_VEN_REQUEST", "venName", name + "-2")).post("/v2/vens")
                .then().statusCode(409).contentType("application/problem+json");
        // The same name in another organization is that organization's business.
        oemServer(newOrg()).body(Map.of("objectType", "VEN_VEN_REQUEST", "venName", name + "-2")).post("/v2/vens")
                .then().statusCode(201);

        Response deleted = oemServer(org).delete("/v2/vens/" + id);
        deleted.then().statusCode(200).body("id", equalTo(id));
        OpenAdrSchema.assertValid("/vens/" + id, Request.Method.DELETE, 200, deleted.asString());
        oemServer(org).get("/v2/vens/" + id).then().statusCode(404);
    }

    @Test
    void aVenBoundClientSeesOnlyItsOwnVenWithoutSetup() {
        String org = newOrg();
        String mine = createVen(org);
        String other = createVen(org);
        ven(org, mine).get("/v2/vens").then().statusCode(200).body("", hasSize(1)).body("[0].id", equalTo(mine));
        ven(org, mine).get("/v2/vens/" + mine).then().statusCode(200);
        ven(org, mine).get("/v2/vens/" + other).then().statusCode(404).contentType("application/problem+json");
        ven(org, mine).body(Map.of("venName", unique("renamed"))).put("/v2/vens/" + mine).then().statusCode(200);
        ven(org, mine).body(Map.of("venName", unique("x"))).put("/v2/vens/" + other).then().statusCode(404);
        ven(org, mine).body(Map.of("venName", unique("new"))).post("/v2/vens").then().statusCode(403);
        ven(org, mine).delete("/v2/vens/" + mine).then().statusCode(403);
        oemServer(org).get("/v2/vens").then().statusCode(200).body("", hasSize(2));
        oemServer(newOrg()).get("/v2/vens/" + mine).then().statusCode(404);
    }

    @Test
    void credentialsScopesAndValidation() {
        String org = newOrg();
        given().get("/v2/vens").then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"));
        utilityServer(org).get("/v2/vens").then().statusCode(403);
        oem(org, "read_programs").get("/v2/vens").then().statusCode(403);
        oem(org, "read_ven_objects").get("/v2/vens").then().statusCode(200);
        oem(org, "read_ven_objects").body(Map.of("venName", "a")).post("/v2/vens").then().statusCode(403);
        oem(org, "write_vens").body(Map.of("venName", unique("a"))).post("/v2/vens").then().statusCode(201);
        oem(org).body(Map.of("objectType", "VEN_VEN_REQUEST")).post("/v2/vens").then().statusCode(400)
                .body("errors[0].field", equalTo("venName"));
        oem(org).body(Map.of("objectType", "PROGRAM", "venName", "a")).post("/v2/vens").then().statusCode(400)
                .body("errors[0].field", equalTo("objectType"));
        oem(org).body(Map.of("venName", "x".repeat(129))).post("/v2/vens").then().statusCode(400);
        oem(org).queryParam("limit", 51).get("/v2/vens").then().statusCode(400).body("errors[0].field", equalTo("limit"));
        oem(org).get("/v2/vens/not%20an%20id").then().statusCode(404);
    }

    @Test
    void aVenWithResourcesCannotBeDeleted() {
        String org = newOrg();
        String[] battery = Api.registerBattery(org);
        oemServer(org).delete("/v2/vens/" + battery[0]).then().statusCode(409);
        oemServer(org).delete("/v2/resources/" + battery[2]).then().statusCode(200);
        oemServer(org).delete("/v2/vens/" + battery[0]).then().statusCode(200);
    }

    @Test
    void theInternalRegistryAnswersAuthService() {
        String org = newOrg();
        String id = createVen(org);
        String name = oemServer(org).get("/v2/vens/" + id).path("venName");
        internal().get("/internal/vens/" + id).then().statusCode(200)
                .body("venId", equalTo(id)).body("organizationId", equalTo(org)).body("venName", equalTo(name));
        internal().get("/internal/vens/ven_missing").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void theInternalRegistryRefusesCallersWithoutTheServiceCredential() {
        String org = newOrg();
        String id = createVen(org);
        given().get("/internal/vens/" + id).then().statusCode(401).contentType("application/problem+json");
        given().header(TestAuthServer.SERVICE_CREDENTIAL_HEADER, "not-the-credential")
                .get("/internal/vens/" + id).then().statusCode(401).contentType("application/problem+json");
        // A caller's own API key is no service credential.
        oemServer(org).get("/internal/vens/" + id).then().statusCode(401);
        internal().get("/internal/vens/" + id).then().statusCode(200).body("venId", equalTo(id));
    }

    private static RequestSpecification internal() {
        return given().header(TestAuthServer.SERVICE_CREDENTIAL_HEADER, TestAuthServer.SERVICE_CREDENTIAL);
    }

    private static String toJson(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
