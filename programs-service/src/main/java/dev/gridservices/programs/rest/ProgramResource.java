package dev.gridservices.programs.rest;

import dev.gridservices.kit.paging.Page;
import dev.gridservices.kit.paging.PageParams;
import dev.gridservices.kit.paging.PageRequest;
import dev.gridservices.kit.paging.QueryValues;
import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.programs.mapping.CreateProgramRequest;
import dev.gridservices.programs.mapping.OfferRequest;
import dev.gridservices.programs.mapping.ProgramInstanceRequest;
import dev.gridservices.programs.mapping.ProgramInstanceView;
import dev.gridservices.programs.mapping.ProgramMapper;
import dev.gridservices.programs.mapping.ProgramOffersView;
import dev.gridservices.programs.mapping.ProgramView;
import dev.gridservices.programs.repository.ProgramRepository.CatalogFilter;
import dev.gridservices.programs.repository.Visibility;
import dev.gridservices.programs.service.Caller;
import dev.gridservices.programs.service.ProgramInstanceService;
import dev.gridservices.programs.service.ProgramService;
import dev.gridservices.programs.service.UsStates;
import dev.gridservices.security.CredentialType;
import dev.gridservices.security.OrganizationKind;
import dev.gridservices.security.RequiresCredential;
import dev.gridservices.security.RequiresOrganizationKind;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
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
 * Core API programs (/v1/programs), the instance routes nested under a program, and the program's offers.
 * {@code {programSlug}} also accepts the program's id: a slug is unique only within its organization, an id
 * everywhere (Location headers use the id).
 */
@Path("/v1/programs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "programs")
@SecurityRequirement(name = "ApiKeyAuth")
@RequiresCredential({CredentialType.SERVER_KEY, CredentialType.PLATFORM_ADMIN_KEY})
@APIResponse(responseCode = "401", description = "No or invalid API key")
@APIResponse(responseCode = "403", description = "Not a SERVER API key (or the platform admin's), or the wrong "
        + "organization kind for a write")
public class ProgramResource {

    static final String KEY_DESCRIPTION = "The program's slug, or its id";

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
    @Operation(summary = "Retrieve programs", description = "The catalog: public programs, the caller's own "
            + "private ones and (for an OEM organization) those offered to it. By default only programs with at "
            + "least one active instance of the caller's organization (workspace, for a workspace-bound key); "
            + "include_all=true returns every visible program. The platform admin sees every program.")
    @APIResponse(responseCode = "200", description = "A page of programs")
    @APIResponse(responseCode = "400", description = "A query parameter is invalid")
    public Uni<Page<ProgramView>> list(
            @QueryParam("include_all") @Parameter(description = "true: all visible programs") String includeAll,
            @QueryParam("state") @Parameter(description = "US state code, e.g. NY") String state,
            @QueryParam("visibility") @Parameter(description = "public or private") String visibility,
            @BeanParam PageParams paging) {
        Caller caller = access.caller();
        boolean all = QueryValues.bool("include_all", includeAll, false);
        if (state != null && !UsStates.isValid(state)) {
            throw ProblemException.invalid("state", "'" + state + "' is not a US two-letter state code");
        }
        if (visibility != null && Visibility.parse(visibility).isEmpty()) {
            throw ProblemException.invalid("visibility", "must be public or private");
        }
        PageRequest request = Params.page(paging);
        return programs.catalog(new CatalogFilter(caller.audience(), caller.tenant(), all, visibility, state), request)
                .map(rows -> rows.map(mapper::toView));
    }

    @POST
    @RequiresOrganizationKind(value = OrganizationKind.UTILITY, admin = true)
    @Operation(summary = "Create a program", description = "A utility creates private programs for itself "
            + "(OEM organizations: 403); only the platform admin publishes public programs, or creates one for an "
            + "organization (organizationId). A slug is unique within its organization; a public program's slug "
            + "across the platform. Location gives the program by id.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = ProgramView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body (the problem names the field); a reserved slug")
    @APIResponse(responseCode = "409", description = "The slug is taken by the organization or by a public program")
    public Uni<Response> create(@Valid @NotNull CreateProgramRequest body) {
        Caller caller = access.caller();
        return programs.create(caller, mapper.toDraft(body), body.organizationId())
                .map(p -> Response.created(UriBuilder.fromPath("/v1/programs/{id}").build(p.id))
                        .tag(Versions.etag(p.version)).entity(mapper.toView(p)).build());
    }

    @GET
    @Path("/{programSlug}")
    @Operation(summary = "Get a program", description = "By slug (the caller's own first, then a public one, "
            + "then one offered to the caller) or by id.")
    @APIResponse(responseCode = "200", description = "The program; ETag = its version",
            content = @Content(schema = @Schema(implementation = ProgramView.class)))
    @APIResponse(responseCode = "404", description = "No such program visible to the caller")
    public Uni<Response> get(@PathParam("programSlug") @Parameter(description = KEY_DESCRIPTION) String key) {
        return programs.get(access.caller(), key).map(p -> Response.ok(mapper.toView(p))
                .tag(Versions.etag(p.version)).build());
    }

    @POST
    @Path("/{programSlug}")
    @RequiresCredential(CredentialType.SERVER_KEY)
    @RequiresOrganizationKind(OrganizationKind.UTILITY)
    @Operation(summary = "Create program instance", description = "Activates the program for the caller's "
            + "organization. Same as POST /v1/programs/{programSlug}/instances.")
    @APIResponse(responseCode = "201", description = "Program instance created")
    @APIResponse(responseCode = "404", description = "No such program visible to the caller")
    @APIResponse(responseCode = "409", description = "Program inactive or ended, or instance slug taken")
    public Uni<Response> activate(@PathParam("programSlug") @Parameter(description = KEY_DESCRIPTION) String key,
                                  @Valid @NotNull ProgramInstanceRequest body) {
        return createInstance(key, body);
    }

    @GET
    @Path("/{programSlug}/instances")
    @RequiresCredential(CredentialType.SERVER_KEY)
    @Operation(summary = "Get program instances", description = "The caller's instances of this program (its "
            + "workspace's, for a workspace-bound key).")
    @APIResponse(responseCode = "200", description = "A page of program instances")
    public Uni<Page<ProgramInstanceView>> listInstances(
            @PathParam("programSlug") @Parameter(description = KEY_DESCRIPTION) String key,
            @BeanParam PageParams paging) {
        Caller caller = access.caller();
        PageRequest request = Params.page(paging);
        return instances.listOfProgram(caller, key, request).map(rows -> rows.map(mapper::toView));
    }

    @POST
    @Path("/{programSlug}/instances")
    @RequiresCredential(CredentialType.SERVER_KEY)
    @RequiresOrganizationKind(OrganizationKind.UTILITY)
    @Operation(summary = "Create a program instance", description = "Utility organizations only.")
    @APIResponse(responseCode = "201", description = "Program instance created")
    @APIResponse(responseCode = "404", description = "No such program visible to the caller")
    @APIResponse(responseCode = "409", description = "Program inactive or ended, or instance slug taken")
    public Uni<Response> createUnderProgram(@PathParam("programSlug") @Parameter(description = KEY_DESCRIPTION) String key,
                                            @Valid @NotNull ProgramInstanceRequest body) {
        return createInstance(key, body);
    }

    @GET
    @Path("/{programSlug}/instances/{instanceId}")
    @RequiresCredential(CredentialType.SERVER_KEY)
    @Operation(summary = "Get program instance")
    @APIResponse(responseCode = "200", description = "Program instance details; ETag = its version",
            content = @Content(schema = @Schema(implementation = ProgramInstanceView.class)))
    @APIResponse(responseCode = "404", description = "No such instance of the caller's under this program")
    public Uni<Response> getInstance(@PathParam("programSlug") @Parameter(description = KEY_DESCRIPTION) String key,
                                     @PathParam("instanceId") String instanceId) {
        return instances.getUnderProgram(access.caller(), key, instanceId)
                .map(i -> Response.ok(mapper.toView(i)).tag(Versions.etag(i.version)).build());
    }

    @POST
    @Path("/{programSlug}/offers")
    @RequiresOrganizationKind(value = OrganizationKind.UTILITY, admin = true)
    @Operation(summary = "Offer a program to OEM organizations", description = "The owning utility (or the "
            + "platform admin) makes the program visible to the named OEM organizations, or with allOems to every "
            + "OEM organization: their keys, tokens and VENs then read it (/v1 and /v2) and may enroll in it. "
            + "Offering again what is offered changes nothing. Published as programOffers.changed.")
    @APIResponse(responseCode = "201", description = "Something new was offered; the program's offers",
            content = @Content(schema = @Schema(implementation = ProgramOffersView.class)))
    @APIResponse(responseCode = "200", description = "Everything was offered already; the program's offers",
            content = @Content(schema = @Schema(implementation = ProgramOffersView.class)))
    @APIResponse(responseCode = "400", description = "Neither organizationIds nor allOems, or the owner itself")
    @APIResponse(responseCode = "404", description = "No such program visible to the caller")
    public Uni<Response> offer(@PathParam("programSlug") @Parameter(description = KEY_DESCRIPTION) String key,
                               @Valid @NotNull OfferRequest body) {
        List<String> named = body.organizationIds() == null ? List.of() : body.organizationIds();
        boolean allOems = Boolean.TRUE.equals(body.allOems());
        if (named.isEmpty() && !allOems) {
            throw ProblemException.invalid("organizationIds", "name at least one organization, or set allOems");
        }
        return programs.offer(access.caller(), key, allOems, named).map(result -> {
            ProgramOffersView view = mapper.toView(result.program(), result.offers());
            return (result.added()
                    ? Response.created(UriBuilder.fromPath("/v1/programs/{id}/offers").build(result.program().id))
                    : Response.ok()).entity(view).build();
        });
    }

    @GET
    @Path("/{programSlug}/offers")
    @RequiresOrganizationKind(value = OrganizationKind.UTILITY, admin = true)
    @Operation(summary = "A program's offers", description = "Only the owner and the platform admin see them.")
    @APIResponse(responseCode = "200", description = "The program's offers")
    @APIResponse(responseCode = "404", description = "No such program visible to the caller")
    public Uni<ProgramOffersView> offers(@PathParam("programSlug") @Parameter(description = KEY_DESCRIPTION) String key) {
        return programs.offers(access.caller(), key).map(result -> mapper.toView(result.program(), result.offers()));
    }

    @DELETE
    @Path("/{programSlug}/offers/{organizationId}")
    @RequiresOrganizationKind(value = OrganizationKind.UTILITY, admin = true)
    @Operation(summary = "Withdraw an offer", description = "organizationId = an OEM organization's id, or "
            + "all-oems for the offer to every OEM organization. Its callers stop seeing the program (unless "
            + "another offer or public visibility still shows it). Published as programOffers.changed.")
    @APIResponse(responseCode = "204", description = "Withdrawn")
    @APIResponse(responseCode = "404", description = "No such program, or no such offer")
    public Uni<Response> withdraw(@PathParam("programSlug") @Parameter(description = KEY_DESCRIPTION) String key,
                                  @PathParam("organizationId") @Parameter(description = "An OEM organization id, or "
                                          + ALL_OEMS) String organizationId) {
        return programs.withdraw(access.caller(), key, ALL_OEMS.equals(organizationId) ? null : organizationId)
                .replaceWith(Response.noContent().build());
    }

    /** The path word for the offer to every OEM organization (organization ids are UUIDs, never this). */
    static final String ALL_OEMS = "all-oems";

    private Uni<Response> createInstance(String key, ProgramInstanceRequest body) {
        Caller caller = access.caller();
        if (body.programSlug() != null && !body.programSlug().equals(key)) {
            throw ProblemException.invalid("programSlug", "differs from the program in the path");
        }
        return instances.create(caller, key, mapper.toDraft(body, true))
                .map(i -> Response.created(UriBuilder.fromPath("/v1/programInstances/{id}").build(i.id))
                        .tag(Versions.etag(i.version)).entity(mapper.toView(i)).build());
    }
}
