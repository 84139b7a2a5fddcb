package dev.gridservices.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Reads the grid-services claims of an access token quarkus-oidc has verified (signature, issuer,
 * audience, expiry) into a {@link Caller}. A verified token without {@code org_id} acts for no tenant and
 * is refused, as is one without a valid {@code org_kind}.
 */
@ApplicationScoped
class BearerTokenAugmentor implements SecurityIdentityAugmentor {

    static final String ORGANIZATION = "org_id";
    static final String WORKSPACE = "workspace_id";
    static final String VEN = "ven_id";
    static final String CLIENT = "client_id";
    static final String SCOPE = "scope";
    static final String KIND = "org_kind";

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || identity.getAttribute(Caller.ATTRIBUTE) != null
                || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        String organization = claim(token, ORGANIZATION);
        if (organization == null || organization.isBlank()) {
            return Uni.createFrom().failure(new AuthenticationFailedException("Access token has no org_id claim"));
        }
        OrganizationKind kind;
        try {
            kind = OrganizationKind.ofWire(claim(token, KIND));
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(new AuthenticationFailedException("Access token has no valid org_kind claim"));
        }
        String client = claim(token, CLIENT);
        Set<String> scopes = Scopes.parse(token.getClaim(SCOPE));
        Caller caller = new Caller(organization, claim(token, WORKSPACE), CredentialType.BEARER_TOKEN,
                client != null ? client : token.getSubject(), null, claim(token, VEN), null, scopes, kind);
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity)
                .addAttribute(Caller.ATTRIBUTE, caller)
                .build());
    }

    private static String claim(JsonWebToken token, String name) {
        Object value = token.getClaim(name);
        if (value == null) {
            return null;
        }
        return value instanceof JsonString json ? json.getString() : value.toString();
    }
}
