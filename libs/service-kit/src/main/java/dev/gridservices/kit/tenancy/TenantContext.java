package dev.gridservices.kit.tenancy;

import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.kit.problem.ProblemType;
import jakarta.enterprise.context.RequestScoped;

/**
 * Who the current request acts for. Set once by the security layer after authentication; every
 * repository query takes its organization from here, so a query cannot forget the tenant.
 */
@RequestScoped
public class TenantContext {

    private String organizationId;
    private String workspaceId;

    public void set(String organizationId, String workspaceId) {
        this.organizationId = organizationId;
        this.workspaceId = workspaceId;
    }

    /** The caller's organization; a request without one never reaches tenant data. */
    public String organizationId() {
        if (organizationId == null) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "No tenant for this request");
        }
        return organizationId;
    }

    public String workspaceId() {
        return workspaceId;
    }

    /** The caller's organization and workspace as one value, for repository queries. */
    public Tenant tenant() {
        return Tenant.of(organizationId(), workspaceId);
    }
}
