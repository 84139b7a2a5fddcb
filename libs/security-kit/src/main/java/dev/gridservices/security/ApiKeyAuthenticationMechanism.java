package dev.gridservices.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Authenticates the {@code Texture-Api-Key} header. Requests without the header are left to the other
 * mechanism (quarkus-oidc's bearer tokens). It runs first so that its challenge, a problem body with
 * {@code WWW-Authenticate: Bearer realm="grid-services"}, is what an anonymous caller of a protected path gets.
 */
@ApplicationScoped
public class ApiKeyAuthenticationMechanism implements HttpAuthenticationMechanism {

    public static final String HEADER = "Texture-Api-Key";

    /** Above quarkus-oidc's default (1001). */
    private static final int PRIORITY = DEFAULT_PRIORITY + 10;

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String key = context.request().getHeader(HEADER);
        if (key == null) {
            return Uni.createFrom().nullItem();
        }
        // Marks this mechanism as the one to challenge if the key is rejected.
        context.put(HttpAuthenticationMechanism.class.getName(), this);
        if (key.isBlank()) {
            return Uni.createFrom().failure(new AuthenticationFailedException("Empty API key"));
        }
        return identityProviderManager.authenticate(
                HttpSecurityUtils.setRoutingContextAttribute(new ApiKeyAuthenticationRequest(key.trim()), context));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        boolean invalid = SecurityProblems.credentialsSent(context);
        return Uni.createFrom().item(new ChallengeData(401, SecurityProblems.WWW_AUTHENTICATE,
                SecurityProblems.challenge(invalid).get(SecurityProblems.WWW_AUTHENTICATE)));
    }

    /** Writes the whole 401 problem, not just the header, so that every 401 carries a body. */
    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        SecurityProblems.unauthorized(context, SecurityProblems.credentialsSent(context));
        return Uni.createFrom().item(true);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.OTHER_HEADER, HEADER));
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }
}
