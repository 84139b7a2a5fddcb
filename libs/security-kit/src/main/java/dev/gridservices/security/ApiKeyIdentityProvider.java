package dev.gridservices.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/** Turns an API key into an identity by introspecting it (at auth-service, cached; or auth-service's own lookup). */
@ApplicationScoped
class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

    private final ApiKeyIntrospector introspection;

    ApiKeyIdentityProvider(ApiKeyIntrospector introspection) {
        this.introspection = introspection;
    }

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyAuthenticationRequest request, AuthenticationRequestContext context) {
        return introspection.introspect(request.key()).map(ApiKeyIdentityProvider::identity);
    }

    static SecurityIdentity identity(ApiKeyIntrospection key) {
        if (!key.active()) {
            throw new AuthenticationFailedException("API key unknown or revoked");
        }
        if (key.keyId() == null) {
            throw new AuthenticationFailedException("API key introspection carries no key id");
        }
        CredentialType type;
        OrganizationKind kind = null;
        try {
            type = CredentialType.ofKeyKind(key.type());
            if (type != CredentialType.PLATFORM_ADMIN_KEY) {
                if (key.organizationId() == null) {
                    throw new IllegalArgumentException("API key introspection carries no organization");
                }
                kind = OrganizationKind.ofWire(key.organizationKind());
            }
        } catch (IllegalArgumentException e) {
            throw new AuthenticationFailedException(e.getMessage());
        }
        Set<String> scopes = key.scopes() == null ? Set.of() : Set.copyOf(key.scopes());
        Caller caller = new Caller(type == CredentialType.PLATFORM_ADMIN_KEY ? null : key.organizationId(),
                key.workspaceId(), type, null, key.keyId(), null, key.referenceId(), scopes, kind);
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(key.keyId()))
                .addAttribute(Caller.ATTRIBUTE, caller)
                .build();
    }
}
