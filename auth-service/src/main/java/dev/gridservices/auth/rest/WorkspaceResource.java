package dev.gridservices.auth.rest;

import dev.gridservices.auth.mapping.WorkspaceCreate;
import dev.gridservices.auth.mapping.WorkspaceView;
import dev.gridservices.auth.service.Caller;
import dev.gridservices.auth.service.Failures;
import dev.gridservices.auth.service.OrganizationService;
import dev.gridservices.kit.paging.Page;
import dev.gridservices.kit.paging.PageRequest;
import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.security.CallerContext;
import dev.gridservices.security.CredentialType;
import dev.gridservices.security.RequiresCredential;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Workspaces of an organization. Caller: the platform admin, or a SERVER key of that organization. */
@Path("/v1/organizations/{organizationId}/workspaces")
@Tag(name = "organizations")
@SecurityRequirement(name = "apiKey")
@RequiresCredential({CredentialType.SERVER_KEY, CredentialType.PLATFORM_ADMIN_KEY})
@Produces(MediaType.APPLICATION_JSON)
public class WorkspaceResource {

    private final CallerContext callerContext;
    private final OrganizationService organizations;

    public WorkspaceResource(CallerContext callerContext, OrganizationService organizations) {
        this.callerContext = callerContext;
        this.organizations = organizations;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a workspace", description = "Caller: platform admin or the organization's SERVER key.")
    public Uni<Response> create(@PathParam("organizationId") UUID organizationId,
                                @Valid @NotNull WorkspaceCreate request) {
        return Uni.createFrom().item(this::caller)
                .chain(caller -> organizations.createWorkspace(caller, organizationId, request))
                .onFailure(Failures::isUniqueViolation).transform(e ->
                        ProblemException.conflict("A workspace named " + request.name() + " exists"))
                .map(w -> Response.status(Response.Status.CREATED).entity(WorkspaceView.of(w)).build());
    }

    @GET
    @Operation(summary = "List workspaces", description = "Caller: platform admin or the organization's SERVER key.")
    public Uni<Page<WorkspaceView>> list(@PathParam("organizationId") UUID organizationId,
                                         @QueryParam("page") Integer page, @QueryParam("perPage") Integer perPage) {
        PageRequest request = PageRequest.of(page, perPage);
        return Uni.createFrom().item(this::caller)
                .chain(caller -> organizations.workspaces(caller, organizationId, request))
                .map(result -> result.map(WorkspaceView::of));
    }

    /** The kit has authenticated the caller and checked its credential type (class annotation). */
    private Caller caller() {
        return Caller.of(callerContext);
    }
}
