package dev.gridservices.auth.service;

import java.util.UUID;

/**
 * Who is calling an admin endpoint: the platform admin (any organization) or an organization's
 * SERVER key (its own organization only).
 */
public record Caller(boolean platformAdmin, UUID organizationId, String keyId) {

    public static Caller admin() {
        return new Caller(true, null, "platform-admin");
    }

    public static Caller organization(UUID organizationId, String keyId) {
        return new Caller(false, organizationId, keyId);
    }

    /** Whether this caller may act on the given organization; another tenant's organization is simply not there. */
    public boolean mayAccess(UUID organizationId) {
        return platformAdmin || this.organizationId.equals(organizationId);
    }
}
