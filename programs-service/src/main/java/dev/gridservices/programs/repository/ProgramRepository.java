package dev.gridservices.programs.repository;

import dev.gridservices.kit.paging.Page;
import dev.gridservices.kit.paging.PageRequest;
import dev.gridservices.kit.tenancy.Tenant;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Program queries. Every read for a caller goes through {@link Audience#visible}: public programs, the
 * caller's own, what was offered to its OEM organization, narrowed to a VEN's targets, so a query cannot
 * forget the tenant.
 */
@ApplicationScoped
public class ProgramRepository implements PanacheRepositoryBase<Program, String> {

    private static final String ORDER = " order by p.slug, p.id";

    /** What a catalog listing filters on; null fields do not filter. */
    public record CatalogFilter(Audience audience, Tenant instancesOf, boolean includeAll, String visibility,
                                String state) {
    }

    /**
     * The program a /v1 path names, by id or slug, if the audience sees it. A slug is unique per organization,
     * so several visible programs may share one: the id wins, then the caller's own, then a public one, then
     * the earliest offered. {@code lock} takes the row lock (SELECT … FOR UPDATE) for a write that depends on
     * the program's state (new instances, offers, visibility).
     */
    public Uni<Program> findVisible(String key, Audience audience, boolean lock) {
        Map<String, Object> params = new HashMap<>();
        params.put("key", key);
        String visible = audience.visible(params);
        String rank = audience.seesEverything()
                ? "case when p.id = :key then 0 when p.visibility = 'public' then 1 else 2 end"
                : "case when p.id = :key then 0 when p.organizationId = :" + Audience.ORG
                + " then 1 when p.visibility = 'public' then 2 else 3 end";
        PanacheQuery<Program> query = find("from Program p where (p.id = :key or p.slug = :key) and " + visible
                + " order by " + rank + ", p.createdAt, p.id", params);
        return (lock ? query.withLock(LockModeType.PESSIMISTIC_WRITE) : query).firstResult();
    }

    /** The program with this id if the audience sees it; locked when {@code lock}. */
    public Uni<Program> findVisibleById(String id, Audience audience, boolean lock) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        PanacheQuery<Program> query = find("from Program p where p.id = :id and " + audience.visible(params), params);
        return (lock ? query.withLock(LockModeType.PESSIMISTIC_WRITE) : query).firstResult();
    }

    /** The catalog (/v1/programs): by default only programs with an active instance of the caller's. */
    public Uni<Page<Program>> catalog(CatalogFilter filter, PageRequest page) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = new StringBuilder("from Program p where " + filter.audience().visible(params));
        if (filter.visibility() != null) {
            where.append(" and p.visibility = :visibility");
            params.put("visibility", filter.visibility());
        }
        if (filter.state() != null) {
            where.append(" and array_contains(p.states, :state)");
            params.put("state", filter.state());
        }
        if (!filter.includeAll() && filter.instancesOf() != null) {
            Tenant.Predicate tenant = filter.instancesOf().predicate("i");
            where.append(" and exists (from ProgramInstance i where i.program = p and ").append(tenant.clause())
                    .append(" and i.status = 'active')");
            params.putAll(tenant.parameters());
        }
        return page(find(where + ORDER, params), count(where.toString(), params), page);
    }

    /** OpenADR search (/v2/programs): skip/limit windowing, optional targets (any of them matches). */
    public Uni<List<Program>> search(Audience audience, List<String> targets, int skip, int limit) {
        if (limit == 0) {
            return Uni.createFrom().item(List.of());
        }
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = new StringBuilder("from Program p where " + audience.visible(params));
        if (!targets.isEmpty()) {
            where.append(" and (");
            for (int i = 0; i < targets.size(); i++) {
                where.append(i == 0 ? "" : " or ").append("array_contains(p.targets, :target").append(i).append(')');
                params.put("target" + i, targets.get(i));
            }
            where.append(')');
        }
        return find(where + ORDER, params).range(skip, skip + limit - 1).list();
    }

    /**
     * Serializes every create or rename to {@code slug} until the transaction ends (an advisory lock on the
     * slug's hash), so the private-against-public check below cannot race.
     */
    public Uni<Void> lockSlug(String slug) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("select count(*) from (select pg_advisory_xact_lock(hashtext(:slug))) l", Long.class)
                .setParameter("slug", slug).getSingleResult()).replaceWithVoid();
    }

    /**
     * Whether {@code slug} clashes for a program of {@code owner}: with the owner's other programs, with any
     * public program, and — for a public program — with any program at all. Only clashes the owner could see
     * (or, for a public program, the platform admin who publishes it) are reported, so the answer never reveals
     * another tenant's private program.
     */
    public Uni<Boolean> slugTaken(String slug, String owner, boolean forPublic, String exceptId) {
        String clash = forPublic ? "" : " and (p.visibility = 'public' or p.organizationId = :owner)";
        Map<String, Object> params = new HashMap<>();
        params.put("slug", slug);
        params.put("except", exceptId == null ? "" : exceptId);
        if (!forPublic) {
            params.put("owner", owner);
        }
        return count("from Program p where p.slug = :slug and p.id <> :except" + clash, params).map(n -> n > 0);
    }

    public Uni<Long> countInstances(String programId) {
        return ProgramInstance.count("program.id", programId);
    }

    public Uni<Long> countInstancesOfOthers(String programId, String organizationId) {
        return ProgramInstance.count("program.id = ?1 and organizationId <> ?2", programId, organizationId);
    }

    /** One page of {@code query} in the core API's list envelope, with the total it was cut from. */
    static <T> Uni<Page<T>> page(PanacheQuery<T> query, Uni<Long> total, PageRequest page) {
        return total.flatMap(count -> query
                .page(io.quarkus.panache.common.Page.of(page.page() - 1, page.perPage())).list()
                .map(rows -> Page.of(rows, page, count)));
    }
}
