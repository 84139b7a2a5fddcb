package dev.gridservices.programs.rest;

import dev.gridservices.kit.paging.PageParams;
import dev.gridservices.kit.paging.PageRequest;
import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.kit.paging.Page;
import dev.gridservices.programs.mapping.ProgramInstanceRequest;
import dev.gridservices.programs.mapping.ProgramInstanceView;
import dev.gridservices.programs.mapping.ProgramMapper;
import dev.gridservices.programs.repository.InstanceStatus;
import dev.gridservices.programs.repository.ProgramInstanceRepository.InstanceFilter;
import dev.gridservices.programs.service.Caller;
import dev.gridservices.programs.service.ProgramInstanceService;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Core API program instances (/v1/programInstances). Instances belong to one organization: another
 * organization's instance answers 404. Enrollments and events of an instance are other services'.
 */
@Path("/v1/programInstances")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Program Instances")
@SecurityRequirement(name = "ApiKeyAuth")
@APIResponse(responseCode = "401", description = "No or invalid API key")
@APIResponse(responseCode = "403", description = "Not a SERVER API key")
public class ProgramInstanceResource {

    private final Access access;
    private final ProgramInstanceService instances;
    private final ProgramMapper mapper;

    public ProgramInstanceResource(Access access, ProgramInstanceService instances, ProgramMapper mapper) {
        this.access = access;
        this.instances = instances;
        this.mapper = mapper;
    }

    @GET
    @Operation(summary = "List program instances", description = "The caller's instances; filters combine.")
    @APIResponse(responseCode = "200", description = "A page of program instances")
    @APIResponse(responseCode = "400", description = "A query parameter is invalid")
    public Uni<Page<ProgramInstanceView>> list(
            @QueryParam("programSlug") String programSlug,
            @QueryParam("programId") String programId,
            @QueryParam("status") @Parameter(description = "active, inactive or archived") String status,
            @QueryParam("workspaceId") String workspaceId,
            @BeanParam PageParams paging) {
        Caller caller = access.coreApi();
        if (status != null && InstanceStatus.parse(status).isEmpty()) {
            throw ProblemException.invalid("status", "must be active, inactive or archived");
        }
        PageRequest request = Params.page(paging);
        return instances.list(new InstanceFilter(caller.organizationId(), programSlug, programId, status,
                        workspaceId), request)
                .map(rows -> rows.map(mapper::toView));
    }

    @POST
    @Operation(summary = "Create program instance", description = "Activates a program (programSlug) for "
            + "the caller's organization. The program must be visible to the caller, active and not ended.")
    @APIResponse(responseCode = "201", description = "Program instance created")
    @APIResponse(responseCode = "400", description = "Invalid body (the problem names the field)")
    @APIResponse(responseCode = "404", description = "Program not found")
    @APIResponse(responseCode = "409", description = "Program inactive or ended, or instance slug taken")
    public Uni<Response> create(@Valid @NotNull ProgramInstanceRequest body) {
        Caller caller = access.coreApi();
        if (body.programSlug() == null || body.programSlug().isBlank()) {
            throw ProblemException.invalid("programSlug", "is required");
        }
        return instances.create(caller, body.programSlug(), mapper.toDraft(body, true))
                .map(i -> Response.created(UriBuilder.fromPath("/v1/programInstances/{id}").build(i.id))
                        .entity(mapper.toView(i)).build());
    }

    @GET
    @Path("/{instanceId}")
    @Operation(summary = "Get program instance by ID")
    @APIResponse(responseCode = "200", description = "Program instance details")
    @APIResponse(responseCode = "404", description = "Program instance not found")
    public Uni<ProgramInstanceView> get(@PathParam("instanceId") String instanceId) {
        Caller caller = access.coreApi();
        return instances.get(caller, instanceId).map(mapper::toView);
    }

    @PATCH
    @Path("/{instanceId}")
    @Operation(summary = "Update a program instance", description = "Given fields change, absent ones stay. "
            + "status moves between active and inactive, or to archived, which is final: an archived "
            + "instance is read-only and accepts no enrollments.")
    @APIResponse(responseCode = "200", description = "The updated instance")
    @APIResponse(responseCode = "400", description = "Invalid body (the problem names the field)")
    @APIResponse(responseCode = "404", description = "Program instance not found")
    @APIResponse(responseCode = "409", description = "The instance is archived, or the slug is taken")
    public Uni<ProgramInstanceView> update(@PathParam("instanceId") String instanceId,
                                           @Valid @NotNull ProgramInstanceRequest body) {
        Caller caller = access.coreApi();
        if (body.programSlug() != null) {
            throw ProblemException.invalid("programSlug", "an instance cannot move to another program");
        }
        return instances.update(caller, instanceId, mapper.toDraft(body, false)).map(mapper::toView);
    }

    @DELETE
    @Path("/{instanceId}")
    @Operation(summary = "Delete a program instance")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "Program instance not found")
    public Uni<Response> delete(@PathParam("instanceId") String instanceId) {
        Caller caller = access.coreApi();
        return instances.delete(caller, instanceId).replaceWith(Response.noContent().build());
    }
}
