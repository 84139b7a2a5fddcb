package dev.gridservices.device.rest;

import dev.gridservices.device.repository.CapacityRepository.Program;
import dev.gridservices.device.service.CapacityService;
import dev.gridservices.device.service.FleetCapacity;
import dev.gridservices.kit.problem.ProblemException;
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
 * A program's fleet capacity in the core API, named by its core program id; the gateway routes only
 * {@code /v1/programs/{id}/capacity} here (the rest of /v1/programs is programs-service's). SERVER key: a
 * utility's sees the devices enrolled in its instances, an OEM's its own enrolled devices.
 */
@Path("/v1/programs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Fleet capacity")
@RequiresCredential(CredentialType.SERVER_KEY)
@SecurityRequirement(name = "apiKey")
@APIResponse(responseCode = "401", description = "No or invalid API key")
@APIResponse(responseCode = "403", description = "Wrong key type")
public class CoreProgramCapacityResource {

    private final Access access;
    private final CapacityService capacity;

    public CoreProgramCapacityResource(Access access, CapacityService capacity) {
        this.access = access;
        this.capacity = capacity;
    }

    @GET
    @Path("/{programId}/capacity")
    @Operation(summary = "A program's fleet capacity, now", description = CapacityDocs.DESCRIPTION)
    @APIResponse(responseCode = "200", description = "The figures")
    @APIResponse(responseCode = "404", description = "Neither a public program nor the caller's, and none of the "
            + "caller's devices is enrolled in it")
    public Uni<FleetCapacity> get(@PathParam("programId") String programId) {
        if (programId.length() > 128) {
            throw ProblemException.notFound("Program", programId);
        }
        return capacity.of(access.coreApi(), Program.CORE_ID, programId);
    }
}
