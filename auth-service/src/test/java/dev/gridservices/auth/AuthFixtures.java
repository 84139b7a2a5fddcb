package dev.gridservices.auth;

import static io.restassured.RestAssured.given;

import dev.gridservices.testkit.auth.TestAuthServer;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Creates tenants, clients and keys through the real admin API, as an operator would. */
final class AuthFixtures {

    /** The platform-admin key whose SHA-256 is configured for the test profile. */
    static final String ADMIN_KEY = "test-platform-admin-key";
    static final String HEADER = "Texture-Api-Key";
    static final String SERVICE_CREDENTIAL_HEADER = TestAuthServer.SERVICE_CREDENTIAL_HEADER;
    static final String SERVICE_CREDENTIAL = TestAuthServer.SERVICE_CREDENTIAL;
    static final String FORM = "application/x-www-form-urlencoded";
    static final String FORWARDED_FOR = "X-Forwarded-For";
    static final String UTILITY = "utility";
    static final String OEM = "oem";
    /** Scopes only an OEM organization's clients may hold; any of them makes {@link #client(List)} create an OEM. */
    private static final Set<String> OEM_ONLY = Set.of("read_ven_objects", "write_reports", "write_vens");

    record Client(String organizationId, String clientId, String secret, String secretId) {
    }

    private AuthFixtures() {
    }

    static String organization() {
        return organization(UTILITY);
    }

    static String organization(String kind) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        return given().header(HEADER, ADMIN_KEY).contentType(ContentType.JSON)
                .body(Map.of("name", kind + " " + suffix, "domain", "u" + suffix + ".example.com", "kind", kind))
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
        return created(organizationId, given().header(HEADER, ADMIN_KEY).contentType(ContentType.JSON).body(body)
                .post("/v1/organizations/{org}/oauth-clients", organizationId)
                .then().statusCode(201).extract().response());
    }

    static Client created(String organizationId, Response created) {
        return new Client(organizationId, created.path("client.clientId"), created.path("clientSecret"),
                created.path("secretId"));
    }

    /** A client of a new organization whose kind admits {@code scopes}. */
    static Client client(List<String> scopes) {
        return client(organization(scopes.stream().anyMatch(OEM_ONLY::contains) ? OEM : UTILITY), scopes, null);
    }

    /**
     * A token-endpoint request from an address of its own (the test profile trusts RestAssured's 127.0.0.1
     * as the gateway), so failed authentications of one test never spend another test's per-address budget.
     */
    static RequestSpecification fromAnyAddress() {
        return fromAddress(randomAddress());
    }

    static RequestSpecification fromAddress(String address) {
        return given().header(FORWARDED_FOR, address);
    }

    static String randomAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    static Response token(String clientId, String secret, String scope) {
        return token(randomAddress(), clientId, secret, scope);
    }

    static Response token(String address, String clientId, String secret, String scope) {
        var request = fromAddress(address).contentType(FORM).formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId).formParam("client_secret", secret);
        if (scope != null) {
            request.formParam("scope", scope);
        }
        return request.post("/v2/auth/token");
    }

    static String accessToken(Client client) {
        return token(client.clientId(), client.secret(), null).then().statusCode(200).extract().path("access_token");
    }

    /** A call to an {@code /internal/*} endpoint, as another service makes it. */
    static RequestSpecification internal() {
        return given().header(SERVICE_CREDENTIAL_HEADER, SERVICE_CREDENTIAL);
    }
}
