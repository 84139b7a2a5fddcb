package dev.gridservices.mqtt.broker;

import dev.gridservices.testkit.auth.TestToken;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

/** The usernames/passwords the case files name, minted by test-kit's TestAuthServer or the AuthStub. */
final class Credentials {

    /** A username and password. */
    record Login(String username, byte[] password) {
    }

    private Credentials() {
    }

    static String oauthClientFor(String venId) {
        return "cl-" + venId;
    }

    /** A token exactly as auth-service issues it to an OAuth client bound to {@code venId} (RS256). */
    static String token(String venId) {
        return TestToken.forOrganization("org-mqtt").client(oauthClientFor(venId)).ven(venId).scopes("read_events").mint();
    }

    static Login service(String name) {
        return new Login("service:" + name, TestBroker.SERVICE_CREDENTIAL.getBytes(StandardCharsets.UTF_8));
    }

    static Login login(String credential, String self, String other) {
        try {
            return switch (credential) {
                case "token" -> new Login(token(self), new byte[0]);
                case "es256-token" -> new Login(TestBroker.get().auth.es256Token(TestBroker.get().auth.currentEcKey(),
                        self, oauthClientFor(self), 3600), new byte[0]);
                case "expired-token" -> venToken(self).expiresIn(Duration.ofMinutes(-5)).login();
                case "unpublished-key-token" -> venToken(self).signedWithUnpublishedKey().login();
                case "tampered-token" -> new Login(tampered(token(self), self, other), new byte[0]);
                case "wrong-audience-token" -> venToken(self).audience("another-api").login();
                case "wrong-issuer-token" -> venToken(self).issuer("https://auth.example.com").login();
                case "no-ven-token" -> new Login(TestToken.forOrganization("org-mqtt").client(oauthClientFor(self))
                        .scopes("read_events").mint(), new byte[0]);
                case "unsigned-token" -> new Login(unsigned(self), new byte[0]);
                case "garbage" -> new Login("not-a-token-" + UUID.randomUUID(), new byte[0]);
                case "none" -> new Login(null, null);
                case "service" -> service("dispatch-service");
                case "service-wrong-credential" -> new Login("service:dispatch-service",
                        "guessed-guessed-guessed".getBytes(StandardCharsets.UTF_8));
                case "service-no-name" -> new Login("service:", TestBroker.SERVICE_CREDENTIAL.getBytes(StandardCharsets.UTF_8));
                default -> throw new IllegalArgumentException("Unknown credential in the case file: " + credential);
            };
        } catch (org.jose4j.lang.JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static VenToken venToken(String venId) {
        return new VenToken(TestToken.forOrganization("org-mqtt").client(oauthClientFor(venId)).ven(venId)
                .scopes("read_events"));
    }

    private record VenToken(TestToken token) {
        VenToken expiresIn(Duration lifetime) {
            return new VenToken(token.expiresIn(lifetime));
        }

        VenToken signedWithUnpublishedKey() {
            return new VenToken(token.signedWithUnpublishedKey());
        }

        VenToken audience(String audience) {
            return new VenToken(token.audience(audience));
        }

        VenToken issuer(String issuer) {
            return new VenToken(token.issuer(issuer));
        }

        Login login() {
            return new Login(token.mint(), new byte[0]);
        }
    }

    /** The genuine token with its payload's ven_id changed and the original signature kept. */
    private static String tampered(String token, String from, String to) {
        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace(from, to);
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    /** The genuine claims with {"alg":"none"} and no signature. */
    private static String unsigned(String venId) {
        String[] parts = token(venId).split("\\.");
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"kid\":\"test-signing-key\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + parts[1] + ".";
    }
}
