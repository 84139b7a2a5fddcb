package dev.gridservices.device.repository;

import dev.gridservices.kit.paging.Page;
import dev.gridservices.kit.paging.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class SiteRepository implements PanacheRepositoryBase<Site, String> {

    private static final String ORDER = "s.createdAt, s.id";

    public Uni<Site> findVisible(String id, Scope scope) {
        Queries q = Queries.scoped("Site", "s", scope, "venId").eq("s.id", "id", id);
        return find(q.hql(ORDER), q.params()).firstResult();
    }

    public Uni<List<Site>> window(Scope scope, int skip, int limit) {
        Queries q = Queries.scoped("Site", "s", scope, "venId");
        return Queries.window(find(q.hql(ORDER), q.params()), skip, limit);
    }

    public Uni<Page<Site>> page(Scope scope, String referenceId, String customerId, PageRequest page) {
        Queries q = Queries.scoped("Site", "s", scope, "venId").eq("s.referenceId", "ref", referenceId)
                .eq("s.customerId", "customer", customerId);
        return Queries.page(find(q.hql(ORDER), q.params()), page);
    }

    public Uni<Long> countDevices(String siteId) {
        return Device.count("siteId", siteId);
    }
}
