package dev.gridservices.auth.mapping;

import java.util.List;
import java.util.Map;

/** The contract's answer for an active key; an inactive key is answered with {@link #INACTIVE} and nothing else. */
public record Introspection(boolean active, String keyId, String organizationId, String workspaceId, String type,
                            String referenceId, List<String> scopes) {

    public static final Map<String, Object> INACTIVE = Map.of("active", false);
}
