package dev.gridservices.kit.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TenantTest {

    @Test
    void anOrganizationWideTenantFiltersOnTheOrganizationOnly() {
        Tenant.Predicate p = Tenant.of("org-1", null).predicate("i");
        assertEquals("(i.organizationId = :tenantOrganizationId)", p.clause());
        assertEquals(Map.of("tenantOrganizationId", "org-1"), p.parameters());
        assertTrue(Tenant.of("org-1", null).owns("org-1", "ws-9"));
        assertFalse(Tenant.of("org-1", null).owns("org-2", null));
    }

    @Test
    void aWorkspaceBoundTenantAlsoFiltersOnItsWorkspace() {
        Tenant tenant = Tenant.of("org-1", "ws-a");
        Tenant.Predicate p = tenant.predicate("i");
        assertEquals("(i.organizationId = :tenantOrganizationId and i.workspaceId = :tenantWorkspaceId)",
                p.clause());
        assertEquals(Map.of("tenantOrganizationId", "org-1", "tenantWorkspaceId", "ws-a"), p.parameters());
        assertTrue(tenant.owns("org-1", "ws-a"));
        assertFalse(tenant.owns("org-1", "ws-b"));
        assertFalse(tenant.owns("org-1", null));
        assertTrue(Tenant.of("org-1", "ws-a").predicate("").clause().startsWith("(organizationId"));
    }

    @Test
    void aTenantHasAnOrganization() {
        assertThrows(NullPointerException.class, () -> Tenant.of(null, "ws-a"));
    }
}
