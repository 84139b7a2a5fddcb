package dev.gridservices.auth;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Creates tenants, clients and keys through the real admin API, as an operator would. */
final class AuthFixtures {

    /** The platform-admin key whose SHA-256 is configured for the test profile. */
    static final String ADMIN_KEY = "test-platform-admin-key";
    static final String HEADER = "Texture-Api-Key";
    static final String FORM = "application/x-www-form-urlencoded";

    record Client(String organizationId, String clientId, String secret, String secretId) {
    }

    private AuthFixtures() {
    }

    static String organization() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        return given().header(HEADER, ADMIN_KEY).contentType(ContentType.JSON)
                .body(Map.of("name", "Utility " + suffix, "domain", "u" + suffix + ".example.com"))
                .post("/v1/organization").then().statusCode(201).extract().path("id");
    }

    static String serverKey(String organizationId) {
        return apiKey(organizationId, "SERVER", null).path("key");
    }

    static Response apiKey(String organizationId, String type, String referenceId) {
        Map<String, Object> body = new HashMap<>(Map.of("name", type.toLowerCase() + " key", "type", type));
        if (referenceId != null) {
            body.put("referenceId", referenceId);
        }
        return given().header(HEADER, ADMIN_KEY).contentType(ContentType.JSON).body(body)
                .post("/v1/organizations/{org}/api-keys", organizationId)
                .then().statusCode(201).extract().response();
    }

    static Client client(String organizationId, List<String> scopes, String venId) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "client", "scopes", scopes));
        if (venId != null) {
            body.put("venId", venId);
        }
        Response created = given().header(HEADER, ADMIN_KEY).contentType(ContentType.JSON).body(body)
                .post("/v1/organizations/{org}/oauth-clients", organizationId)
                .then().statusCode(201).extract().response();
        return new Client(organizationId, created.path("client.clientId"), created.path("clientSecret"),
                created.path("secretId"));
    }

    static Client client(List<String> scopes) {
        return client(organization(), scopes, null);
    }

    static Response token(String clientId, String secret, String scope) {
        var request = given().contentType(FORM).formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId).formParam("client_secret", secret);
        if (scope != null) {
            request.formParam("scope", scope);
        }
        return request.post("/v2/auth/token");
    }

    static String accessToken(Client client) {
        return token(client.clientId(), client.secret(), null).then().statusCode(200).extract().path("access_token");
    }
}
