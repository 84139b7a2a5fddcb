package dev.gridservices.kit.tenancy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The tenant a request acts for: an organization and, for a workspace-bound credential (token claim
 * {@code workspace_id}, API key with a {@code workspaceId}), one of its workspaces. An organization-wide
 * credential (no workspace) sees every workspace of its organization; a workspace-bound one sees only rows of
 * its own workspace. Every repository query takes a {@code Tenant} and adds {@link #predicate(String)}, so the
 * rule lives here once instead of in ad-hoc checks.
 *
 * @param organizationId never null
 * @param workspaceId    null for an organization-wide credential
 */
public record Tenant(String organizationId, String workspaceId) {

    /** Parameter names the predicate binds; chosen so they do not clash with a query's own parameters. */
    public static final String ORGANIZATION_PARAMETER = "tenantOrganizationId";
    public static final String WORKSPACE_PARAMETER = "tenantWorkspaceId";

    public Tenant {
        Objects.requireNonNull(organizationId, "organizationId");
    }

    public static Tenant of(String organizationId, String workspaceId) {
        return new Tenant(organizationId, workspaceId);
    }

    /** Whether the credential is confined to one workspace. */
    public boolean isWorkspaceBound() {
        return workspaceId != null;
    }

    /**
     * A JPQL/HQL condition restricting the entity {@code alias} (which has {@code organizationId} and
     * {@code workspaceId} attributes) to this tenant's rows, with the parameters it binds.
     */
    public Predicate predicate(String alias) {
        String prefix = alias == null || alias.isEmpty() ? "" : alias + ".";
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put(ORGANIZATION_PARAMETER, organizationId);
        StringBuilder clause = new StringBuilder("(").append(prefix).append("organizationId = :")
                .append(ORGANIZATION_PARAMETER);
        if (isWorkspaceBound()) {
            clause.append(" and ").append(prefix).append("workspaceId = :").append(WORKSPACE_PARAMETER);
            parameters.put(WORKSPACE_PARAMETER, workspaceId);
        }
        return new Predicate(clause.append(')').toString(), Map.copyOf(parameters));
    }

    /** The same rule as {@link #predicate(String)}, for a row already in memory. */
    public boolean owns(String rowOrganizationId, String rowWorkspaceId) {
        return organizationId.equals(rowOrganizationId)
                && (!isWorkspaceBound() || workspaceId.equals(rowWorkspaceId));
    }

    /** A query condition and the named parameters it needs. */
    public record Predicate(String clause, Map<String, Object> parameters) {
    }
}
