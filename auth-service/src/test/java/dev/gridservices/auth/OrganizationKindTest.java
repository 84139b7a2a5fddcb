package dev.gridservices.auth;

import static dev.gridservices.auth.AuthFixtures.ADMIN_KEY;
import static dev.gridservices.auth.AuthFixtures.HEADER;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An organization's kind decides which scopes its clients may hold, and travels in its tokens. */
@QuarkusTest
@QuarkusTestResource(AuthTestResource.class)
class OrganizationKindTest {

    @Test
    void aUtilityClientCannotHoldOemScopes() {
        String utility = AuthFixtures.organization(AuthFixtures.UTILITY);
        createClient(utility, List.of("read_all", "write_reports", "write_vens")).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("scopes"))
                .body("errors.message", hasItem(containsString("write_reports")))
                .body("errors.message", hasItem(containsString("write_vens")))
                .body("errors.message", hasItem(not(containsString("read_all"))));
    }

    @Test
    void anOemClientCannotHoldUtilityScopes() {
        String oem = AuthFixtures.organization(AuthFixtures.OEM);
        for (String scope : List.of("read_all", "read_bl", "write_programs", "write_events")) {
            createClient(oem, List.of("write_reports", scope)).then().statusCode(400)
                    .body("errors.field", hasItem("scopes"))
                    .body("errors.message", hasItem(containsString(scope)));
        }
    }

    @Test
    void eachKindGetsItsOwnScopesAndItsKindInTheToken() throws Exception {
        AuthFixtures.Client utility = AuthFixtures.client(AuthFixtures.organization(AuthFixtures.UTILITY),
                List.of("read_all", "read_bl", "write_programs", "write_events", "read_targets", "write_subscriptions"), null);
        AuthFixtures.Client oem = AuthFixtures.client(AuthFixtures.organization(AuthFixtures.OEM),
                List.of("read_programs", "read_events", "read_targets", "read_ven_objects", "write_reports", "write_vens",
                        "write_subscriptions"), null);
        var utilityClaims = TokenSignatureTest.verify(AuthFixtures.accessToken(utility), TokenSignatureTest.jwks());
        assertThat(utilityClaims.getStringClaimValue("org_kind")).isEqualTo("utility");
        assertThat(utilityClaims.getStringClaimValue("scope")).contains("write_programs");
        var oemClaims = TokenSignatureTest.verify(AuthFixtures.accessToken(oem), TokenSignatureTest.jwks());
        assertThat(oemClaims.getStringClaimValue("org_kind")).isEqualTo("oem");
        assertThat(oemClaims.getStringClaimValue("scope")).contains("write_vens").doesNotContain("read_all");
    }

    @Test
    void theOrganizationShowsItsKind() {
        String oem = AuthFixtures.organization(AuthFixtures.OEM);
        given().header(HEADER, AuthFixtures.serverKey(oem)).get("/v1/organization").then().statusCode(200)
                .body("kind", equalTo("oem"));
    }

    @Test
    void discoveryListsEveryScopeAndTheKindClaim() {
        given().get("/.well-known/openid-configuration").then().statusCode(200)
                .body("scopes_supported", hasItem("read_bl"))
                .body("claims_supported", hasItem("org_kind"))
                .body("id_token_signing_alg_values_supported", equalTo(List.of("ES256", "RS256")));
    }

    private static Response createClient(String organizationId, List<String> scopes) {
        return given().header(HEADER, ADMIN_KEY).contentType(ContentType.JSON)
                .body(Map.of("name", "c", "scopes", scopes))
                .post("/v1/organizations/{org}/oauth-clients", organizationId);
    }
}
