package dev.gridservices.dispatch.service;

import dev.gridservices.security.OrganizationKind;

/**
 * Who a request acts for, from the authenticated credential.
 *
 * @param organizationId the caller's organization
 * @param kind           utility (writes events) or OEM (its VENs read them)
 * @param venId          the VEN a token is bound to (claim {@code ven_id}), else null
 * @param workspaceId    the workspace a credential is bound to (core API keys may be), else null
 */
public record Caller(String organizationId, OrganizationKind kind, String venId, String workspaceId) {

    public boolean isUtility() {
        return kind == OrganizationKind.UTILITY;
    }

    /** An OEM credential bound to one VEN sees only that VEN's objects. */
    public boolean isVen() {
        return venId != null;
    }
}
