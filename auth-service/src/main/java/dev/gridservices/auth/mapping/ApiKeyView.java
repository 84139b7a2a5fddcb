package dev.gridservices.auth.mapping;

import dev.gridservices.auth.repository.ApiKey;

/** An API key as listed: its display prefix, never the key. */
public record ApiKeyView(String id, String organizationId, String workspaceId, String name, String type,
                         String referenceId, String prefix, String createdAt, String revokedAt) {

    public static ApiKeyView of(ApiKey k) {
        return new ApiKeyView(k.id.toString(), k.organizationId.toString(), OAuthClientView.str(k.workspaceId),
                k.name, k.type.name(), k.referenceId, k.keyPrefix, k.createdAt.toString(),
                OAuthClientView.str(k.revokedAt));
    }
}
