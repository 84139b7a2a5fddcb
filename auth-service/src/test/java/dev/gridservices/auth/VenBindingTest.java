package dev.gridservices.auth;

import static dev.gridservices.auth.AuthFixtures.ADMIN_KEY;
import static dev.gridservices.auth.AuthFixtures.HEADER;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.gridservices.testkit.auth.TestVenRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

/**
 * A client is bound to a VEN only after device-service's registry (here {@link TestVenRegistry}) confirmed
 * that the client's organization owns it: no organization can take over another's VEN.
 */
@QuarkusTest
@QuarkusTestResource(AuthTestResource.class)
class VenBindingTest {

    private static final List<String> VEN_SCOPES = List.of("read_events", "write_reports");

    @Test
    void aClientIsBoundToAVenItsOrganizationOwns() throws Exception {
        String oem = AuthFixtures.organization(AuthFixtures.OEM);
        String venId = TestVenRegistry.register(oem, "fleet-1");
        int lookups = TestVenRegistry.lookupCount();
        Response created = createClient(AuthFixtures.serverKey(oem), oem, venId);
        created.then().statusCode(201).body("client.venId", equalTo(venId));
        assertThat(TestVenRegistry.lookupCount()).as("the registry was asked").isEqualTo(lookups + 1);
        JwtClaims claims = TokenSignatureTest.verify(
                AuthFixtures.accessToken(AuthFixtures.created(oem, created)), TokenSignatureTest.jwks());
        assertThat(claims.getStringClaimValue("ven_id")).isEqualTo(venId);
    }

    @Test
    void anotherOrganizationCannotBindItsClientToAVenItDoesNotOwn() throws Exception {
        String victim = AuthFixtures.organization(AuthFixtures.OEM);
        String victimsVen = TestVenRegistry.register(victim, "victim fleet");
        String attacker = AuthFixtures.organization(AuthFixtures.OEM);
        String attackersKey = AuthFixtures.serverKey(attacker);

        Response takeover = createClient(attackersKey, attacker, victimsVen);
        takeover.then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("venId")).body("errors.message", hasItem("unknown VEN"));
        // Not even the platform admin binds a VEN to an organization that does not own it.
        createClient(ADMIN_KEY, attacker, victimsVen).then().statusCode(400);
        // A VEN that does not exist gets the very same answer: the registry's contents never leak.
        Response missing = createClient(attackersKey, attacker, "ven-does-not-exist");
        missing.then().statusCode(400);
        assertThat(missing.path("errors").toString()).isEqualTo(takeover.path("errors").toString());
        assertThat((String) missing.path("detail")).isEqualTo(takeover.path("detail"));

        // The attacker's clients exist, and their tokens never carry the victim's VEN.
        given().header(HEADER, attackersKey).get("/v1/organizations/{org}/oauth-clients", attacker).then()
                .statusCode(200).body("totalItems", equalTo(0));
        AuthFixtures.Client own = AuthFixtures.created(attacker, createClient(attackersKey, attacker, null)
                .then().statusCode(201).extract().response());
        JwtClaims claims = TokenSignatureTest.verify(AuthFixtures.accessToken(own), TokenSignatureTest.jwks());
        assertThat(claims.hasClaim("ven_id")).isFalse();
        assertThat(claims.getStringClaimValue("org_id")).isEqualTo(attacker);
    }

    @Test
    void onlyOemClientsAreBoundToVens() {
        String utility = AuthFixtures.organization(AuthFixtures.UTILITY);
        String venId = TestVenRegistry.register(utility, "not really a VEN owner");
        given().header(HEADER, ADMIN_KEY).contentType(ContentType.JSON)
                .body(Map.of("name", "c", "scopes", List.of("read_events"), "venId", venId))
                .post("/v1/organizations/{org}/oauth-clients", utility).then().statusCode(400)
                .body("errors.field", hasItem("venId"));
    }

    @Test
    void aVenIdMustBeAPlainId() {
        String oem = AuthFixtures.organization(AuthFixtures.OEM);
        createClient(ADMIN_KEY, oem, "../../q/health").then().statusCode(400).body("errors.field", hasItem("venId"));
    }

    private static Response createClient(String key, String organizationId, String venId) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "ven client", "scopes", VEN_SCOPES));
        if (venId != null) {
            body.put("venId", venId);
        }
        return given().header(HEADER, key).contentType(ContentType.JSON).body(body)
                .post("/v1/organizations/{org}/oauth-clients", organizationId);
    }
}
