package dev.gridservices.auth.service;

import dev.gridservices.security.CallerContext;
import java.util.UUID;

/**
 * Who is calling an admin endpoint: the platform admin (any organization) or an organization's
 * SERVER key (its own organization only). The security kit has already authenticated it and checked its
 * credential type (each resource's {@code @RequiresCredential}); this is the service layer's view of it.
 */
public record Caller(boolean platformAdmin, UUID organizationId, String keyId) {

    public static Caller admin() {
        return new Caller(true, null, "platform-admin");
    }

    public static Caller organization(UUID organizationId, String keyId) {
        return new Caller(false, organizationId, keyId);
    }

    public static Caller of(CallerContext context) {
        return context.isPlatformAdmin() ? admin()
                : organization(UUID.fromString(context.organizationId()), context.keyId());
    }

    /** Whether this caller may act on the given organization; another tenant's organization is simply not there. */
    public boolean mayAccess(UUID organizationId) {
        return platformAdmin || this.organizationId.equals(organizationId);
    }
}
