package dev.gridservices.device.rest;

import dev.gridservices.device.repository.CapacityRepository.Program;
import dev.gridservices.device.service.CapacityService;
import dev.gridservices.device.service.FleetCapacity;
import dev.gridservices.security.CredentialType;
import dev.gridservices.security.RequiresCredential;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A program's fleet capacity, named by its OpenADR program id (Direct API Flow 1: "aggregates fleet
 * capacity, surfaces availability to utilities"). The utility's BL client or SERVER key sees every device
 * enrolled in its instances of the program; an OEM's client or key the same figures for its own enrolled
 * devices (a VEN-bound client: its VEN's).
 */
@Path("/v2/x-texture/programs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Fleet capacity")
@RequiresCredential({CredentialType.BEARER_TOKEN, CredentialType.SERVER_KEY})
@SecurityRequirement(name = "bearerAuth", scopes = {"write_programs", "read_all", "read_ven_objects", "write_vens"})
@SecurityRequirement(name = "apiKey")
@APIResponse(responseCode = "401", description = "No or invalid credentials")
@APIResponse(responseCode = "403", description = "Wrong credential type or missing scope (utility: write_programs or "
        + "read_all; OEM: read_ven_objects or write_vens)")
public class ProgramCapacityResource {

    private final Access access;
    private final CapacityService capacity;

    public ProgramCapacityResource(Access access, CapacityService capacity) {
        this.access = access;
        this.capacity = capacity;
    }

    @GET
    @Path("/{programID}/capacity")
    @Operation(summary = "A program's fleet capacity, now", description = CapacityDocs.DESCRIPTION)
    @APIResponse(responseCode = "200", description = "The figures")
    @APIResponse(responseCode = "404", description = "Neither a public program nor the caller's, and none of the "
            + "caller's devices is enrolled in it")
    public Uni<FleetCapacity> get(@PathParam("programID") String programId) {
        Params.checkId(programId);
        return capacity.of(access.capacityReader(), Program.OPENADR_ID, programId);
    }
}
