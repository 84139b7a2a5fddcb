package dev.gridservices.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.gridservices.testkit.InfrastructureResource;
import dev.gridservices.testkit.auth.TestAuthServer;
import dev.gridservices.testkit.auth.TestCredentials;
import dev.gridservices.testkit.auth.TestToken;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class SecurityKitTest {

    private static final String API_KEY = "Texture-Api-Key";
    private static final String PROBLEM = "application/problem+json";
    private static final String CHALLENGE = "Bearer realm=\"grid-services\"";
    private static final String INVALID_TOKEN_CHALLENGE = "Bearer realm=\"grid-services\", error=\"invalid_token\"";

    private final String org = "org-" + UUID.randomUUID();

    @Test
    void noCredentialsAnswer401WithChallengeAndProblem() {
        given().get("/v1/caller/programs").then().statusCode(401)
                .contentType(PROBLEM)
                .header("WWW-Authenticate", CHALLENGE)
                .body("type", equalTo("https://direct.texturehq.com/errors/unauthorized"))
                .body("status", equalTo(401))
                .body("instance", equalTo("/v1/caller/programs"))
                .body("detail", containsString("Texture-Api-Key"));
        given().get("/v2/whoami").then().statusCode(401).contentType(PROBLEM).header("WWW-Authenticate", CHALLENGE);
    }

    @Test
    void garbageTokenIsRejected() {
        rejectedToken("not-a-jwt");
        rejectedToken("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl");
    }

    @Test
    void expiredTokenIsRejected() {
        rejectedToken(TestToken.forOrganization(org).scopes("read_programs").expiresIn(Duration.ofMinutes(-5)).mint());
    }

    @Test
    void tokenSignedWithAnotherKeyIsRejected() {
        rejectedToken(TestToken.forOrganization(org).scopes("read_programs").signedWithUnpublishedKey().mint());
    }

    @Test
    void tokenFromAnotherIssuerIsRejected() {
        rejectedToken(TestToken.forOrganization(org).scopes("read_programs").issuer("http://127.0.0.1:1").mint());
    }

    @Test
    void tokenForAnotherAudienceIsRejected() {
        rejectedToken(TestToken.forOrganization(org).scopes("read_programs").audience("someone-else").mint());
    }

    @Test
    void tokenWithoutOrganizationIsRejected() {
        rejectedToken(TestToken.forOrganization(null).scopes("read_programs").mint());
    }

    @Test
    void validTokenWithoutTheScopeAnswers403Problem() {
        given().auth().oauth2(TestCredentials.bearer(org, "read_events", "write_reports"))
                .get("/v1/caller/programs").then().statusCode(403)
                .contentType(PROBLEM)
                .body("type", equalTo("https://direct.texturehq.com/errors/forbidden"))
                .body("status", equalTo(403))
                .body("detail", containsString("read_programs, read_all"));
    }

    @Test
    void validTokenWithTheScopeReachesTheResourceWithItsClaims() {
        String token = TestToken.forOrganization(org).workspace("ws-1").ven("ven-7").client("client-9")
                .scopes("read_programs", "write_reports").mint();
        given().auth().oauth2(token).get("/v1/caller/programs").then().statusCode(200)
                .body("organizationId", equalTo(org))
                .body("workspaceId", equalTo("ws-1"))
                .body("credentialType", equalTo("BEARER_TOKEN"))
                .body("clientId", equalTo("client-9"))
                .body("keyId", nullValue())
                .body("venId", equalTo("ven-7"))
                .body("referenceId", nullValue())
                .body("scopes", containsInAnyOrder("read_programs", "write_reports"))
                .body("tenantOrganizationId", equalTo(org))
                .body("tenantWorkspaceId", equalTo("ws-1"));
    }

    @Test
    void anyOneOfTheListedScopesIsEnough() {
        given().auth().oauth2(TestCredentials.bearer(org, "read_all")).get("/v1/caller/programs")
                .then().statusCode(200).body("scopes", containsInAnyOrder("read_all"));
    }

    @Test
    void classLevelRequirementAppliesToBlockingMethods() {
        given().auth().oauth2(TestCredentials.bearerForVen(org, "ven-1", "read_events")).get("/v1/caller/events")
                .then().statusCode(200).body("venId", equalTo("ven-1")).body("clientId", equalTo("test-client"));
        given().auth().oauth2(TestCredentials.bearer(org, "read_programs")).get("/v1/caller/events")
                .then().statusCode(403).contentType(PROBLEM);
    }

    @Test
    void serverApiKeyActsForItsOrganization() {
        String key = TestCredentials.serverApiKey(org);
        given().header(API_KEY, key).get("/v1/caller/programs").then().statusCode(200)
                .body("organizationId", equalTo(org))
                .body("tenantOrganizationId", equalTo(org))
                .body("credentialType", equalTo("SERVER_KEY"))
                .body("clientId", nullValue())
                .body("keyId", notNullValue())
                .body("scopes", containsInAnyOrder("read_all", "write_programs", "write_events"));
    }

    @Test
    void unknownApiKeyIsRejected() {
        given().header(API_KEY, "no-such-key").get("/v1/caller/programs").then().statusCode(401)
                .contentType(PROBLEM)
                .header("WWW-Authenticate", INVALID_TOKEN_CHALLENGE)
                .body("detail", equalTo(SecurityProblems.INVALID_CREDENTIALS));
    }

    @Test
    void emptyApiKeyIsRejected() {
        given().header(API_KEY, " ").get("/v2/whoami").then().statusCode(401)
                .contentType(PROBLEM).header("WWW-Authenticate", INVALID_TOKEN_CHALLENGE);
    }

    @Test
    void scopedKeyExposesItsReferenceAndLacksServerScopes() {
        String key = TestCredentials.scopedApiKey(org, "user-42");
        assertThat(key).startsWith("scoped_");
        given().header(API_KEY, key).get("/v2/whoami").then().statusCode(200)
                .body("organizationId", equalTo(org))
                .body("credentialType", equalTo("SCOPED_KEY"))
                .body("referenceId", equalTo("user-42"))
                .body("keyId", notNullValue());
        given().header(API_KEY, key).get("/open/guarded").then().statusCode(403).contentType(PROBLEM);
    }

    @Test
    void manufacturerKeyIsRecognised() {
        given().header(API_KEY, TestCredentials.manufacturerApiKey(org)).get("/v2/whoami").then().statusCode(200)
                .body("credentialType", equalTo("MANUFACTURER_KEY"));
    }

    @Test
    void revokedKeyStopsWorkingWithinTheCacheWindow() {
        String key = TestCredentials.serverApiKey(org);
        given().header(API_KEY, key).get("/v2/whoami").then().statusCode(200);
        TestCredentials.revoke(key);
        long revokedAt = System.nanoTime();
        Awaitility.await().atMost(Duration.ofSeconds(7)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().header(API_KEY, key).get("/v2/whoami").then().statusCode(401).contentType(PROBLEM));
        long millis = (System.nanoTime() - revokedAt) / 1_000_000;
        assertThat(millis).as("revocation took effect after %d ms", millis).isLessThan(6_500);
    }

    @Test
    void apiKeysAnswer503WhileAuthServiceCannotIntrospectAndTokensStillWork() {
        String key = TestCredentials.serverApiKey(org);
        List<String> logged;
        TestAuthServer.introspectionAvailable(false);
        try (LogCapture capture = LogCapture.start()) {
            given().header(API_KEY, key).get("/v2/whoami").then().statusCode(503)
                    .contentType(PROBLEM)
                    .header("Retry-After", "1")
                    .body("status", equalTo(503))
                    .body("type", equalTo("https://direct.texturehq.com/errors/service-unavailable"));
            given().auth().oauth2(TestCredentials.bearer(org, "read_all")).get("/v1/caller/programs")
                    .then().statusCode(200);
            logged = capture.lines();
        } finally {
            TestAuthServer.introspectionAvailable(true);
        }
        assertThat(logged).anyMatch(line -> line.contains("Cannot authenticate"));
        assertThat(logged).noneMatch(line -> line.contains(key));
        // The failure was not cached: the key works as soon as auth-service answers again.
        given().header(API_KEY, key).get("/v2/whoami").then().statusCode(200);
    }

    @Test
    void introspectionAnswersAreCached() {
        String key = TestCredentials.serverApiKey(org);
        int before = TestCredentials.introspectionCount();
        for (int i = 0; i < 5; i++) {
            given().header(API_KEY, key).get("/v2/whoami").then().statusCode(200);
        }
        assertThat(TestCredentials.introspectionCount() - before).isEqualTo(1);
    }

    @Test
    void tokensSurviveASigningKeyRotation() {
        String before = TestCredentials.bearer(org, "read_all");
        given().auth().oauth2(before).get("/v1/caller/programs").then().statusCode(200);
        TestAuthServer.rotateSigningKey();
        String after = TestCredentials.bearer(org, "read_all");
        assertThat(kid(after)).isNotEqualTo(kid(before));
        // The new kid makes the service re-read the JWKS; another test's forged kid may have used up the
        // refresh allowance (one per 10 s) just before, hence the wait.
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().auth().oauth2(after).get("/v1/caller/programs").then().statusCode(200));
        given().auth().oauth2(before).get("/v1/caller/programs").then().statusCode(200);
    }

    @Test
    void publicPathsNeedNoCredentials() {
        given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
        given().post("/v2/auth/token").then().statusCode(200).body("authenticated", equalTo(false));
        given().get("/open/whoami").then().statusCode(200).body("authenticated", equalTo(false));
        // Authentication is proactive: a bad credential is refused even where none is needed.
        given().auth().oauth2("garbage").get("/q/health").then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void requiresScopeGuardsPathsOutsideTheApiToo() {
        given().get("/open/guarded").then().statusCode(401).contentType(PROBLEM).header("WWW-Authenticate", CHALLENGE);
        given().auth().oauth2(TestCredentials.bearer(org, "read_all")).get("/open/guarded")
                .then().statusCode(200).body(equalTo(org));
    }

    @Test
    void openApiDocumentsTheCredentialSchemes() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("components.securitySchemes.bearerAuth.scheme", equalTo("bearer"))
                .body("components.securitySchemes.apiKey.name", equalTo(API_KEY))
                .body("paths.'/v1/caller/programs'.get.security", hasItems(
                        hasKey("bearerAuth"), hasKey("apiKey")))
                .body("paths.'/v1/caller/programs'.get.responses.'401'.description", notNullValue())
                .body("paths.'/v2/auth/token'.post.security", nullValue())
                .body("paths.'/open/whoami'.get.security", nullValue())
                .body("components.securitySchemes", aMapWithSize(2));
    }

    @Test
    void requiresCredentialAdmitsOnlyTheListedTypes() {
        given().get("/v1/kinds/server").then().statusCode(401).contentType(PROBLEM).header("WWW-Authenticate", CHALLENGE);
        given().auth().oauth2(TestCredentials.bearer(org, "read_all")).get("/v1/kinds/server")
                .then().statusCode(403).contentType(PROBLEM).body("detail", containsString("SERVER_KEY, PLATFORM_ADMIN_KEY"));
        given().header(API_KEY, TestCredentials.scopedApiKey(org, "user-1")).get("/v1/kinds/server")
                .then().statusCode(403).contentType(PROBLEM);
        given().header(API_KEY, TestCredentials.serverApiKey(org)).get("/v1/kinds/server")
                .then().statusCode(200).body("credentialType", equalTo("SERVER_KEY")).body("organizationId", equalTo(org));
        // The method's requirement replaces the class's: a SERVER key is not enough for the admin-only method.
        given().header(API_KEY, TestCredentials.serverApiKey(org)).get("/v1/kinds/admin").then().statusCode(403);
    }

    @Test
    void thePlatformAdminKeyActsForNoTenant() {
        given().header(API_KEY, TestCredentials.platformAdminKey()).get("/v1/kinds/admin").then().statusCode(200)
                .body("credentialType", equalTo("PLATFORM_ADMIN_KEY"))
                .body("organizationId", nullValue())
                .body("organizationKind", nullValue())
                .body("platformAdmin", equalTo(true));
    }

    @Test
    void requiresOrganizationKindAdmitsOnlyThatKind() {
        given().get("/v2/oem").then().statusCode(401).contentType(PROBLEM);
        given().auth().oauth2(TestCredentials.bearer(org, "read_all")).get("/v2/oem")
                .then().statusCode(403).contentType(PROBLEM).body("detail", containsString("oem"));
        given().auth().oauth2(TestCredentials.oemBearer(org, "write_vens")).get("/v2/oem")
                .then().statusCode(200).body(equalTo("oem:" + org));

        given().header(API_KEY, TestCredentials.serverApiKey(org, TestCredentials.OEM)).get("/v1/kinds/utility")
                .then().statusCode(403).contentType(PROBLEM).body("detail", containsString("utility"));
        given().header(API_KEY, TestCredentials.serverApiKey(org, TestCredentials.UTILITY)).get("/v1/kinds/utility")
                .then().statusCode(200).body("organizationKind", equalTo("utility")).body("utility", equalTo(true))
                .body("oem", equalTo(false));
    }

    @Test
    void thePlatformAdminPassesAKindRequirementOnlyWhereItIsAdmitted() {
        String admin = TestCredentials.platformAdminKey();
        given().header(API_KEY, admin).get("/v1/kinds/utility").then().statusCode(403).contentType(PROBLEM);
        given().header(API_KEY, admin).get("/v1/kinds/utility-or-admin").then().statusCode(200)
                .body("platformAdmin", equalTo(true));
    }

    @Test
    void anOemServerKeyCarriesTheOemScopes() {
        given().header(API_KEY, TestCredentials.serverApiKey(org, TestCredentials.OEM)).get("/v1/kinds/server")
                .then().statusCode(200).body("organizationKind", equalTo("oem")).body("oem", equalTo(true));
    }

    @Test
    void aTokenWithoutOrWithAnUnknownOrganizationKindIsRejected() {
        rejectedToken(TestToken.forOrganization(org).kind(null).scopes("read_programs").mint());
        rejectedToken(TestToken.forOrganization(org).kind("tpdo").scopes("read_programs").mint());
        rejectedToken(TestToken.forOrganization(org).kind("UTILITY").scopes("read_programs").mint());
    }

    @Test
    void es256AndRs256TokensAreBothVerified() {
        String es256 = TestToken.forOrganization(org).scopes("read_programs").mint();
        assertThat(new JsonObject(header(es256)).getString("alg")).isEqualTo("ES256");
        given().auth().oauth2(es256).get("/v1/caller/programs").then().statusCode(200).body("organizationId", equalTo(org));
        String rs256 = TestToken.forOrganization(org).scopes("read_programs").rs256().mint();
        assertThat(new JsonObject(header(rs256)).getString("alg")).isEqualTo("RS256");
        given().auth().oauth2(rs256).get("/v1/caller/programs").then().statusCode(200);
    }

    @Test
    void internalEndpointsRequireTheServiceCredential() {
        given().get("/internal/ping").then().statusCode(401).contentType(PROBLEM)
                .header("WWW-Authenticate", containsString(ServiceCredential.HEADER))
                .body("detail", containsString(ServiceCredential.HEADER));
        given().header(ServiceCredential.HEADER, "wrong").get("/internal/ping").then().statusCode(401).contentType(PROBLEM);
        given().header(ServiceCredential.HEADER, TestAuthServer.SERVICE_CREDENTIAL + "x").get("/internal/ping")
                .then().statusCode(401);
        // A tenant credential is no substitute for the service credential.
        given().header(API_KEY, TestCredentials.serverApiKey(org)).get("/internal/ping").then().statusCode(401);
        given().header(ServiceCredential.HEADER, TestAuthServer.SERVICE_CREDENTIAL).get("/internal/ping")
                .then().statusCode(200).body(equalTo("pong"));
    }

    private static String header(String token) {
        return new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
    }

    private static String kid(String token) {
        String header = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                StandardCharsets.UTF_8);
        return new JsonObject(header).getString("kid");
    }

    private static void rejectedToken(String token) {
        ValidatableResponse response = given().auth().oauth2(token).get("/v1/caller/programs").then();
        response.statusCode(401)
                .contentType(PROBLEM)
                .header("WWW-Authenticate", INVALID_TOKEN_CHALLENGE)
                .body("status", equalTo(401))
                .body("detail", equalTo(SecurityProblems.INVALID_CREDENTIALS));
        assertThat(response.extract().asString()).doesNotContain(token);
    }
}
