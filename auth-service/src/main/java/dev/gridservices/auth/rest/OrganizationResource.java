package dev.gridservices.auth.rest;

import dev.gridservices.auth.mapping.OrganizationCreate;
import dev.gridservices.auth.mapping.OrganizationCreated;
import dev.gridservices.auth.mapping.OrganizationView;
import dev.gridservices.auth.service.Caller;
import dev.gridservices.auth.service.Failures;
import dev.gridservices.auth.service.OrganizationService;
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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The core API's {@code /v1/organization}: the caller's organization, and creating one (platform admin).
 * The class-level requirement is the strictest one, so a method added later without its own is admin-only.
 */
@Path("/v1/organization")
@Tag(name = "organizations")
@SecurityRequirement(name = "apiKey")
@RequiresCredential(CredentialType.PLATFORM_ADMIN_KEY)
@Produces(MediaType.APPLICATION_JSON)
public class OrganizationResource {

    private final CallerContext callerContext;
    private final OrganizationService organizations;

    public OrganizationResource(CallerContext callerContext, OrganizationService organizations) {
        this.callerContext = callerContext;
        this.organizations = organizations;
    }

    @GET
    @RequiresCredential(CredentialType.SERVER_KEY)
    @Operation(summary = "Get the current organization", description = "Caller: a SERVER key of the organization.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = OrganizationView.class)))
    public Uni<OrganizationView> get() {
        return organizations.own(Caller.of(callerContext)).map(OrganizationView::of);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create Organization", description = "Caller: the platform admin key. The domain is unique; "
            + "kind (utility or oem) is required and fixed: it decides which scopes the organization's clients and keys hold.")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = OrganizationCreated.class)))
    @APIResponse(responseCode = "409", description = "An organization with this domain exists")
    public Uni<Response> create(@Valid @NotNull OrganizationCreate request) {
        return organizations.create(request)
                .onFailure(Failures::isUniqueViolation).transform(e ->
                        ProblemException.conflict("An organization with domain " + request.domain() + " exists"))
                .map(o -> Response.created(URI.create("/v1/organizations/" + o.id)).entity(OrganizationCreated.of(o)).build());
    }
}
