package dev.gridservices.device.rest;

import dev.gridservices.device.service.VenService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The VEN registry as auth-service asks it before binding an OAuth client to a VEN. Internal: never routed by
 * the gateway; the security kit guards /internal/* with the service credential header
 * (Texture-Service-Credential, being added to the kit).
 */
@Path("/internal/vens")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Internal")
public class InternalVenResource {

    /** What auth-service needs: which organization owns the VEN. */
    public record VenRecord(String venId, String organizationId, String venName) {
    }

    private final VenService vens;

    public InternalVenResource(VenService vens) {
        this.vens = vens;
    }

    @GET
    @Path("/{venId}")
    @Operation(summary = "Look a VEN up (auth-service)")
    @APIResponse(responseCode = "200", description = "{venId, organizationId, venName}")
    @APIResponse(responseCode = "404", description = "No such VEN")
    public Uni<VenRecord> get(@PathParam("venId") String venId) {
        Params.checkId(venId);
        return vens.registryLookup(venId).map(v -> new VenRecord(v.id, v.organizationId, v.venName));
    }
}
