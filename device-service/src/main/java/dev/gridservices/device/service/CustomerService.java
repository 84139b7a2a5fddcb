package dev.gridservices.device.service;

import dev.gridservices.device.repository.Customer;
import dev.gridservices.device.repository.CustomerRepository;
import dev.gridservices.device.repository.Site;
import dev.gridservices.device.repository.SiteRepository;
import dev.gridservices.kit.paging.Page;
import dev.gridservices.kit.paging.PageRequest;
import dev.gridservices.kit.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;

/** Customers of an organization (/v1/customers); a site may belong to one. */
@ApplicationScoped
public class CustomerService {

    private final CustomerRepository customers;
    private final SiteRepository sites;
    private final Clock clock;

    public CustomerService(CustomerRepository customers, SiteRepository sites, Clock clock) {
        this.customers = customers;
        this.sites = sites;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Customer> create(Actor actor, CustomerDraft draft) {
        Customer c = new Customer();
        c.id = Ids.customer();
        c.organizationId = actor.organizationId();
        c.workspaceId = actor.workspaceId();
        c.referenceId = draft.referenceId();
        c.firstName = draft.firstName();
        c.lastName = draft.lastName();
        c.email = draft.email();
        c.phone = draft.phone();
        c.createdAt = Times.now(clock);
        c.updatedAt = c.createdAt;
        return customers.persist(c);
    }

    @WithSession
    public Uni<Customer> get(Actor actor, String id) {
        return customers.findVisible(id, actor.organizationId())
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Customer", id));
    }

    @WithSession
    public Uni<Page<Customer>> page(Actor actor, String referenceId, PageRequest page) {
        return customers.page(actor.organizationId(), referenceId, page);
    }

    /** Deletes the customer; its sites stay and belong to no customer (FK ON DELETE SET NULL). */
    @WithTransaction
    public Uni<Void> delete(Actor actor, String id) {
        return customers.findVisible(id, actor.organizationId())
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Customer", id))
                .call(customers::delete).replaceWithVoid();
    }

    @WithSession
    public Uni<List<Site>> sitesOf(Actor actor, Customer customer) {
        return sites.page(actor.scope(), null, customer.id, PageRequest.of(1, PageRequest.MAX_PER_PAGE))
                .map(Page::data);
    }
}
