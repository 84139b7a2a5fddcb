package dev.gridservices.auth.rest;

import dev.gridservices.auth.mapping.ApiKeyCreate;
import dev.gridservices.auth.mapping.ApiKeyCreated;
import dev.gridservices.auth.mapping.ApiKeyView;
import dev.gridservices.auth.service.Caller;
import dev.gridservices.auth.service.ApiKeyService;
import dev.gridservices.kit.paging.Page;
import dev.gridservices.kit.paging.PageRequest;
import dev.gridservices.security.CallerContext;
import dev.gridservices.security.CredentialType;
import dev.gridservices.security.RequiresCredential;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

/**
 * API keys of an organization. Caller: the platform admin, or a SERVER key of that organization;
 * another organization's keys answer 404.
 */
@Path("/v1/organizations/{organizationId}/api-keys")
@Tag(name = "api-keys")
@SecurityRequirement(name = "apiKey")
@RequiresCredential({CredentialType.SERVER_KEY, CredentialType.PLATFORM_ADMIN_KEY})
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeyResource {

    private final CallerContext callerContext;
    private final ApiKeyService apiKeys;

    public ApiKeyResource(CallerContext callerContext, ApiKeyService apiKeys) {
        this.callerContext = callerContext;
        this.apiKeys = apiKeys;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an API key", description = "SERVER, SCOPED (needs referenceId) or MANUFACTURER. "
            + "The key is in this answer only.")
    public Uni<Response> create(@PathParam("organizationId") UUID organizationId,
                                @Valid @NotNull ApiKeyCreate request) {
        return Uni.createFrom().item(this::caller)
                .chain(caller -> apiKeys.create(caller, organizationId, request))
                .map(created -> Response.status(Response.Status.CREATED)
                        .entity(new ApiKeyCreated(created.clearKey(), ApiKeyView.of(created.apiKey()))).build());
    }

    @GET
    @Operation(summary = "List API keys (prefix only)")
    public Uni<Page<ApiKeyView>> list(@PathParam("organizationId") UUID organizationId,
                                      @QueryParam("page") Integer page, @QueryParam("perPage") Integer perPage) {
        PageRequest request = PageRequest.of(page, perPage);
        return Uni.createFrom().item(this::caller)
                .chain(caller -> apiKeys.list(caller, organizationId, request))
                .map(result -> result.map(ApiKeyView::of));
    }

    @GET
    @Path("/{keyId}")
    @Operation(summary = "Get an API key (prefix only)")
    public Uni<ApiKeyView> get(@PathParam("organizationId") UUID organizationId,
                               @PathParam("keyId") UUID keyId) {
        return Uni.createFrom().item(this::caller)
                .chain(caller -> apiKeys.get(caller, organizationId, keyId))
                .map(ApiKeyView::of);
    }

    @DELETE
    @Path("/{keyId}")
    @Operation(summary = "Revoke an API key", description = "Immediately here; other services within their 5 s cache.")
    public Uni<Response> revoke(@PathParam("organizationId") UUID organizationId,
                                @PathParam("keyId") UUID keyId) {
        return Uni.createFrom().item(this::caller)
                .chain(caller -> apiKeys.revoke(caller, organizationId, keyId))
                .map(nothing -> Response.noContent().build());
    }

    /** The kit has authenticated the caller and checked its credential type (class annotation). */
    private Caller caller() {
        return Caller.of(callerContext);
    }
}
