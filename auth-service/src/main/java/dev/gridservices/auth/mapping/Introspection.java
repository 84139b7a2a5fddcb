package dev.gridservices.auth.mapping;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gridservices.security.ApiKeyIntrospection;
import java.util.List;
import java.util.Map;

/**
 * The contract's answer for an active key (absent fields are left out: the platform-admin key has no
 * organization); an inactive key is answered with {@link #INACTIVE} and nothing else.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Introspection(boolean active, String keyId, String organizationId, String workspaceId, String type,
                            String referenceId, List<String> scopes, String organizationKind) {

    public static final Map<String, Object> INACTIVE = Map.of("active", false);

    public static Object of(ApiKeyIntrospection answer) {
        return !answer.active() ? INACTIVE : new Introspection(true, answer.keyId(), answer.organizationId(),
                answer.workspaceId(), answer.type(), answer.referenceId(), answer.scopes(), answer.organizationKind());
    }
}
