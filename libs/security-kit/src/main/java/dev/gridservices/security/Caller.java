package dev.gridservices.security;

import java.util.Objects;
import java.util.Set;

/**
 * The authenticated caller, whichever credential it used. Built once per authentication and carried
 * as an attribute of the Quarkus {@code SecurityIdentity}, so both credential paths end in one shape.
 *
 * @param clientId    the OAuth client of a bearer token; null for an API key
 * @param keyId       the id (never the secret) of an API key; null for a bearer token
 * @param venId       the VEN a token's client is bound to, if any
 * @param referenceId the end-user reference a scoped key is restricted to
 * @param organizationKind utility or OEM; null (with a null organization) only for the platform admin
 */
public record Caller(String organizationId, String workspaceId, CredentialType credentialType, String clientId,
                     String keyId, String venId, String referenceId, Set<String> scopes,
                     OrganizationKind organizationKind) {

    /** The {@code SecurityIdentity} attribute under which the caller travels. */
    public static final String ATTRIBUTE = Caller.class.getName();

    public Caller {
        Objects.requireNonNull(credentialType, "credentialType");
        if (credentialType != CredentialType.PLATFORM_ADMIN_KEY) {
            Objects.requireNonNull(organizationId, "organizationId");
            Objects.requireNonNull(organizationKind, "organizationKind");
        }
        scopes = Set.copyOf(scopes);
    }
}
