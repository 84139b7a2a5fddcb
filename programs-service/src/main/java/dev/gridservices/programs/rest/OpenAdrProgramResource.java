package dev.gridservices.programs.rest;

import dev.gridservices.kit.paging.SkipLimit;
import dev.gridservices.kit.paging.SkipLimitParams;
import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.openadr.ObjectIds;
import dev.gridservices.openadr.Program;
import dev.gridservices.openadr.ProgramRequest;
import dev.gridservices.programs.mapping.OpenAdrProgramMapper;
import dev.gridservices.programs.service.ProgramService;
import dev.gridservices.programs.service.Caller;
import dev.gridservices.security.OrganizationKind;
import dev.gridservices.security.RequiresOrganizationKind;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * OpenADR 3.1 programs (/v2/programs): the same programs as /v1, as OpenADR program objects. VENs read
 * them (read_targets as OpenADR 3.1 names it, the Direct API's read_programs, or the BL's read_all): public
 * programs and those offered to their OEM organization, and a VEN only untargeted ones and those targeting it.
 * Utilities (and the platform admin) write them (write_programs); OEM organizations cannot (403).
 */
@Path("/v2/programs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "OpenADR programs")
@SecurityRequirement(name = "oAuth2ClientCredentials")
@APIResponse(responseCode = "401", description = "No or invalid bearer token")
@APIResponse(responseCode = "403", description = "Token lacks the scope, or an OEM organization writes")
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
    @SecurityRequirement(name = "oAuth2ClientCredentials", scopes = {"read_targets", "read_programs", "read_all"})
    @Operation(summary = "Search programs", description = "Public programs, the caller's own and those offered "
            + "to its OEM organization, ordered by programName; targets filters to programs carrying any of the "
            + "given targets. A VEN's token (ven_id) sees only programs without targets or targeting its venID, "
            + "and of targets only its own venID; only the owner sees all targets.")
    @APIResponse(responseCode = "200", description = "Programs")
    @APIResponse(responseCode = "400", description = "skip or limit out of range")
    public Uni<List<Program>> search(@QueryParam("targets") List<String> targets,
                                     @BeanParam SkipLimitParams paging) {
        SkipLimit window = paging.toSkipLimit();
        List<String> wanted = targets == null ? List.of() : targets.stream().filter(t -> !t.isEmpty()).toList();
        Caller caller = access.openAdrRead();
        return programs.search(caller, wanted, window.skip(), window.limit())
                .map(list -> list.stream().map(p -> mapper.toOpenAdr(p, caller)).toList());
    }

    @GET
    @Path("/{programID}")
    @SecurityRequirement(name = "oAuth2ClientCredentials", scopes = {"read_targets", "read_programs", "read_all"})
    @Operation(summary = "Get a program")
    @APIResponse(responseCode = "200", description = "The program; ETag = its version",
            content = @Content(schema = @Schema(implementation = Program.class)))
    @APIResponse(responseCode = "404", description = "No such program visible to the caller")
    public Uni<Response> get(@PathParam("programID") String programId) {
        Caller caller = access.openAdrRead();
        if (!ObjectIds.isValid(programId)) {
            throw ProblemException.notFound("Program", programId);
        }
        return programs.getById(caller, programId)
                .map(p -> Response.ok(mapper.toOpenAdr(p, caller)).tag(Versions.etag(p.version)).build());
    }

    @POST
    @RequiresOrganizationKind(value = OrganizationKind.UTILITY, admin = true)
    @SecurityRequirement(name = "oAuth2ClientCredentials", scopes = "write_programs")
    @Operation(summary = "Create a program", description = "Utility (business logic) side. A program is "
            + "private to the caller's organization; only the platform admin creates public ones (attribute "
            + "x-texture:VISIBILITY [\"public\"]). programName is unique within the organization.")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Invalid programRequest (the problem names the field)")
    @APIResponse(responseCode = "409", description = "programName is taken by the organization or a public program")
    public Uni<Response> create(ProgramRequest body) {
        Caller caller = access.openAdrWrite();
        return programs.create(caller, mapper.toDraft(body), null)
                .map(p -> Response.created(UriBuilder.fromPath("/v2/programs/{id}").build(p.id))
                        .tag(Versions.etag(p.version)).entity(mapper.toOpenAdr(p, caller)).build());
    }

    @PUT
    @Path("/{programID}")
    @RequiresOrganizationKind(value = OrganizationKind.UTILITY, admin = true)
    @SecurityRequirement(name = "oAuth2ClientCredentials", scopes = "write_programs")
    @Operation(summary = "Update a program", description = "Replaces the program's definition. Only the "
            + "organization that owns it (or the platform admin) may change it (another's public program: 403); "
            + "only the platform admin turns a program public. With If-Match (the ETag of a read), a replacement "
            + "based on an outdated read is refused with 409.")
    @APIResponse(responseCode = "200", description = "The updated program; ETag = its new version",
            content = @Content(schema = @Schema(implementation = Program.class)))
    @APIResponse(responseCode = "404", description = "No such program visible to the caller")
    @APIResponse(responseCode = "409", description = "programName is taken, or the program changed since the read")
    public Uni<Response> replace(@PathParam("programID") String programId,
                                 @HeaderParam("If-Match") @Parameter(description = "ETag of the read this "
                                         + "replacement is based on") String ifMatch,
                                 ProgramRequest body) {
        Caller caller = access.openAdrWrite();
        Long expected = Versions.expected(ifMatch);
        return programs.replace(caller, programId, mapper.toDraft(body), expected)
                .map(p -> Response.ok(mapper.toOpenAdr(p, caller)).tag(Versions.etag(p.version)).build());
    }

    @DELETE
    @Path("/{programID}")
    @RequiresOrganizationKind(value = OrganizationKind.UTILITY, admin = true)
    @SecurityRequirement(name = "oAuth2ClientCredentials", scopes = "write_programs")
    @Operation(summary = "Delete a program", description = "Only a program without instances can be deleted.")
    @APIResponse(responseCode = "200", description = "The deleted program")
    @APIResponse(responseCode = "404", description = "No such program visible to the caller")
    @APIResponse(responseCode = "409", description = "The program still has instances")
    public Uni<Program> delete(@PathParam("programID") String programId) {
        Caller caller = access.openAdrWrite();
        return programs.delete(caller, programId).map(p -> mapper.toOpenAdr(p, caller));
    }
}
