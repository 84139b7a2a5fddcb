package dev.gridservices.auth.rest;

import dev.gridservices.auth.mapping.OrganizationCreate;
import dev.gridservices.auth.mapping.OrganizationCreated;
import dev.gridservices.auth.mapping.OrganizationView;
import dev.gridservices.auth.service.CallerAuthenticator;
import dev.gridservices.auth.service.Failures;
import dev.gridservices.auth.service.OrganizationService;
import dev.gridservices.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The core API's {@code /v1/organization}: the caller's organization, and creating one (platform admin). */
@Path("/v1/organization")
@Tag(name = "organizations")
@SecurityScheme(securitySchemeName = "ApiKeyAuth", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
        apiKeyName = CallerAuthenticator.HEADER)
@SecurityRequirement(name = "ApiKeyAuth")
@Produces(MediaType.APPLICATION_JSON)
public class OrganizationResource {

    private final CallerAuthenticator authenticator;
    private final OrganizationService organizations;

    public OrganizationResource(CallerAuthenticator authenticator, OrganizationService organizations) {
        this.authenticator = authenticator;
        this.organizations = organizations;
    }

    @GET
    @Operation(summary = "Get the current organization", description = "Caller: a SERVER key of the organization.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = OrganizationView.class)))
    public Uni<OrganizationView> get(@Parameter(hidden = true) @HeaderParam(CallerAuthenticator.HEADER) String apiKey) {
        return authenticator.authenticate(apiKey).chain(organizations::own).map(OrganizationView::of);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create Organization", description = "Caller: the platform admin key. The domain is unique.")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = OrganizationCreated.class)))
    @APIResponse(responseCode = "409", description = "An organization with this domain exists")
    public Uni<Response> create(@Parameter(hidden = true) @HeaderParam(CallerAuthenticator.HEADER) String apiKey,
                                @Valid @NotNull OrganizationCreate request) {
        return authenticator.authenticateAdmin(apiKey)
                .chain(() -> organizations.create(request))
                .onFailure(Failures::isUniqueViolation).transform(e ->
                        ProblemException.conflict("An organization with domain " + request.domain() + " exists"))
                .map(o -> Response.created(URI.create("/v1/organizations/" + o.id)).entity(OrganizationCreated.of(o)).build());
    }
}
