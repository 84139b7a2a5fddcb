package dev.gridservices.auth;

import static dev.gridservices.auth.AuthFixtures.ADMIN_KEY;
import static dev.gridservices.auth.AuthFixtures.HEADER;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import dev.gridservices.testkit.auth.TestVenRegistry;
import org.junit.jupiter.api.Test;

/**
 * Tokens verify against the published JWKS with an independent JWT library (jose4j), and a signing key
 * rotation neither breaks earlier tokens nor signs with a key verifiers have not seen.
 */
@QuarkusTest
@QuarkusTestResource(AuthTestResource.class)
class TokenSignatureTest {

    private static final String ISSUER = "http://localhost:8081";

    @Test
    void discoveryPointsAtTheJwks() {
        given().get("/.well-known/openid-configuration").then().statusCode(200)
                .body("issuer", equalTo(ISSUER))
                .body("jwks_uri", equalTo(ISSUER + "/.well-known/jwks.json"))
                .body("token_endpoint", equalTo(ISSUER + "/v2/auth/token"))
                .body("grant_types_supported", equalTo(List.of("client_credentials")));
    }

    @Test
    void aTokenVerifiesAgainstThePublishedJwksAndCarriesTheContractClaims() throws Exception {
        String organizationId = AuthFixtures.organization(AuthFixtures.OEM);
        String venId = TestVenRegistry.register(organizationId, "battery fleet");
        AuthFixtures.Client client = AuthFixtures.client(organizationId, List.of("read_events", "write_reports"), venId);
        String token = AuthFixtures.accessToken(client);

        JwtClaims claims = verify(token, jwks());
        assertThat(claims.getIssuer()).isEqualTo(ISSUER);
        assertThat(claims.getAudience()).containsExactly("grid-services");
        assertThat(claims.getSubject()).isEqualTo(client.clientId());
        assertThat(claims.getStringClaimValue("client_id")).isEqualTo(client.clientId());
        assertThat(claims.getStringClaimValue("org_id")).isEqualTo(organizationId);
        assertThat(claims.getStringClaimValue("org_kind")).isEqualTo("oem");
        assertThat(claims.getStringClaimValue("ven_id")).isEqualTo(venId);
        assertThat(claims.getStringClaimValue("scope")).isEqualTo("read_events write_reports");
        assertThat(claims.getJwtId()).isNotBlank();
        assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue()).isEqualTo(3600);
        assertThat(claims.hasClaim("workspace_id")).isFalse();

        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(token);
        assertThat(jws.getAlgorithmHeaderValue()).isEqualTo("ES256");
        assertThat(jws.getKeyIdHeaderValue()).isNotBlank();
    }

    @Test
    void aClientMayAskForRs256AndBothKindsOfKeyArePublished() throws Exception {
        String organizationId = AuthFixtures.organization();
        AuthFixtures.Client client = AuthFixtures.created(organizationId, given().header(HEADER, ADMIN_KEY)
                .contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("name", "legacy verifier", "scopes", List.of("read_all"), "tokenSigningAlg", "RS256"))
                .post("/v1/organizations/{org}/oauth-clients", organizationId)
                .then().statusCode(201).body("client.tokenSigningAlg", equalTo("RS256")).extract().response());
        String token = AuthFixtures.accessToken(client);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(token);
        assertThat(jws.getAlgorithmHeaderValue()).isEqualTo("RS256");
        assertThat(verify(token, jwks()).getStringClaimValue("org_kind")).isEqualTo("utility");

        List<Map<String, Object>> keys = given().get("/.well-known/jwks.json").then().statusCode(200).extract().path("keys");
        assertThat(keys).anySatisfy(k -> {
            assertThat(k.get("kty")).isEqualTo("EC");
            assertThat(k.get("crv")).isEqualTo("P-256");
            assertThat(k.get("alg")).isEqualTo("ES256");
        });
        assertThat(keys).anySatisfy(k -> {
            assertThat(k.get("kty")).isEqualTo("RSA");
            assertThat(k.get("alg")).isEqualTo("RS256");
        });
        assertThat(keys).allSatisfy(k -> assertThat(k).doesNotContainKey("d"));
        given().header(HEADER, ADMIN_KEY).contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("name", "x", "scopes", List.of("read_all"), "tokenSigningAlg", "HS256"))
                .post("/v1/organizations/{org}/oauth-clients", organizationId).then().statusCode(400);
    }

    @Test
    void thereIsOneSigningAndOneWaitingKeyPerAlgorithm() {
        List<Map<String, Object>> keys = given().header(HEADER, ADMIN_KEY).get("/v1/signing-keys")
                .then().statusCode(200).extract().path("$");
        for (String alg : List.of("ES256", "RS256")) {
            for (String state : List.of("ACTIVE", "NEXT")) {
                assertThat(keys).as("%s %s keys", alg, state)
                        .filteredOn(k -> alg.equals(k.get("alg")) && state.equals(k.get("state"))).hasSize(1);
            }
        }
    }

    @Test
    void aTamperedTokenDoesNotVerify() throws Exception {
        String token = AuthFixtures.accessToken(AuthFixtures.client(List.of("read_events")));
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"sub\":\"someone-else\"}".getBytes()) + "." + parts[2];
        JsonWebKeySet keys = jwks();
        assertThatThrownBy(() -> verify(forged, keys)).isInstanceOf(InvalidJwtException.class);
    }

    @Test
    void aRotatedSigningKeyDoesNotBreakEarlierTokens() throws Exception {
        AuthFixtures.Client client = AuthFixtures.client(List.of("read_events"));
        String before = AuthFixtures.accessToken(client);
        String kidBefore = kid(before);
        List<Map<String, Object>> keysBefore = given().header(HEADER, ADMIN_KEY).get("/v1/signing-keys")
                .then().statusCode(200).extract().path("findAll { it.state == 'NEXT' && it.alg == 'ES256' }");
        String next = (String) keysBefore.get(0).get("kid");
        assertThat(jwksKids()).as("the waiting key is published before it signs").contains(next, kidBefore);

        given().header(HEADER, ADMIN_KEY).post("/v1/signing-keys/rotate").then().statusCode(200);

        String after = AuthFixtures.accessToken(client);
        assertThat(kid(after)).isEqualTo(next);
        JsonWebKeySet published = jwks();
        assertThat(verify(before, published).getSubject()).isEqualTo(client.clientId());
        assertThat(verify(after, published).getSubject()).isEqualTo(client.clientId());
        List<Map<String, Object>> keysAfter = given().header(HEADER, ADMIN_KEY).get("/v1/signing-keys")
                .then().statusCode(200).extract().path("$");
        assertThat(keysAfter).anySatisfy(k -> {
            assertThat(k.get("kid")).isEqualTo(kidBefore);
            assertThat(k.get("state")).isEqualTo("RETIRED");
            assertThat(k.get("publishUntil")).isNotNull();
        });
        assertThat(keysAfter).filteredOn(k -> "NEXT".equals(k.get("state")) && "ES256".equals(k.get("alg"))).hasSize(1)
                .allSatisfy(k -> assertThat(jwksKids()).contains((String) k.get("kid")));
    }

    @Test
    void onlyThePlatformAdminMayRotate() {
        String serverKey = AuthFixtures.serverKey(AuthFixtures.organization());
        given().post("/v1/signing-keys/rotate").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", org.hamcrest.Matchers.notNullValue());
        given().header(HEADER, serverKey).post("/v1/signing-keys/rotate").then().statusCode(403)
                .contentType("application/problem+json");
    }

    static JsonWebKeySet jwks() throws Exception {
        return new JsonWebKeySet(given().get("/.well-known/jwks.json").then().statusCode(200).extract().asString());
    }

    private static List<String> jwksKids() {
        return given().get("/.well-known/jwks.json").then().statusCode(200).extract().path("keys.kid");
    }

    static JwtClaims verify(String token, JsonWebKeySet keys) throws InvalidJwtException {
        return new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(keys.getJsonWebKeys()))
                .setExpectedIssuer(ISSUER)
                .setExpectedAudience("grid-services")
                .setRequireExpirationTime()
                .setRequireSubject()
                .build()
                .processToClaims(token);
    }

    private static String kid(String token) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(token);
        return jws.getKeyIdHeaderValue();
    }
}
