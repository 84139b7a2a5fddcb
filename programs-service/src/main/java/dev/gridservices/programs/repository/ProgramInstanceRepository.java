package dev.gridservices.programs.repository;

import dev.gridservices.kit.paging.Page;
import dev.gridservices.kit.paging.PageRequest;
import dev.gridservices.kit.tenancy.Tenant;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Program instance queries; each one is scoped by the caller's {@link Tenant} (organization, and workspace
 * for a workspace-bound credential). The program is joined in the same query (it is read with every
 * instance), so a list costs one statement, not one per program.
 */
@ApplicationScoped
public class ProgramInstanceRepository implements PanacheRepositoryBase<ProgramInstance, String> {

    private static final String ORDER = " order by i.createdAt, i.id";

    /** Filters of /v1/programInstances and /v1/programs/{slug}/instances; null fields do not filter. */
    public record InstanceFilter(Tenant tenant, String programSlug, String programId, String status,
                                 String workspaceId) {
    }

    public Uni<ProgramInstance> findOwned(String id, Tenant tenant) {
        Tenant.Predicate owned = tenant.predicate("i");
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        params.putAll(owned.parameters());
        return find("from ProgramInstance i join fetch i.program where i.id = :id and " + owned.clause(), params)
                .firstResult();
    }

    public Uni<Page<ProgramInstance>> list(InstanceFilter filter, PageRequest page) {
        Tenant.Predicate owned = filter.tenant().predicate("i");
        StringBuilder where = new StringBuilder(" where ").append(owned.clause());
        Map<String, Object> params = new HashMap<>();
        params.putAll(owned.parameters());
        if (filter.programSlug() != null) {
            where.append(" and p.slug = :programSlug");
            params.put("programSlug", filter.programSlug());
        }
        if (filter.programId() != null) {
            where.append(" and p.id = :programId");
            params.put("programId", filter.programId());
        }
        if (filter.status() != null) {
            where.append(" and i.status = :status");
            params.put("status", filter.status());
        }
        if (filter.workspaceId() != null) {
            where.append(" and i.workspaceId = :workspaceId");
            params.put("workspaceId", filter.workspaceId());
        }
        return ProgramRepository.page(find("from ProgramInstance i join fetch i.program p" + where + ORDER, params),
                count("from ProgramInstance i join i.program p" + where, params), page);
    }

    /** Every instance of a program, across organizations: for events when the program itself changes. */
    public Uni<List<ProgramInstance>> allOfProgram(String programId) {
        return list("from ProgramInstance i join fetch i.program p where p.id = ?1" + ORDER, programId);
    }
}
