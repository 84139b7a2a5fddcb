package dev.gridservices.auth;

import static dev.gridservices.auth.AuthFixtures.ADMIN_KEY;
import static dev.gridservices.auth.AuthFixtures.HEADER;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.gridservices.testkit.Infrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
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

    /** The organization's own SERVER key is refused the other kind's scopes and keys as the admin is; nothing is written. */
    @Test
    void anOrganizationsServerKeyCannotGiveItselfTheOtherKindsScopesOrKeys() {
        String oem = AuthFixtures.organization(AuthFixtures.OEM);
        String oemKey = AuthFixtures.serverKey(oem);
        for (String scope : List.of("write_programs", "write_events", "read_all", "read_bl")) {
            createClient(oemKey, oem, List.of("write_vens", scope)).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.message", hasItem(containsString(scope)));
        }
        String utility = AuthFixtures.organization(AuthFixtures.UTILITY);
        String utilityKey = AuthFixtures.serverKey(utility);
        for (String scope : List.of("write_vens", "write_reports", "read_ven_objects")) {
            createClient(utilityKey, utility, List.of("write_programs", scope)).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.message", hasItem(containsString(scope)));
        }
        given().header(HEADER, utilityKey).contentType(ContentType.JSON).body(Map.of("name", "k", "type", "MANUFACTURER"))
                .post("/v1/organizations/{org}/api-keys", utility).then().statusCode(400)
                .contentType("application/problem+json");
        // A later positive marker (a client each may hold), then the lists: only the markers exist.
        createClient(oemKey, oem, List.of("write_vens")).then().statusCode(201);
        createClient(utilityKey, utility, List.of("write_programs")).then().statusCode(201);
        given().header(HEADER, oemKey).get("/v1/organizations/{org}/oauth-clients", oem).then().statusCode(200)
                .body("totalItems", equalTo(1)).body("data[0].scopes", equalTo(List.of("write_vens")));
        given().header(HEADER, utilityKey).get("/v1/organizations/{org}/oauth-clients", utility).then().statusCode(200)
                .body("totalItems", equalTo(1)).body("data[0].scopes", equalTo(List.of("write_programs")));
        given().header(HEADER, utilityKey).get("/v1/organizations/{org}/api-keys", utility).then().statusCode(200)
                .body("data.type", not(hasItem("MANUFACTURER")));
    }

    /** RFC 6749 §5.2: asking the token endpoint for the other kind's scopes is invalid_scope, and no token is issued. */
    @Test
    void noClientObtainsATokenWithTheOtherKindsScopes() {
        AuthFixtures.Client oem = AuthFixtures.client(AuthFixtures.organization(AuthFixtures.OEM),
                List.of("read_programs", "write_reports", "write_vens"), null);
        AuthFixtures.Client utility = AuthFixtures.client(AuthFixtures.organization(AuthFixtures.UTILITY),
                List.of("read_all", "write_programs", "write_events"), null);
        for (String scope : List.of("write_programs", "write_events", "write_vens write_programs", "read_all")) {
            AuthFixtures.token(oem.clientId(), oem.secret(), scope).then().statusCode(400)
                    .body("error", equalTo("invalid_scope")).body("access_token", nullValue());
        }
        for (String scope : List.of("write_vens", "write_reports", "write_programs write_reports")) {
            AuthFixtures.token(utility.clientId(), utility.secret(), scope).then().statusCode(400)
                    .body("error", equalTo("invalid_scope")).body("access_token", nullValue());
        }
    }

    /**
     * A client created before kinds existed, or in an organization whose kind the operator corrected afterwards
     * (simulated in SQL: the API never lets a kind change), keeps its stored scopes; the token endpoint still
     * grants only those of the organization's current kind.
     */
    @Test
    void aClientHoldingTheOtherKindsScopesIsGrantedOnlyItsKindsScopes() throws Exception {
        AuthFixtures.Client wasUtility = AuthFixtures.client(AuthFixtures.organization(AuthFixtures.UTILITY),
                List.of("read_programs", "write_programs", "write_events", "write_subscriptions"), null);
        AuthFixtures.Client wasOem = AuthFixtures.client(AuthFixtures.organization(AuthFixtures.OEM),
                List.of("read_programs", "write_vens", "write_reports"), null);
        setKind(wasUtility.organizationId(), AuthFixtures.OEM);
        setKind(wasOem.organizationId(), AuthFixtures.UTILITY);

        var nowOem = TokenSignatureTest.verify(AuthFixtures.accessToken(wasUtility), TokenSignatureTest.jwks());
        assertThat(nowOem.getStringClaimValue("org_kind")).isEqualTo("oem");
        assertThat(nowOem.getStringClaimValue("scope").split(" "))
                .containsExactlyInAnyOrder("read_programs", "write_subscriptions");
        AuthFixtures.token(wasUtility.clientId(), wasUtility.secret(), "write_programs").then().statusCode(400)
                .body("error", equalTo("invalid_scope"));

        var nowUtility = TokenSignatureTest.verify(AuthFixtures.accessToken(wasOem), TokenSignatureTest.jwks());
        assertThat(nowUtility.getStringClaimValue("org_kind")).isEqualTo("utility");
        assertThat(nowUtility.getStringClaimValue("scope")).isEqualTo("read_programs");
        AuthFixtures.token(wasOem.clientId(), wasOem.secret(), "write_vens").then().statusCode(400)
                .body("error", equalTo("invalid_scope"));
    }

    /**
     * Keys follow the organization's current kind as well: a SERVER key introspects with the new kind's scopes,
     * and a MANUFACTURER key (device provisioning, an OEM's only) of an organization that is no longer an OEM is
     * inactive, so no service lets a utility register devices or push telemetry with it.
     */
    @Test
    void keysFollowTheOrganizationsCurrentKind() throws Exception {
        String oem = AuthFixtures.organization(AuthFixtures.OEM);
        String manufacturer = AuthFixtures.apiKey(oem, "MANUFACTURER", null).path("key");
        String server = AuthFixtures.serverKey(oem);
        ApiKeyTest.introspect(manufacturer).then().statusCode(200).body("active", equalTo(true))
                .body("organizationKind", equalTo("oem"));
        setKind(oem, AuthFixtures.UTILITY);
        ApiKeyTest.introspect(manufacturer).then().statusCode(200).body("active", equalTo(false))
                .body("type", nullValue()).body("organizationId", nullValue());
        ApiKeyTest.introspect(server).then().statusCode(200).body("active", equalTo(true))
                .body("organizationKind", equalTo("utility"))
                .body("scopes", equalTo(List.of("read_all", "write_programs", "write_events")));
        setKind(oem, AuthFixtures.OEM);
        ApiKeyTest.introspect(manufacturer).then().statusCode(200).body("active", equalTo(true));
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
        return createClient(ADMIN_KEY, organizationId, scopes);
    }

    private static Response createClient(String key, String organizationId, List<String> scopes) {
        return given().header(HEADER, key).contentType(ContentType.JSON)
                .body(Map.of("name", "c", "scopes", scopes))
                .post("/v1/organizations/{org}/oauth-clients", organizationId);
    }

    private static void setKind(String organizationId, String kind) throws Exception {
        try (Connection db = DriverManager.getConnection(Infrastructure.postgres().jdbcUrl(), "postgres", "");
             PreparedStatement update = db.prepareStatement("update organization set kind = ? where id = ?::uuid")) {
            update.setString(1, kind);
            update.setString(2, organizationId);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }
}
