package dev.gridservices.auth.rest;

import dev.gridservices.auth.mapping.Introspection;
import dev.gridservices.auth.mapping.IntrospectionRequest;
import dev.gridservices.auth.service.ApiKeyService;
import dev.gridservices.auth.service.ApiKeys;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * API-key introspection for the other services (auth contract). Cluster-internal: the gateway never
 * routes {@code /internal/*}, so the network is its access control.
 */
@Path("/internal/api-keys/introspect")
@Tag(name = "internal")
public class IntrospectionResource {

    private final ApiKeyService apiKeys;

    public IntrospectionResource(ApiKeyService apiKeys) {
        this.apiKeys = apiKeys;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Introspect an API key", description = "{\"active\":false} for unknown or revoked keys.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Introspection.class)))
    public Uni<Object> introspect(@Valid @NotNull IntrospectionRequest request) {
        return apiKeys.active(request.key()).map(key -> key == null ? Introspection.INACTIVE
                : new Introspection(true, key.id.toString(), key.organizationId.toString(),
                        key.workspaceId == null ? null : key.workspaceId.toString(), key.type.name(),
                        key.referenceId, ApiKeys.scopes(key.type)));
    }
}
