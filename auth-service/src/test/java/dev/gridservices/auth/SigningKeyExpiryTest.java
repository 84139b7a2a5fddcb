package dev.gridservices.auth;

import static dev.gridservices.auth.AuthFixtures.ADMIN_KEY;
import static dev.gridservices.auth.AuthFixtures.HEADER;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gridservices.testkit.Infrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The end of a key's life: once every token it signed has expired, a retired key leaves the JWKS and
 * its private half is erased. Tokens live 2 s here so the test does not wait an hour.
 */
@QuarkusTest
@QuarkusTestResource(AuthTestResource.class)
@TestProfile(SigningKeyExpiryTest.ShortLivedTokens.class)
class SigningKeyExpiryTest {

    public static class ShortLivedTokens implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("auth.token.lifetime", "PT2S",
                    "auth.signing-keys.clock-skew", "PT0S",
                    "auth.signing-keys.refresh-interval", "PT1S");
        }
    }

    @Test
    void aRetiredKeyIsRemovedOnceItsTokensHaveExpired() throws Exception {
        String token = AuthFixtures.accessToken(AuthFixtures.client(List.of("read_events")));
        org.jose4j.jws.JsonWebSignature jws = new org.jose4j.jws.JsonWebSignature();
        jws.setCompactSerialization(token);
        String retired = jws.getKeyIdHeaderValue();

        given().header(HEADER, ADMIN_KEY).post("/v1/signing-keys/rotate").then().statusCode(200);
        assertThat(jwksKids()).as("published right after retirement").contains(retired);

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(jwksKids()).doesNotContain(retired));
        try (Connection db = DriverManager.getConnection(Infrastructure.postgres().jdbcUrl(), "postgres", "");
             PreparedStatement query = db.prepareStatement(
                     "select state, private_key_encrypted from signing_key where kid = ?")) {
            query.setString(1, retired);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isEqualTo("REMOVED");
                assertThat(row.getBytes(2)).isNull();
            }
        }
        assertThat(jwksKids()).hasSizeGreaterThanOrEqualTo(2);
        AuthFixtures.accessToken(AuthFixtures.client(List.of("read_events")));
    }

    /**
     * Keys live in the database: a rotation written by another replica (simulated with SQL, leaving no
     * waiting key) reaches this replica within its refresh interval, and this replica publishes a new
     * waiting key.
     */
    @Test
    void anotherReplicasRotationReachesThisOne() throws Exception {
        AuthFixtures.Client client = AuthFixtures.client(List.of("read_events"));
        String next;
        try (Connection db = DriverManager.getConnection(Infrastructure.postgres().jdbcUrl(), "postgres", "")) {
            try (PreparedStatement query = db.prepareStatement("select kid from signing_key where state = 'NEXT' and alg = 'ES256'");
                 ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                next = row.getString(1);
            }
            db.setAutoCommit(false);
            db.createStatement().executeUpdate("update signing_key set state = 'RETIRED', retired_at = now(), "
                    + "publish_until = now() + interval '1 hour' where state = 'ACTIVE'");
            db.createStatement().executeUpdate("update signing_key set state = 'ACTIVE', activated_at = now() "
                    + "where state = 'NEXT'");
            db.commit();
        }
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            org.jose4j.jws.JsonWebSignature jws = new org.jose4j.jws.JsonWebSignature();
            jws.setCompactSerialization(AuthFixtures.accessToken(client));
            assertThat(jws.getKeyIdHeaderValue()).isEqualTo(next);
        });
        List<Map<String, Object>> keys = given().header(HEADER, ADMIN_KEY).get("/v1/signing-keys")
                .then().statusCode(200).extract().path("findAll { it.state == 'NEXT' && it.alg == 'ES256' }");
        assertThat(keys).hasSize(1);
        assertThat(jwksKids()).contains((String) keys.get(0).get("kid"), next);
    }

    private static List<String> jwksKids() {
        return given().get("/.well-known/jwks.json").then().statusCode(200).extract().path("keys.kid");
    }
}
