package dev.gridservices.device.repository;

import dev.gridservices.kit.paging.Page;
import dev.gridservices.kit.paging.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class CustomerRepository implements PanacheRepositoryBase<Customer, String> {

    private static final String ORDER = "c.createdAt, c.id";

    public Uni<Customer> findVisible(String id, String organizationId) {
        return find("organizationId = ?1 and id = ?2", organizationId, id).firstResult();
    }

    public Uni<Page<Customer>> page(String organizationId, String referenceId, PageRequest page) {
        Queries q = Queries.scoped("Customer", "c", Scope.organization(organizationId), null)
                .eq("c.referenceId", "ref", referenceId);
        return Queries.page(find(q.hql(ORDER), q.params()), page);
    }
}
