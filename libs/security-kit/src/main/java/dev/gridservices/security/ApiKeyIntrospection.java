package dev.gridservices.security;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** auth-service's answer to {@code POST /internal/api-keys/introspect}; only {@code active} when the key is unknown or revoked. */
@JsonIgnoreProperties(ignoreUnknown = true)
record ApiKeyIntrospection(boolean active, String keyId, String organizationId, String workspaceId, String type,
                           String referenceId, List<String> scopes, String organizationKind) {

    static final ApiKeyIntrospection INACTIVE = new ApiKeyIntrospection(false, null, null, null, null, null, null, null);
}
