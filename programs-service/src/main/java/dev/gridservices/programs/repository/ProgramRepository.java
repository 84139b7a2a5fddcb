package dev.gridservices.programs.repository;

import dev.gridservices.kit.paging.Page;
import dev.gridservices.kit.paging.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Program queries. Every read for a caller goes through {@link #VISIBLE}: public programs plus the
 * caller's own private ones, so a query cannot forget the tenant.
 */
@ApplicationScoped
public class ProgramRepository implements PanacheRepositoryBase<Program, String> {

    static final String VISIBLE = "(p.visibility = 'public' or p.organizationId = :org)";
    private static final String ORDER = " order by p.slug, p.id";

    /** What a catalog listing filters on; null fields do not filter. */
    public record CatalogFilter(String organizationId, boolean includeAll, String visibility, String state) {
    }

    public Uni<Program> findVisibleBySlug(String slug, String organizationId) {
        return find("from Program p where p.slug = :slug and " + VISIBLE,
                Parameters.with("slug", slug).and("org", organizationId)).firstResult();
    }

    public Uni<Program> findVisibleById(String id, String organizationId) {
        return find("from Program p where p.id = :id and " + VISIBLE,
                Parameters.with("id", id).and("org", organizationId)).firstResult();
    }

    /** The catalog (/v1/programs): by default only programs with an active instance of the caller's. */
    public Uni<Page<Program>> catalog(CatalogFilter filter, PageRequest page) {
        StringBuilder where = new StringBuilder("from Program p where " + VISIBLE);
        Parameters params = Parameters.with("org", filter.organizationId());
        if (filter.visibility() != null) {
            where.append(" and p.visibility = :visibility");
            params.and("visibility", filter.visibility());
        }
        if (filter.state() != null) {
            where.append(" and array_contains(p.states, :state)");
            params.and("state", filter.state());
        }
        if (!filter.includeAll()) {
            where.append(" and exists (from ProgramInstance i where i.program = p and i.organizationId = :org"
                    + " and i.status = 'active')");
        }
        PanacheQuery<Program> query = find(where + ORDER, params);
        return page(query, page);
    }

    /** OpenADR search (/v2/programs): skip/limit windowing, optional targets (any of them matches). */
    public Uni<List<Program>> search(String organizationId, List<String> targets, int skip, int limit) {
        if (limit == 0) {
            return Uni.createFrom().item(List.of());
        }
        StringBuilder where = new StringBuilder("from Program p where " + VISIBLE);
        Parameters params = Parameters.with("org", organizationId);
        if (!targets.isEmpty()) {
            where.append(" and (");
            for (int i = 0; i < targets.size(); i++) {
                where.append(i == 0 ? "" : " or ").append("array_contains(p.targets, :target").append(i).append(')');
                params.and("target" + i, targets.get(i));
            }
            where.append(')');
        }
        return find(where + ORDER, params).range(skip, skip + limit - 1).list();
    }

    public Uni<Long> countInstances(String programId) {
        return ProgramInstance.count("program.id", programId);
    }

    public Uni<Long> countInstancesOfOthers(String programId, String organizationId) {
        return ProgramInstance.count("program.id = ?1 and organizationId <> ?2", programId, organizationId);
    }

    /** One page of {@code query} in the core API's list envelope, with the total it was cut from. */
    static <T> Uni<Page<T>> page(PanacheQuery<T> query, PageRequest page) {
        return query.count().flatMap(total -> query
                .page(io.quarkus.panache.common.Page.of(page.page() - 1, page.perPage())).list()
                .map(rows -> Page.of(rows, page, total)));
    }
}
