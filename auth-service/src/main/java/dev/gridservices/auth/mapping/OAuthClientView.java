package dev.gridservices.auth.mapping;

import dev.gridservices.auth.repository.ClientSecret;
import dev.gridservices.auth.repository.OAuthClient;
import dev.gridservices.auth.service.Scopes;
import java.util.List;

/** A client as listed; its secrets appear only as metadata. */
public record OAuthClientView(String clientId, String organizationId, String workspaceId, String name,
                              String venId, List<String> scopes, String tokenSigningAlg, String status, String createdAt,
                              String revokedAt, List<SecretView> secrets) {

    public record SecretView(String id, String createdAt, String expiresAt, String revokedAt) {
        public static SecretView of(ClientSecret s) {
            return new SecretView(s.id.toString(), s.createdAt.toString(), str(s.expiresAt), str(s.revokedAt));
        }
    }

    public static OAuthClientView of(OAuthClient c) {
        return new OAuthClientView(c.clientId, c.organizationId.toString(), str(c.workspaceId), c.name, c.venId,
                Scopes.list(c.scopes), c.tokenSigningAlg, c.status.name(), c.createdAt.toString(), str(c.revokedAt),
                c.secrets.stream().map(SecretView::of).toList());
    }

    static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
