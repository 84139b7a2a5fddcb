package dev.gridservices.localstack.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real HTTP server publishing a JWKS, as auth-service does. */
class MqttAuthenticatorTest {

    private static final String PASSWORD = "service-secret";

    private HttpServer server;
    private String issuer;
    private final AtomicReference<String> publishedKeys = new AtomicReference<>();
    private final AtomicInteger jwksRequests = new AtomicInteger();
    private RsaJsonWebKey signingKey;
    private MqttAuthenticator authenticator;

    @BeforeEach
    void publishKeys() throws Exception {
        signingKey = newKey("kid-1");
        publish(signingKey);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/.well-known/jwks.json", exchange -> {
            jwksRequests.incrementAndGet();
            byte[] body = publishedKeys.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        issuer = "http://localhost:" + server.getAddress().getPort();
        authenticator = new MqttAuthenticator(issuer, MqttBroker.SERVICE_USERNAME, PASSWORD);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aValidTokenWithAVenIdAuthenticatesThatVen() throws Exception {
        String token = token(signingKey, claims(issuer, "grid-services", 300, "ven-a"));

        assertThat(authenticator.checkValid("client-a", token, new byte[0])).isTrue();
        assertThat(authenticator.principal("client-a", token)).contains(MqttPrincipal.ven("ven-a"));
        assertThat(authenticator.principal("client-a", "another-token")).isEmpty();
        assertThat(authenticator.principal("client-b", token)).isEmpty();
    }

    @Test
    void expiredForeignOrUnboundTokensAreRefused() throws Exception {
        RsaJsonWebKey unpublished = newKey("kid-unpublished");
        Map<String, String> refused = Map.of(
                "expired", token(signingKey, claims(issuer, "grid-services", -120, "ven-a")),
                "other issuer", token(signingKey, claims("http://localhost:1", "grid-services", 300, "ven-a")),
                "other audience", token(signingKey, claims(issuer, "other", 300, "ven-a")),
                "no ven_id", token(signingKey, claims(issuer, "grid-services", 300, null)),
                "wildcard ven_id", token(signingKey, claims(issuer, "grid-services", 300, "+")),
                "unpublished key", token(unpublished, claims(issuer, "grid-services", 300, "ven-a")),
                "not a JWT", "not-a-token");

        refused.forEach((why, token) ->
                assertThat(authenticator.checkValid("client-" + why, token, new byte[0])).as(why).isFalse());
        assertThat(authenticator.principal("client-expired", refused.get("expired"))).isEmpty();
    }

    @Test
    void aTokenSignedWithANewlyPublishedKeyIsAcceptedAfterARefetch() throws Exception {
        assertThat(authenticator.checkValid("c1", token(signingKey, claims(issuer, "grid-services", 300, "ven-a")),
                new byte[0])).isTrue();
        int fetchesBefore = jwksRequests.get();
        RsaJsonWebKey rotated = newKey("kid-2");
        publish(signingKey, rotated);
        // jose4j refetches on an unknown kid only if its last fetch is older than 300 ms (flood guard)
        Thread.sleep(400);

        assertThat(authenticator.checkValid("c2", token(rotated, claims(issuer, "grid-services", 300, "ven-b")),
                new byte[0])).isTrue();
        assertThat(jwksRequests.get()).isGreaterThan(fetchesBefore);
    }

    @Test
    void theServiceCredentialNeedsItsPassword() {
        assertThat(authenticator.checkValid("dispatch-service", MqttBroker.SERVICE_USERNAME,
                PASSWORD.getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(authenticator.principal("dispatch-service", MqttBroker.SERVICE_USERNAME))
                .contains(MqttPrincipal.platformService());

        assertThat(authenticator.checkValid("x", MqttBroker.SERVICE_USERNAME, "wrong".getBytes(StandardCharsets.UTF_8)))
                .isFalse();
        assertThat(authenticator.checkValid("y", MqttBroker.SERVICE_USERNAME, null)).isFalse();
        assertThat(authenticator.checkValid("z", null, null)).isFalse();
        assertThat(authenticator.principal("x", MqttBroker.SERVICE_USERNAME)).isEqualTo(Optional.empty());
    }

    private void publish(RsaJsonWebKey... keys) {
        publishedKeys.set(new JsonWebKeySet(List.of(keys)).toJson());
    }

    private static RsaJsonWebKey newKey(String kid) throws JoseException {
        RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId(kid);
        key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        return key;
    }

    private static JwtClaims claims(String issuer, String audience, long expiresInSeconds, String venId) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(audience);
        claims.setSubject("client-1");
        claims.setIssuedAtToNow();
        NumericDate expiry = NumericDate.now();
        expiry.addSeconds(expiresInSeconds);
        claims.setExpirationTime(expiry);
        if (venId != null) {
            claims.setClaim("ven_id", venId);
        }
        return claims;
    }

    private static String token(RsaJsonWebKey key, JwtClaims claims) throws JoseException {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }
}
