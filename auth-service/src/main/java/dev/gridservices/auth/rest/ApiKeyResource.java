package dev.gridservices.auth.rest;

import dev.gridservices.auth.mapping.ApiKeyCreate;
import dev.gridservices.auth.mapping.ApiKeyCreated;
import dev.gridservices.auth.mapping.ApiKeyView;
import dev.gridservices.auth.service.ApiKeyService;
import dev.gridservices.auth.service.CallerAuthenticator;
import dev.gridservices.kit.paging.Page;
import dev.gridservices.kit.paging.PageRequest;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * API keys of an organization. Caller: the platform admin, or a SERVER key of that organization;
 * another organization's keys answer 404.
 */
@Path("/v1/organizations/{organizationId}/api-keys")
@Tag(name = "api-keys")
@SecurityRequirement(name = "ApiKeyAuth")
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeyResource {

    private final CallerAuthenticator authenticator;
    private final ApiKeyService apiKeys;

    public ApiKeyResource(CallerAuthenticator authenticator, ApiKeyService apiKeys) {
        this.authenticator = authenticator;
        this.apiKeys = apiKeys;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an API key", description = "SERVER, SCOPED (needs referenceId) or MANUFACTURER. "
            + "The key is in this answer only.")
    public Uni<Response> create(@Parameter(hidden = true) @HeaderParam(CallerAuthenticator.HEADER) String apiKey,
                                @PathParam("organizationId") UUID organizationId,
                                @Valid @NotNull ApiKeyCreate request) {
        return authenticator.authenticate(apiKey)
                .chain(caller -> apiKeys.create(caller, organizationId, request))
                .map(created -> Response.status(Response.Status.CREATED)
                        .entity(new ApiKeyCreated(created.clearKey(), ApiKeyView.of(created.apiKey()))).build());
    }

    @GET
    @Operation(summary = "List API keys (prefix only)")
    public Uni<Page<ApiKeyView>> list(@Parameter(hidden = true) @HeaderParam(CallerAuthenticator.HEADER) String apiKey,
                                      @PathParam("organizationId") UUID organizationId,
                                      @QueryParam("page") Integer page, @QueryParam("perPage") Integer perPage) {
        PageRequest request = PageRequest.of(page, perPage);
        return authenticator.authenticate(apiKey)
                .chain(caller -> apiKeys.list(caller, organizationId, request))
                .map(result -> result.map(ApiKeyView::of));
    }

    @GET
    @Path("/{keyId}")
    @Operation(summary = "Get an API key (prefix only)")
    public Uni<ApiKeyView> get(@Parameter(hidden = true) @HeaderParam(CallerAuthenticator.HEADER) String apiKey,
                               @PathParam("organizationId") UUID organizationId,
                               @PathParam("keyId") UUID keyId) {
        return authenticator.authenticate(apiKey)
                .chain(caller -> apiKeys.get(caller, organizationId, keyId))
                .map(ApiKeyView::of);
    }

    @DELETE
    @Path("/{keyId}")
    @Operation(summary = "Revoke an API key", description = "Immediately here; other services within their 5 s cache.")
    public Uni<Response> revoke(@Parameter(hidden = true) @HeaderParam(CallerAuthenticator.HEADER) String apiKey,
                                @PathParam("organizationId") UUID organizationId,
                                @PathParam("keyId") UUID keyId) {
        return authenticator.authenticate(apiKey)
                .chain(caller -> apiKeys.revoke(caller, organizationId, keyId))
                .map(nothing -> Response.noContent().build());
    }
}
