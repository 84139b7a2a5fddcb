package dev.gridservices.testkit.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;

/**
 * An access token from the {@link TestAuthServer}, for the cases {@link TestCredentials} does not cover:
 * by default it is exactly what auth-service issues (ES256, published key, {@code aud=grid-services},
 * {@code org_kind=utility}, one hour); each setter breaks or varies one thing, to prove a service refuses or honours it.
 * <pre>{@code
 * String expired = TestToken.forOrganization("org-1").scopes("read_programs").expiresIn(Duration.ofMinutes(-5)).mint();
 * }</pre>
 */
public final class TestToken {

    private final JsonObject spec = new JsonObject().put("clientId", "test-client");

    private TestToken(String organizationId) {
        spec.put("organizationId", organizationId);
    }

    /** A token acting for {@code organizationId}; null leaves the {@code org_id} claim out. */
    public static TestToken forOrganization(String organizationId) {
        return new TestToken(organizationId);
    }

    public TestToken scopes(String... scopes) {
        spec.put("scopes", new JsonArray(List.of(scopes)));
        return this;
    }

    public TestToken ven(String venId) {
        spec.put("venId", venId);
        return this;
    }

    /** The {@code org_kind} claim: "utility" (the default), "oem", or null to leave it out. */
    public TestToken kind(String organizationKind) {
        if (organizationKind == null) {
            spec.put("omitKind", true);
        } else {
            spec.put("organizationKind", organizationKind);
        }
        return this;
    }

    public TestToken workspace(String workspaceId) {
        spec.put("workspaceId", workspaceId);
        return this;
    }

    /** The OAuth client the token was issued to ({@code sub} and {@code client_id}); "test-client" by default. */
    public TestToken client(String clientId) {
        spec.put("clientId", clientId);
        return this;
    }

    public TestToken audience(String audience) {
        spec.put("audience", audience);
        return this;
    }

    /** An {@code iss} other than the server's own URL. */
    public TestToken issuer(String issuer) {
        spec.put("issuer", issuer);
        return this;
    }

    /** Lifetime from now; negative for a token that has already expired. */
    public TestToken expiresIn(Duration lifetime) {
        spec.put("expiresIn", lifetime.toSeconds());
        return this;
    }

    /** Signed RS256 with the server's published RSA key, as auth-service signs for a client with tokenSigningAlg=RS256. */
    public TestToken rs256() {
        spec.put("algorithm", "RS256");
        return this;
    }

    /** Signed with a key the server never publishes, as a token from another issuer would be. */
    public TestToken signedWithUnpublishedKey() {
        spec.put("unpublishedKey", true);
        return this;
    }

    /** The compact JWS, to send as {@code Authorization: Bearer <token>}. */
    public String mint() {
        return TestAuthClient.post("/test/tokens", spec).getString("access_token");
    }
}
