package dev.gridservices.programs.repository;

import dev.gridservices.kit.paging.Page;
import dev.gridservices.kit.paging.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Program instance queries; each one is scoped to the caller's organization. */
@ApplicationScoped
public class ProgramInstanceRepository implements PanacheRepositoryBase<ProgramInstance, String> {

    private static final String ORDER = " order by i.createdAt, i.id";

    /** Filters of /v1/programInstances and /v1/programs/{slug}/instances; null fields do not filter. */
    public record InstanceFilter(String organizationId, String programSlug, String programId, String status,
                                 String workspaceId) {
    }

    public Uni<ProgramInstance> findOwned(String id, String organizationId) {
        return find("from ProgramInstance i where i.id = :id and i.organizationId = :org",
                Parameters.with("id", id).and("org", organizationId)).firstResult();
    }

    public Uni<Page<ProgramInstance>> list(InstanceFilter filter, PageRequest page) {
        StringBuilder where = new StringBuilder("from ProgramInstance i where i.organizationId = :org");
        Parameters params = Parameters.with("org", filter.organizationId());
        if (filter.programSlug() != null) {
            where.append(" and i.program.slug = :programSlug");
            params.and("programSlug", filter.programSlug());
        }
        if (filter.programId() != null) {
            where.append(" and i.program.id = :programId");
            params.and("programId", filter.programId());
        }
        if (filter.status() != null) {
            where.append(" and i.status = :status");
            params.and("status", filter.status());
        }
        if (filter.workspaceId() != null) {
            where.append(" and i.workspaceId = :workspaceId");
            params.and("workspaceId", filter.workspaceId());
        }
        return ProgramRepository.page(find(where + ORDER, params), page);
    }

    /** Every instance of a program, across organizations: for events when the program itself changes. */
    public Uni<List<ProgramInstance>> allOfProgram(String programId) {
        return list("program.id", programId);
    }
}
