package dev.gridservices.auth.rest;

import dev.gridservices.auth.mapping.OAuthClientCreate;
import dev.gridservices.auth.mapping.OAuthClientCreated;
import dev.gridservices.auth.mapping.OAuthClientView;
import dev.gridservices.auth.mapping.SecretCreated;
import dev.gridservices.auth.mapping.SecretRotation;
import dev.gridservices.auth.repository.OAuthClient;
import dev.gridservices.auth.service.Caller;
import dev.gridservices.auth.service.ClientCache;
import dev.gridservices.auth.service.ClientService;
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
 * OAuth clients of an organization. Caller: the platform admin, or a SERVER key of that organization;
 * another organization's clients answer 404.
 */
@Path("/v1/organizations/{organizationId}/oauth-clients")
@Tag(name = "oauth-clients")
@SecurityRequirement(name = "apiKey")
@RequiresCredential({CredentialType.SERVER_KEY, CredentialType.PLATFORM_ADMIN_KEY})
@Produces(MediaType.APPLICATION_JSON)
public class OAuthClientResource {

    private final CallerContext callerContext;
    private final ClientService clients;
    private final ClientCache cache;

    public OAuthClientResource(CallerContext callerContext, ClientService clients, ClientCache cache) {
        this.callerContext = callerContext;
        this.clients = clients;
        this.cache = cache;
    }

    /** After the change has committed, so the token endpoint cannot re-read the old state into the cache. */
    private <T> Uni<T> thenForget(Uni<T> change, String clientId) {
        return change.onTermination().invoke(() -> cache.invalidate(clientId));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an OAuth client", description = "The client secret is in this answer only.")
    public Uni<Response> create(@PathParam("organizationId") UUID organizationId,
                                @Valid @NotNull OAuthClientCreate request) {
        return Uni.createFrom().item(this::caller)
                .chain(caller -> clients.create(caller, organizationId, request))
                .map(created -> Response.status(Response.Status.CREATED).entity(new OAuthClientCreated(
                        created.clearSecret(), created.secret().id.toString(), OAuthClientView.of(created.client()))).build());
    }

    @GET
    @Operation(summary = "List OAuth clients (secrets as metadata only)")
    public Uni<Page<OAuthClientView>> list(@PathParam("organizationId") UUID organizationId,
                                           @QueryParam("page") Integer page, @QueryParam("perPage") Integer perPage) {
        PageRequest request = PageRequest.of(page, perPage);
        return Uni.createFrom().item(this::caller)
                .chain(caller -> clients.list(caller, organizationId, request))
                .map(result -> result.map(OAuthClientView::of));
    }

    @GET
    @Path("/{clientId}")
    @Operation(summary = "Get an OAuth client")
    public Uni<OAuthClientView> get(@PathParam("organizationId") UUID organizationId,
                                    @PathParam("clientId") String clientId) {
        return Uni.createFrom().item(this::caller)
                .chain(caller -> clients.get(caller, organizationId, clientId))
                .map(OAuthClientView::of);
    }

    @DELETE
    @Path("/{clientId}")
    @Operation(summary = "Revoke an OAuth client", description = "Its secrets stop working at once; issued tokens live until they expire.")
    public Uni<Response> revoke(@PathParam("organizationId") UUID organizationId,
                                @PathParam("clientId") String clientId) {
        return Uni.createFrom().item(this::caller)
                .chain(caller -> thenForget(clients.changeStatus(caller, organizationId, clientId, OAuthClient.Status.REVOKED), clientId))
                .map(client -> Response.noContent().build());
    }

    @POST
    @Path("/{clientId}/suspend")
    @Operation(summary = "Suspend an OAuth client", description = "Token requests answer unauthorized_client until resumed.")
    public Uni<OAuthClientView> suspend(@PathParam("organizationId") UUID organizationId,
                                        @PathParam("clientId") String clientId) {
        return Uni.createFrom().item(this::caller)
                .chain(caller -> thenForget(clients.changeStatus(caller, organizationId, clientId, OAuthClient.Status.SUSPENDED), clientId))
                .map(OAuthClientView::of);
    }

    @POST
    @Path("/{clientId}/resume")
    @Operation(summary = "Resume a suspended OAuth client")
    public Uni<OAuthClientView> resume(@PathParam("organizationId") UUID organizationId,
                                       @PathParam("clientId") String clientId) {
        return Uni.createFrom().item(this::caller)
                .chain(caller -> thenForget(clients.changeStatus(caller, organizationId, clientId, OAuthClient.Status.ACTIVE), clientId))
                .map(OAuthClientView::of);
    }

    @POST
    @Path("/{clientId}/secrets")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rotate the client secret",
            description = "Adds a secret (shown once). The previous one keeps working for overlapSeconds "
                    + "(default auth.clients.secret-overlap) or until revoked; 409 if two secrets are already usable.")
    public Uni<Response> rotateSecret(@PathParam("organizationId") UUID organizationId,
                                      @PathParam("clientId") String clientId,
                                      @Valid SecretRotation request) {
        Long overlap = request == null ? null : request.overlapSeconds();
        return Uni.createFrom().item(this::caller)
                .chain(caller -> thenForget(clients.rotateSecret(caller, organizationId, clientId, overlap), clientId))
                .map(created -> Response.status(Response.Status.CREATED).entity(new SecretCreated(clientId,
                        created.secret().id.toString(), created.clearSecret(), created.secret().createdAt.toString(),
                        created.previousExpireAt() == null ? null : created.previousExpireAt().toString())).build());
    }

    @DELETE
    @Path("/{clientId}/secrets/{secretId}")
    @Operation(summary = "Revoke one client secret (ends a rotation's overlap)")
    public Uni<Response> revokeSecret(@PathParam("organizationId") UUID organizationId,
                                      @PathParam("clientId") String clientId,
                                      @PathParam("secretId") UUID secretId) {
        return Uni.createFrom().item(this::caller)
                .chain(caller -> thenForget(clients.revokeSecret(caller, organizationId, clientId, secretId), clientId))
                .map(nothing -> Response.noContent().build());
    }

    /** The kit has authenticated the caller and checked its credential type (class annotation). */
    private Caller caller() {
        return Caller.of(callerContext);
    }
}
