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
import dev.gridservices.security.CredentialType;
import dev.gridservices.security.OrganizationKind;
import dev.gridservices.security.RequiresCredential;
import dev.gridservices.security.RequiresOrganizationKind;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Core API program instances (/v1/programInstances). Instances belong to one organization and workspace:
 * another organization's instance, or (for a workspace-bound key) another workspace's, answers 404. Only
 * utility organizations write instances. Enrollments and events of an instance are other services'.
 */
@Path("/v1/programInstances")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Program Instances")
@SecurityRequirement(name = "ApiKeyAuth")
@RequiresCredential(CredentialType.SERVER_KEY)
@APIResponse(responseCode = "401", description = "No or invalid API key")
@APIResponse(responseCode = "403", description = "Not a SERVER API key, or (for a write) not a utility's")
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
        Caller caller = access.caller();
        if (status != null && InstanceStatus.parse(status).isEmpty()) {
            throw ProblemException.invalid("status", "must be active, inactive or archived");
        }
        PageRequest request = Params.page(paging);
        return instances.list(new InstanceFilter(caller.tenant(), programSlug, programId, status,
                        workspaceId), request)
                .map(rows -> rows.map(mapper::toView));
    }

    @POST
    @RequiresOrganizationKind(OrganizationKind.UTILITY)
    @Operation(summary = "Create program instance", description = "Activates a program (programSlug) for "
            + "the caller's organization. The program must be visible to the caller, active and not ended.")
    @APIResponse(responseCode = "201", description = "Program instance created")
    @APIResponse(responseCode = "400", description = "Invalid body (the problem names the field)")
    @APIResponse(responseCode = "404", description = "Program not found")
    @APIResponse(responseCode = "409", description = "Program inactive or ended, or instance slug taken")
    public Uni<Response> create(@Valid @NotNull ProgramInstanceRequest body) {
        Caller caller = access.caller();
        if (body.programSlug() == null || body.programSlug().isBlank()) {
            throw ProblemException.invalid("programSlug", "is required");
        }
        return instances.create(caller, body.programSlug(), mapper.toDraft(body, true))
                .map(i -> Response.created(UriBuilder.fromPath("/v1/programInstances/{id}").build(i.id))
                        .tag(Versions.etag(i.version)).entity(mapper.toView(i)).build());
    }

    @GET
    @Path("/{instanceId}")
    @Operation(summary = "Get program instance by ID")
    @APIResponse(responseCode = "200", description = "Program instance details; ETag = its version",
            content = @Content(schema = @Schema(implementation = ProgramInstanceView.class)))
    @APIResponse(responseCode = "404", description = "Program instance not found")
    public Uni<Response> get(@PathParam("instanceId") String instanceId) {
        return instances.get(access.caller(), instanceId)
                .map(i -> Response.ok(mapper.toView(i)).tag(Versions.etag(i.version)).build());
    }

    @PATCH
    @Path("/{instanceId}")
    @RequiresOrganizationKind(OrganizationKind.UTILITY)
    @Operation(summary = "Update a program instance", description = "Given fields change, absent ones stay. "
            + "status moves between active and inactive, or to archived, which is final: an archived "
            + "instance is read-only and accepts no enrollments. With If-Match (the ETag of a read), a change "
            + "based on an outdated read is refused with 409; so is one that loses a race with another update.")
    @APIResponse(responseCode = "200", description = "The updated instance; ETag = its new version",
            content = @Content(schema = @Schema(implementation = ProgramInstanceView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body (the problem names the field)")
    @APIResponse(responseCode = "404", description = "Program instance not found")
    @APIResponse(responseCode = "409", description = "The instance is archived, the slug is taken, or the "
            + "instance changed since the read (If-Match) or during this update")
    public Uni<Response> update(@PathParam("instanceId") String instanceId,
                                @HeaderParam(Versions.IF_MATCH) @Parameter(description = "ETag of the read this "
                                        + "change is based on") String ifMatch,
                                @Valid @NotNull ProgramInstanceRequest body) {
        Caller caller = access.caller();
        Long expected = Versions.expected(ifMatch);
        if (body.programSlug() != null) {
            throw ProblemException.invalid("programSlug", "an instance cannot move to another program");
        }
        return instances.update(caller, instanceId, mapper.toDraft(body, false), expected)
                .map(i -> Response.ok(mapper.toView(i)).tag(Versions.etag(i.version)).build());
    }

    @DELETE
    @Path("/{instanceId}")
    @RequiresOrganizationKind(OrganizationKind.UTILITY)
    @Operation(summary = "Delete a program instance")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "Program instance not found")
    public Uni<Response> delete(@PathParam("instanceId") String instanceId) {
        Caller caller = access.caller();
        return instances.delete(caller, instanceId).replaceWith(Response.noContent().build());
    }
}
