package dev.gridservices.programs.rest;

import dev.gridservices.kit.paging.PageParams;
import dev.gridservices.kit.paging.PageRequest;
import dev.gridservices.kit.paging.QueryValues;
import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.programs.mapping.CreateProgramRequest;
import dev.gridservices.kit.paging.Page;
import dev.gridservices.programs.mapping.ProgramInstanceRequest;
import dev.gridservices.programs.mapping.ProgramInstanceView;
import dev.gridservices.programs.mapping.ProgramMapper;
import dev.gridservices.programs.mapping.ProgramView;
import dev.gridservices.programs.repository.ProgramRepository.CatalogFilter;
import dev.gridservices.programs.repository.Visibility;
import dev.gridservices.programs.service.Caller;
import dev.gridservices.programs.service.ProgramInstanceService;
import dev.gridservices.programs.service.ProgramService;
import dev.gridservices.programs.service.UsStates;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Core API programs (/v1/programs) and the instance routes nested under a program's slug. */
@Path("/v1/programs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "programs")
@SecurityRequirement(name = "ApiKeyAuth")
@APIResponse(responseCode = "401", description = "No or invalid API key")
@APIResponse(responseCode = "403", description = "Not a SERVER API key")
public class ProgramResource {

    private final Access access;
    private final ProgramService programs;
    private final ProgramInstanceService instances;
    private final ProgramMapper mapper;

    public ProgramResource(Access access, ProgramService programs, ProgramInstanceService instances,
                           ProgramMapper mapper) {
        this.access = access;
        this.programs = programs;
        this.instances = instances;
        this.mapper = mapper;
    }

    @GET
    @Operation(summary = "Retrieve programs", description = "The catalog: public programs and the caller's "
            + "private ones. By default only programs with at least one active instance of the caller's "
            + "organization; include_all=true returns every visible program.")
    @APIResponse(responseCode = "200", description = "A page of programs")
    @APIResponse(responseCode = "400", description = "A query parameter is invalid")
    public Uni<Page<ProgramView>> list(
            @QueryParam("include_all") @Parameter(description = "true: all visible programs") String includeAll,
            @QueryParam("state") @Parameter(description = "US state code, e.g. NY") String state,
            @QueryParam("visibility") @Parameter(description = "public or private") String visibility,
            @BeanParam PageParams paging) {
        Caller caller = access.coreApi();
        boolean all = QueryValues.bool("include_all", includeAll, false);
        if (state != null && !UsStates.isValid(state)) {
            throw ProblemException.invalid("state", "'" + state + "' is not a US two-letter state code");
        }
        if (visibility != null && Visibility.parse(visibility).isEmpty()) {
            throw ProblemException.invalid("visibility", "must be public or private");
        }
        PageRequest request = Params.page(paging);
        return programs.catalog(new CatalogFilter(caller.organizationId(), all, visibility, state), request)
                .map(rows -> rows.map(mapper::toView));
    }

    @POST
    @Operation(summary = "Create a program", description = "A utility act: needs a SERVER API key. A private "
            + "program is visible only to the caller's organization; a public one joins everyone's catalog.")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Invalid body (the problem names the field)")
    @APIResponse(responseCode = "409", description = "The slug is taken")
    public Uni<Response> create(@Valid @NotNull CreateProgramRequest body) {
        Caller caller = access.coreApi();
        return programs.create(caller, mapper.toDraft(body, caller))
                .map(p -> Response.created(UriBuilder.fromPath("/v1/programs/{slug}").build(p.slug))
                        .entity(mapper.toView(p)).build());
    }

    @GET
    @Path("/{programSlug}")
    @Operation(summary = "Get a program")
    @APIResponse(responseCode = "200", description = "The program")
    @APIResponse(responseCode = "404", description = "No such program visible to the caller")
    public Uni<ProgramView> get(@PathParam("programSlug") String programSlug) {
        Caller caller = access.coreApi();
        return programs.getBySlug(caller, programSlug).map(mapper::toView);
    }

    @POST
    @Path("/{programSlug}")
    @Operation(summary = "Create program instance", description = "Activates the program for the caller's "
            + "organization. Same as POST /v1/programs/{programSlug}/instances.")
    @APIResponse(responseCode = "201", description = "Program instance created")
    @APIResponse(responseCode = "404", description = "No such program visible to the caller")
    @APIResponse(responseCode = "409", description = "Program inactive or ended, or instance slug taken")
    public Uni<Response> activate(@PathParam("programSlug") String programSlug,
                                  @Valid @NotNull ProgramInstanceRequest body) {
        return createInstance(programSlug, body);
    }

    @GET
    @Path("/{programSlug}/instances")
    @Operation(summary = "Get program instances", description = "The caller's instances of this program.")
    @APIResponse(responseCode = "200", description = "A page of program instances")
    public Uni<Page<ProgramInstanceView>> listInstances(@PathParam("programSlug") String programSlug,
                                                                @BeanParam PageParams paging) {
        Caller caller = access.coreApi();
        PageRequest request = Params.page(paging);
        return instances.listOfProgram(caller, programSlug, request)
                .map(rows -> rows.map(mapper::toView));
    }

    @POST
    @Path("/{programSlug}/instances")
    @Operation(summary = "Create a program instance")
    @APIResponse(responseCode = "201", description = "Program instance created")
    @APIResponse(responseCode = "404", description = "No such program visible to the caller")
    @APIResponse(responseCode = "409", description = "Program inactive or ended, or instance slug taken")
    public Uni<Response> createUnderProgram(@PathParam("programSlug") String programSlug,
                                            @Valid @NotNull ProgramInstanceRequest body) {
        return createInstance(programSlug, body);
    }

    @GET
    @Path("/{programSlug}/instances/{instanceId}")
    @Operation(summary = "Get program instance")
    @APIResponse(responseCode = "200", description = "Program instance details")
    @APIResponse(responseCode = "404", description = "No such instance of the caller's under this program")
    public Uni<ProgramInstanceView> getInstance(@PathParam("programSlug") String programSlug,
                                                @PathParam("instanceId") String instanceId) {
        Caller caller = access.coreApi();
        return instances.getUnderProgram(caller, programSlug, instanceId).map(mapper::toView);
    }

    private Uni<Response> createInstance(String programSlug, ProgramInstanceRequest body) {
        Caller caller = access.coreApi();
        if (body.programSlug() != null && !body.programSlug().equals(programSlug)) {
            throw ProblemException.invalid("programSlug", "differs from the program in the path");
        }
        return instances.create(caller, programSlug, mapper.toDraft(body, true))
                .map(i -> Response.created(UriBuilder.fromPath("/v1/programInstances/{id}").build(i.id))
                        .entity(mapper.toView(i)).build());
    }
}
