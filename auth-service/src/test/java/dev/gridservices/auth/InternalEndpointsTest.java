package dev.gridservices.auth;

import static dev.gridservices.auth.AuthFixtures.ADMIN_KEY;
import static dev.gridservices.auth.AuthFixtures.HEADER;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** auth-service's /internal/* endpoints: service credential required; the broker's revocation check. */
@QuarkusTest
@QuarkusTestResource(AuthTestResource.class)
class InternalEndpointsTest {

    @Test
    void introspectionRequiresTheServiceCredential() {
        String key = AuthFixtures.serverKey(AuthFixtures.organization());
        given().contentType(ContentType.JSON).body(Map.of("key", key)).post("/internal/api-keys/introspect")
                .then().statusCode(401).contentType("application/problem+json")
                .body("detail", containsString("Texture-Service-Credential"));
        given().header(AuthFixtures.SERVICE_CREDENTIAL_HEADER, "guess").contentType(ContentType.JSON)
                .body(Map.of("key", key)).post("/internal/api-keys/introspect").then().statusCode(401);
        // Tenant and admin credentials are no substitute.
        given().header(HEADER, ADMIN_KEY).contentType(ContentType.JSON).body(Map.of("key", key))
                .post("/internal/api-keys/introspect").then().statusCode(401);
        AuthFixtures.internal().contentType(ContentType.JSON).body(Map.of("key", key))
                .post("/internal/api-keys/introspect").then().statusCode(200).body("active", equalTo(true));
    }

    @Test
    void theBrokerLearnsWhichClientsAreStillActive() {
        String org = AuthFixtures.organization(AuthFixtures.OEM);
        AuthFixtures.Client active = AuthFixtures.client(org, List.of("read_events"), null);
        AuthFixtures.Client revoked = AuthFixtures.client(org, List.of("read_events"), null);
        AuthFixtures.Client suspended = AuthFixtures.client(org, List.of("read_events"), null);
        String base = "/v1/organizations/" + org + "/oauth-clients/";
        given().header(HEADER, ADMIN_KEY).delete(base + revoked.clientId()).then().statusCode(204);
        given().header(HEADER, ADMIN_KEY).post(base + suspended.clientId() + "/suspend").then().statusCode(200);

        AuthFixtures.internal().contentType(ContentType.JSON)
                .body(Map.of("clientIds", List.of(revoked.clientId(), active.clientId(), "cl_unknown", suspended.clientId(),
                        active.clientId())))
                .post("/internal/oauth-clients/active").then().statusCode(200)
                .body("active", equalTo(List.of(active.clientId())));
        AuthFixtures.internal().contentType(ContentType.JSON).body(Map.of("clientIds", List.of()))
                .post("/internal/oauth-clients/active").then().statusCode(200).body("active", equalTo(List.of()));
    }

    @Test
    void theRevocationCheckRequiresTheServiceCredentialAndABoundedList() {
        given().contentType(ContentType.JSON).body(Map.of("clientIds", List.of("cl_x")))
                .post("/internal/oauth-clients/active").then().statusCode(401).contentType("application/problem+json");
        AuthFixtures.internal().contentType(ContentType.JSON).body(Map.of())
                .post("/internal/oauth-clients/active").then().statusCode(400).contentType("application/problem+json");
        AuthFixtures.internal().contentType(ContentType.JSON)
                .body(Map.of("clientIds", IntStream.range(0, 1001).mapToObj(i -> "cl_" + i).toList()))
                .post("/internal/oauth-clients/active").then().statusCode(400).contentType("application/problem+json");
    }
}
