package dev.gridservices.programs.rest;

import dev.gridservices.kit.paging.SkipLimit;
import dev.gridservices.kit.paging.SkipLimitParams;
import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.openadr.ObjectIds;
import dev.gridservices.openadr.Program;
import dev.gridservices.openadr.ProgramRequest;
import dev.gridservices.programs.mapping.OpenAdrProgramMapper;
import dev.gridservices.programs.service.ProgramService;
import dev.gridservices.security.RequiresScope;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * OpenADR 3.1 programs (/v2/programs): the same programs as /v1, as OpenADR program objects. VENs read
 * them (read_programs, or read_all for business logic); utilities write them (write_programs).
 */
@Path("/v2/programs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "OpenADR programs")
@SecurityRequirement(name = "oAuth2ClientCredentials")
@APIResponse(responseCode = "401", description = "No or invalid bearer token")
@APIResponse(responseCode = "403", description = "Token lacks the scope")
public class OpenAdrProgramResource {

    private final Access access;
    private final ProgramService programs;
    private final OpenAdrProgramMapper mapper;

    public OpenAdrProgramResource(Access access, ProgramService programs, OpenAdrProgramMapper mapper) {
        this.access = access;
        this.programs = programs;
        this.mapper = mapper;
    }

    @GET
    @RequiresScope({"read_programs", "read_all"})
    @Operation(summary = "Search programs", description = "Public programs and the caller's private ones, "
            + "ordered by programName; targets filters to programs carrying any of the given targets.")
    @APIResponse(responseCode = "200", description = "Programs")
    @APIResponse(responseCode = "400", description = "skip or limit out of range")
    public Uni<List<Program>> search(@QueryParam("targets") List<String> targets,
                                     @BeanParam SkipLimitParams paging) {
        SkipLimit window = paging.toSkipLimit();
        List<String> wanted = targets == null ? List.of() : targets.stream().filter(t -> !t.isEmpty()).toList();
        return programs.search(access.openAdr(), wanted, window.skip(), window.limit())
                .map(list -> list.stream().map(mapper::toOpenAdr).toList());
    }

    @GET
    @Path("/{programID}")
    @RequiresScope({"read_programs", "read_all"})
    @Operation(summary = "Get a program")
    @APIResponse(responseCode = "200", description = "The program")
    @APIResponse(responseCode = "404", description = "No such program visible to the caller")
    public Uni<Program> get(@PathParam("programID") String programId) {
        if (!ObjectIds.isValid(programId)) {
            throw ProblemException.notFound("Program", programId);
        }
        return programs.getById(access.openAdr(), programId).map(mapper::toOpenAdr);
    }

    @POST
    @RequiresScope("write_programs")
    @Operation(summary = "Create a program", description = "Utility (business logic) side. A program is "
            + "private to the caller's organization unless attribute x-texture:VISIBILITY is [\"public\"].")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Invalid programRequest (the problem names the field)")
    @APIResponse(responseCode = "409", description = "programName is taken")
    public Uni<Response> create(ProgramRequest body) {
        return programs.create(access.openAdr(), mapper.toDraft(body))
                .map(p -> Response.created(UriBuilder.fromPath("/v2/programs/{id}").build(p.id))
                        .entity(mapper.toOpenAdr(p)).build());
    }

    @PUT
    @Path("/{programID}")
    @RequiresScope("write_programs")
    @Operation(summary = "Update a program", description = "Replaces the program's definition. Only the "
            + "organization that created it may change it (another's public program: 403).")
    @APIResponse(responseCode = "200", description = "The updated program")
    @APIResponse(responseCode = "404", description = "No such program visible to the caller")
    @APIResponse(responseCode = "409", description = "programName is taken")
    public Uni<Program> replace(@PathParam("programID") String programId, ProgramRequest body) {
        return programs.replace(access.openAdr(), programId, mapper.toDraft(body)).map(mapper::toOpenAdr);
    }

    @DELETE
    @Path("/{programID}")
    @RequiresScope("write_programs")
    @Operation(summary = "Delete a program", description = "Only a program without instances can be deleted.")
    @APIResponse(responseCode = "200", description = "The deleted program")
    @APIResponse(responseCode = "404", description = "No such program visible to the caller")
    @APIResponse(responseCode = "409", description = "The program still has instances")
    public Uni<Program> delete(@PathParam("programID") String programId) {
        return programs.delete(access.openAdr(), programId).map(mapper::toOpenAdr);
    }
}
