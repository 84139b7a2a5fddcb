package dev.gridservices.auth;

import static dev.gridservices.auth.AuthFixtures.ADMIN_KEY;
import static dev.gridservices.auth.AuthFixtures.HEADER;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** API keys: created once in clear, introspected by the other services, revoked at once. */
@QuarkusTest
@QuarkusTestResource(AuthTestResource.class)
class ApiKeyTest {

    @Test
    void introspectsAnActiveServerKey() {
        String organizationId = AuthFixtures.organization();
        Response created = AuthFixtures.apiKey(organizationId, "SERVER", null);
        String key = created.path("key");
        introspect(key).then().statusCode(200)
                .body("active", equalTo(true))
                .body("keyId", equalTo(created.path("apiKey.id")))
                .body("organizationId", equalTo(organizationId))
                .body("workspaceId", nullValue())
                .body("type", equalTo("SERVER"))
                .body("referenceId", nullValue())
                .body("scopes", equalTo(List.of("read_all", "write_programs", "write_events")))
                .body("organizationKind", equalTo("utility"));
    }

    @Test
    void anOemServerKeyHoldsTheOemScopes() {
        String organizationId = AuthFixtures.organization(AuthFixtures.OEM);
        introspect(AuthFixtures.serverKey(organizationId)).then().statusCode(200)
                .body("active", equalTo(true)).body("organizationKind", equalTo("oem"))
                .body("scopes", equalTo(List.of("read_programs", "read_events", "read_ven_objects", "write_vens",
                        "write_reports", "write_subscriptions")));
    }

    @Test
    void thePlatformAdminKeyIntrospectsAsPlatformAdmin() {
        introspect(ADMIN_KEY).then().statusCode(200)
                .body("active", equalTo(true)).body("keyId", equalTo("platform-admin"))
                .body("type", equalTo("PLATFORM_ADMIN"))
                .body("organizationId", nullValue()).body("organizationKind", nullValue());
        introspect(ADMIN_KEY + "x").then().statusCode(200).body("$", aMapWithSize(1)).body("active", equalTo(false));
    }

    @Test
    void onlyThePlatformAdminCreatesServerKeys() {
        String organizationId = AuthFixtures.organization();
        String serverKey = AuthFixtures.serverKey(organizationId);
        given().header(HEADER, serverKey).contentType(ContentType.JSON).body(Map.of("name", "successor", "type", "SERVER"))
                .post("/v1/organizations/{org}/api-keys", organizationId).then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("platform admin"));
        given().header(HEADER, serverKey).get("/v1/organizations/{org}/api-keys", organizationId).then().statusCode(200)
                .body("totalItems", equalTo(1));
        given().header(HEADER, serverKey).contentType(ContentType.JSON)
                .body(Map.of("name", "user key", "type", "SCOPED", "referenceId", "user-3"))
                .post("/v1/organizations/{org}/api-keys", organizationId).then().statusCode(201);
    }

    @Test
    void manufacturerKeysAreForOemOrganizationsOnly() {
        String utility = AuthFixtures.organization();
        create(utility, Map.of("name", "k", "type", "MANUFACTURER")).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("type"));
        String oem = AuthFixtures.organization(AuthFixtures.OEM);
        create(oem, Map.of("name", "k", "type", "MANUFACTURER")).then().statusCode(201);
    }

    @Test
    void scopedKeysArePrefixedAndCarryTheirReferenceId() {
        String organizationId = AuthFixtures.organization();
        Response created = AuthFixtures.apiKey(organizationId, "SCOPED", "user-17");
        String key = created.path("key");
        org.hamcrest.MatcherAssert.assertThat(key, startsWith("scoped_"));
        introspect(key).then().statusCode(200)
                .body("active", equalTo(true)).body("type", equalTo("SCOPED")).body("referenceId", equalTo("user-17"));
        String manufacturer = AuthFixtures.apiKey(AuthFixtures.organization(AuthFixtures.OEM), "MANUFACTURER", null).path("key");
        introspect(manufacturer).then().statusCode(200).body("type", equalTo("MANUFACTURER"))
                .body("organizationKind", equalTo("oem")).body("scopes", equalTo(List.of()));
    }

    @Test
    void aRevokedKeyIsInactiveAtOnce() {
        String organizationId = AuthFixtures.organization();
        Response created = AuthFixtures.apiKey(organizationId, "SERVER", null);
        String key = created.path("key");
        given().header(HEADER, ADMIN_KEY)
                .delete("/v1/organizations/{org}/api-keys/{id}", organizationId, created.path("apiKey.id"))
                .then().statusCode(204);
        introspect(key).then().statusCode(200).body("$", aMapWithSize(1)).body("active", equalTo(false));
        given().header(HEADER, key).get("/v1/organization").then().statusCode(401);
        given().header(HEADER, ADMIN_KEY).get("/v1/organizations/{org}/api-keys/{id}", organizationId, created.path("apiKey.id"))
                .then().statusCode(200).body("revokedAt", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void anUnknownKeyIsInactive() {
        introspect("sk_no-such-key").then().statusCode(200).body("$", aMapWithSize(1)).body("active", equalTo(false));
    }

    @Test
    void introspectionRequiresAKey() {
        AuthFixtures.internal().contentType(ContentType.JSON).body(Map.of()).post("/internal/api-keys/introspect")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void referenceIdIsRequiredForScopedKeysOnly() {
        String organizationId = AuthFixtures.organization();
        create(organizationId, Map.of("name", "k", "type", "SCOPED")).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("referenceId"));
        create(organizationId, Map.of("name", "k", "type", "SERVER", "referenceId", "u")).then().statusCode(400)
                .body("errors.field", hasItem("referenceId"));
        create(organizationId, Map.of("name", "k", "type", "ROOT")).then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void listsKeysByPrefixOnly() {
        String organizationId = AuthFixtures.organization();
        String key = AuthFixtures.serverKey(organizationId);
        String body = given().header(HEADER, ADMIN_KEY).get("/v1/organizations/{org}/api-keys", organizationId)
                .then().statusCode(200).body("totalItems", equalTo(1))
                .body("data[0].prefix", equalTo(key.substring(0, 7))).extract().asString();
        org.assertj.core.api.Assertions.assertThat(body).doesNotContain(key);
    }

    private static Response create(String organizationId, Map<String, Object> body) {
        return given().header(HEADER, ADMIN_KEY).contentType(ContentType.JSON).body(body)
                .post("/v1/organizations/{org}/api-keys", organizationId);
    }

    static Response introspect(String key) {
        return AuthFixtures.internal().contentType(ContentType.JSON).body(Map.of("key", key)).post("/internal/api-keys/introspect");
    }
}
