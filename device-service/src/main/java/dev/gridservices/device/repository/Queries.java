package dev.gridservices.device.repository;

import dev.gridservices.kit.paging.Page;
import dev.gridservices.kit.paging.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.smallrye.mutiny.Uni;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A small builder for the "where" of tenant-scoped queries, and the two ways lists are cut. */
final class Queries {

    private final StringBuilder where;
    private final Map<String, Object> params = new HashMap<>();

    private Queries(String entity, String alias, Scope scope, String venColumn) {
        where = new StringBuilder("from ").append(entity).append(' ').append(alias).append(" where ");
        if (scope.enrolledDevices()) {
            // Only device reads of a utility carry it: its own rows, or a device live in one of its enrollments.
            where.append('(').append(alias).append(".organizationId = :org or ").append(alias).append(".id in (")
                    .append(EnrollmentViewRepository.LIVE_DEVICES_OF_UTILITY).append("))");
        } else {
            where.append(alias).append(".organizationId = :org");
        }
        params.put("org", scope.organizationId());
        if (scope.venBound()) {
            where.append(" and ").append(alias).append('.').append(venColumn).append(" = :scopeVen");
            params.put("scopeVen", scope.venId());
        }
    }

    static Queries scoped(String entity, String alias, Scope scope, String venColumn) {
        return new Queries(entity, alias, scope, venColumn);
    }

    Queries eq(String path, String name, Object value) {
        if (value != null) {
            where.append(" and ").append(path).append(" = :").append(name);
            params.put(name, value);
        }
        return this;
    }

    Queries notNull(String path) {
        where.append(" and ").append(path).append(" is not null");
        return this;
    }

    /** Rows carrying any of {@code values} in the array column {@code path}. */
    Queries anyOf(String path, String name, List<String> values) {
        if (values != null && !values.isEmpty()) {
            where.append(" and (");
            for (int i = 0; i < values.size(); i++) {
                where.append(i == 0 ? "" : " or ").append("array_contains(").append(path).append(", :")
                        .append(name).append(i).append(')');
                params.put(name + i, values.get(i));
            }
            where.append(')');
        }
        return this;
    }

    String hql(String order) {
        return where + " order by " + order;
    }

    Map<String, Object> params() {
        return params;
    }

    /** One page of {@code query} in the core API's list envelope, with the total it was cut from. */
    static <T> Uni<Page<T>> page(PanacheQuery<T> query, PageRequest page) {
        return query.count().flatMap(total -> query
                .page(io.quarkus.panache.common.Page.of(page.page() - 1, page.perPage())).list()
                .map(rows -> Page.of(rows, page, total)));
    }

    /** OpenADR windowing: skip/limit (limit 0 answers an empty list). */
    static <T> Uni<List<T>> window(PanacheQuery<T> query, int skip, int limit) {
        if (limit == 0) {
            return Uni.createFrom().item(List.of());
        }
        return query.range(skip, skip + limit - 1).list();
    }
}
