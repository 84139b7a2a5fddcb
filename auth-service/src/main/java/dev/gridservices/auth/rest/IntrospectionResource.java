package dev.gridservices.auth.rest;

import dev.gridservices.auth.mapping.Introspection;
import dev.gridservices.auth.mapping.IntrospectionRequest;
import dev.gridservices.auth.service.ApiKeyService;
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
 * API-key introspection for the other services (auth contract). Like every {@code /internal/*} path it
 * answers only callers presenting the service credential (security kit); the gateway never routes it either.
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
    @Operation(summary = "Introspect an API key", description = "{\"active\":false} for unknown or revoked keys; "
            + "the platform-admin key answers {\"active\":true,\"keyId\":\"platform-admin\",\"type\":\"PLATFORM_ADMIN\"}.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Introspection.class)))
    public Uni<Object> introspect(@Valid @NotNull IntrospectionRequest request) {
        return apiKeys.introspect(request.key()).map(Introspection::of);
    }
}
