package dev.gridservices.auth;

import static dev.gridservices.auth.AuthFixtures.ADMIN_KEY;
import static dev.gridservices.auth.AuthFixtures.HEADER;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Who may call the admin endpoints, and that an organization never sees another's clients or keys. */
@QuarkusTest
@QuarkusTestResource(AuthTestResource.class)
class TenancyTest {

    @Test
    void anOrganizationSeesItsOwnClientsAndKeys() {
        String org = AuthFixtures.organization();
        String serverKey = AuthFixtures.serverKey(org);
        String clientId = given().header(HEADER, serverKey).contentType(ContentType.JSON)
                .body(Map.of("name", "own", "scopes", List.of("read_programs")))
                .post("/v1/organizations/{org}/oauth-clients", org).then().statusCode(201)
                .body("clientSecret", notNullValue()).extract().path("client.clientId");
        given().header(HEADER, serverKey).get("/v1/organizations/{org}/oauth-clients", org).then().statusCode(200)
                .body("data.clientId", hasItem(clientId)).body("page", equalTo(1));
        given().header(HEADER, serverKey).get("/v1/organization").then().statusCode(200)
                .body("domain", containsString(".example.com")).body("preferredTemperatureUnit", equalTo("FAHRENHEIT"))
                .body("kind", equalTo("utility"));
    }

    @Test
    void anotherOrganizationsClientsAndKeysAnswer404() {
        String mine = AuthFixtures.organization();
        String myKey = AuthFixtures.serverKey(mine);
        AuthFixtures.Client theirs = AuthFixtures.client(List.of("read_events"));
        String theirKeyId = AuthFixtures.apiKey(theirs.organizationId(), "SERVER", null).path("apiKey.id");

        given().header(HEADER, myKey).get("/v1/organizations/{org}/oauth-clients", theirs.organizationId())
                .then().statusCode(404).contentType("application/problem+json");
        given().header(HEADER, myKey).get("/v1/organizations/{org}/oauth-clients/{id}", theirs.organizationId(), theirs.clientId())
                .then().statusCode(404);
        given().header(HEADER, myKey).get("/v1/organizations/{org}/oauth-clients/{id}", mine, theirs.clientId())
                .then().statusCode(404);
        given().header(HEADER, myKey).delete("/v1/organizations/{org}/oauth-clients/{id}", mine, theirs.clientId())
                .then().statusCode(404);
        given().header(HEADER, myKey).contentType(ContentType.JSON).body(Map.of())
                .post("/v1/organizations/{org}/oauth-clients/{id}/secrets", theirs.organizationId(), theirs.clientId())
                .then().statusCode(404);
        given().header(HEADER, myKey).get("/v1/organizations/{org}/api-keys/{id}", mine, theirKeyId)
                .then().statusCode(404);
        given().header(HEADER, myKey).delete("/v1/organizations/{org}/api-keys/{id}", theirs.organizationId(), theirKeyId)
                .then().statusCode(404);
        given().header(HEADER, myKey).contentType(ContentType.JSON)
                .body(Map.of("name", "sneaky", "type", "SCOPED", "referenceId", "user-1"))
                .post("/v1/organizations/{org}/api-keys", theirs.organizationId()).then().statusCode(404);
        given().header(HEADER, ADMIN_KEY).get("/v1/organizations/{org}/oauth-clients/{id}", theirs.organizationId(), theirs.clientId())
                .then().statusCode(200);
    }

    @Test
    void adminEndpointsRefuseAnonymousAndNonServerCallers() {
        String org = AuthFixtures.organization();
        given().get("/v1/organizations/{org}/oauth-clients", org).then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", containsString("realm"));
        given().header(HEADER, "sk_not-a-key").get("/v1/organizations/{org}/api-keys", org).then().statusCode(401);
        String scoped = AuthFixtures.apiKey(org, "SCOPED", "user-1").path("key");
        given().header(HEADER, scoped).get("/v1/organizations/{org}/api-keys", org).then().statusCode(403)
                .contentType("application/problem+json");
        given().get("/v1/organization").then().statusCode(401);
    }

    @Test
    void onlyThePlatformAdminCreatesOrganizations() {
        String serverKey = AuthFixtures.serverKey(AuthFixtures.organization());
        Map<String, Object> body = Map.of("name", "Other", "domain", "other-" + UUID.randomUUID().toString().substring(0, 6) + ".com",
                "kind", "utility");
        given().contentType(ContentType.JSON).body(body).post("/v1/organization").then().statusCode(401);
        given().header(HEADER, serverKey).contentType(ContentType.JSON).body(body).post("/v1/organization")
                .then().statusCode(403);
    }

    @Test
    void createsAnOrganizationAsTheCoreApiDescribes() {
        String domain = "acme-" + UUID.randomUUID().toString().substring(0, 6) + ".com";
        given().header(HEADER, ADMIN_KEY).contentType(ContentType.JSON)
                .body(Map.of("name", "Acme", "domain", domain, "logo", "https://acme.com/logo.png",
                        "industry", "Utility", "preferredTemperatureUnit", "CELSIUS", "kind", "oem"))
                .post("/v1/organization").then().statusCode(201)
                .body("id", notNullValue()).body("name", equalTo("Acme")).body("domain", equalTo(domain))
                .body("logo", equalTo("https://acme.com/logo.png")).body("industry", equalTo("Utility"))
                .body("preferredTemperatureUnit", equalTo("CELSIUS")).body("kind", equalTo("oem"))
                .body("createdAt", notNullValue());
        given().header(HEADER, ADMIN_KEY).contentType(ContentType.JSON)
                .body(Map.of("name", "Acme again", "domain", domain, "kind", "oem"))
                .post("/v1/organization").then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void rejectsAnInvalidOrganization() {
        given().header(HEADER, ADMIN_KEY).contentType(ContentType.JSON).body(Map.of("name", "No domain"))
                .post("/v1/organization").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("domain"));
        given().header(HEADER, ADMIN_KEY).contentType(ContentType.JSON)
                .body(Map.of("name", "X", "domain", "x.com", "preferredTemperatureUnit", "KELVIN", "kind", "utility"))
                .post("/v1/organization").then().statusCode(400).body("errors.field", hasItem("preferredTemperatureUnit"));
        given().header(HEADER, ADMIN_KEY).contentType(ContentType.JSON).body(Map.of("name", "X", "domain", "x.com"))
                .post("/v1/organization").then().statusCode(400).body("errors.field", hasItem("kind"));
        given().header(HEADER, ADMIN_KEY).contentType(ContentType.JSON)
                .body(Map.of("name", "X", "domain", "x.com", "kind", "tpdo"))
                .post("/v1/organization").then().statusCode(400).body("errors.field", hasItem("kind"));
        given().header(HEADER, ADMIN_KEY).contentType(ContentType.JSON).body("{\"name\":")
                .post("/v1/organization").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void rejectsUnknownScopesAndForeignWorkspaces() {
        String org = AuthFixtures.organization();
        String other = AuthFixtures.organization();
        String foreignWorkspace = given().header(HEADER, ADMIN_KEY).contentType(ContentType.JSON).body(Map.of("name", "ws"))
                .post("/v1/organizations/{org}/workspaces", other).then().statusCode(201).extract().path("id");
        given().header(HEADER, ADMIN_KEY).contentType(ContentType.JSON)
                .body(Map.of("name", "c", "scopes", List.of("read_everything")))
                .post("/v1/organizations/{org}/oauth-clients", org).then().statusCode(400).body("errors.field", hasItem("scopes"));
        given().header(HEADER, ADMIN_KEY).contentType(ContentType.JSON)
                .body(Map.of("name", "c", "scopes", List.of("read_events"), "workspaceId", foreignWorkspace))
                .post("/v1/organizations/{org}/oauth-clients", org).then().statusCode(400).body("errors.field", hasItem("workspaceId"));
    }

    @Test
    void aWorkspaceClientCarriesItsWorkspaceInTheToken() throws Exception {
        String org = AuthFixtures.organization();
        String workspace = given().header(HEADER, ADMIN_KEY).contentType(ContentType.JSON).body(Map.of("name", "east"))
                .post("/v1/organizations/{org}/workspaces", org).then().statusCode(201).extract().path("id");
        var created = given().header(HEADER, ADMIN_KEY).contentType(ContentType.JSON)
                .body(Map.of("name", "c", "scopes", List.of("read_events"), "workspaceId", workspace))
                .post("/v1/organizations/{org}/oauth-clients", org).then().statusCode(201).extract().response();
        String token = AuthFixtures.token(created.path("client.clientId"), created.path("clientSecret"), null)
                .then().statusCode(200).extract().path("access_token");
        assertThat(
                TokenSignatureTest.verify(token, TokenSignatureTest.jwks()).getStringClaimValue("workspace_id"))
                .isEqualTo(workspace);
    }
}
