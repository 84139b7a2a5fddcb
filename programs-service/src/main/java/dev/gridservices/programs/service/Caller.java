package dev.gridservices.programs.service;

import dev.gridservices.kit.tenancy.Tenant;
import dev.gridservices.programs.repository.Audience;
import dev.gridservices.security.OrganizationKind;

/**
 * Who a request acts for, taken from the authenticated credential by the REST layer: a tenant (organization,
 * and workspace for a workspace-bound credential) of a kind, possibly a VEN; or the platform admin, who acts
 * for no tenant.
 *
 * @param tenant null only for the platform admin
 * @param kind   null only for the platform admin
 * @param venId  the VEN a token is bound to (claim {@code ven_id}), else null
 */
public record Caller(Tenant tenant, OrganizationKind kind, boolean platformAdmin, String venId) {

    public static Caller tenant(Tenant tenant, OrganizationKind kind, String venId) {
        return new Caller(tenant, kind, false, venId);
    }

    public static Caller admin() {
        return new Caller(null, null, true, null);
    }

    /** The caller's organization; null for the platform admin. */
    public String organizationId() {
        return tenant == null ? null : tenant.organizationId();
    }

    public String workspaceId() {
        return tenant == null ? null : tenant.workspaceId();
    }

    public boolean isUtility() {
        return kind == OrganizationKind.UTILITY;
    }

    /** What program queries may show this caller. */
    public Audience audience() {
        return platformAdmin ? Audience.everything()
                : new Audience(tenant.organizationId(), kind == OrganizationKind.OEM, venId);
    }
}
