package dev.gridservices.security;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * auth-service's answer to {@code POST /internal/api-keys/introspect}; only {@code active} when the key is
 * unknown or revoked. Public so that auth-service can answer for itself through an {@link ApiKeyIntrospector}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApiKeyIntrospection(boolean active, String keyId, String organizationId, String workspaceId, String type,
                                  String referenceId, List<String> scopes, String organizationKind) {

    public static final ApiKeyIntrospection INACTIVE = new ApiKeyIntrospection(false, null, null, null, null, null, null, null);
}
