package dev.gridservices.auth.service;

import dev.gridservices.auth.mapping.OrganizationCreate;
import dev.gridservices.auth.mapping.WorkspaceCreate;
import dev.gridservices.auth.repository.Organization;
import dev.gridservices.auth.repository.Workspace;
import dev.gridservices.kit.paging.Page;
import dev.gridservices.kit.paging.PageRequest;
import dev.gridservices.kit.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Organizations (tenants) and their workspaces. */
@ApplicationScoped
public class OrganizationService {

    private static final Logger LOG = Logger.getLogger(OrganizationService.class);

    @WithTransaction
    public Uni<Organization> create(OrganizationCreate request) {
        Organization organization = new Organization();
        organization.id = UUID.randomUUID();
        organization.name = request.name().trim();
        organization.domain = request.domain().trim().toLowerCase();
        organization.logo = request.logo();
        organization.industry = request.industry();
        organization.preferredTemperatureUnit = request.preferredTemperatureUnit() == null
                ? "FAHRENHEIT" : request.preferredTemperatureUnit();
        organization.kind = request.kind();
        organization.createdAt = Instant.now();
        return organization.<Organization>persistAndFlush()
                .invoke(o -> LOG.infof("Created %s organization %s (%s)", o.kind, o.id, o.domain));
    }

    /** The caller's own organization; the platform admin belongs to none. */
    @WithSession
    public Uni<Organization> own(Caller caller) {
        if (caller.platformAdmin()) {
            return Uni.createFrom().failure(ProblemException.notFound("Organization of the platform admin", "key"));
        }
        return Organization.<Organization>findById(caller.organizationId())
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Organization", caller.organizationId()));
    }

    /**
     * The organization an admin call addresses, if the caller may see it. Another tenant's organization
     * answers exactly like a missing one.
     */
    @WithSession
    public Uni<Organization> accessible(Caller caller, UUID organizationId) {
        if (!caller.mayAccess(organizationId)) {
            return Uni.createFrom().failure(ProblemException.notFound("Organization", organizationId));
        }
        return Organization.<Organization>findById(organizationId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Organization", organizationId));
    }

    @WithTransaction
    public Uni<Workspace> createWorkspace(Caller caller, UUID organizationId, WorkspaceCreate request) {
        return accessible(caller, organizationId).chain(organization -> {
            Workspace workspace = new Workspace();
            workspace.id = UUID.randomUUID();
            workspace.organizationId = organization.id;
            workspace.name = request.name().trim();
            workspace.createdAt = Instant.now();
            return workspace.<Workspace>persistAndFlush()
                    .invoke(w -> LOG.infof("Created workspace %s in organization %s", w.id, w.organizationId));
        });
    }

    @WithSession
    public Uni<Page<Workspace>> workspaces(Caller caller, UUID organizationId, PageRequest page) {
        return accessible(caller, organizationId)
                .chain(() -> Workspace.count("organizationId", organizationId))
                .chain(total -> Workspace.<Workspace>find("organizationId = ?1 order by createdAt, id", organizationId)
                        .range(page.offset(), page.offset() + page.perPage() - 1).list()
                        .map(list -> Page.of(list, page, total)));
    }

    /** A workspace named in a request must belong to the organization it is used in. */
    @WithSession
    public Uni<Void> requireWorkspace(UUID organizationId, UUID workspaceId) {
        if (workspaceId == null) {
            return Uni.createFrom().voidItem();
        }
        return Workspace.count("id = ?1 and organizationId = ?2", workspaceId, organizationId)
                .invoke(count -> {
                    if (count == 0) {
                        throw ProblemException.invalid("workspaceId", "no such workspace in this organization");
                    }
                })
                .replaceWithVoid();
    }
}
