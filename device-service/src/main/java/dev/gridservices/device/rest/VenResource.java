package dev.gridservices.device.rest;

import dev.gridservices.device.mapping.OpenAdrMapper;
import dev.gridservices.device.service.VenService;
import dev.gridservices.kit.paging.SkipLimit;
import dev.gridservices.kit.paging.SkipLimitParams;
import dev.gridservices.openadr.Ven;
import dev.gridservices.openadr.VenRequest;
import dev.gridservices.security.CredentialType;
import dev.gridservices.security.OrganizationKind;
import dev.gridservices.security.RequiresCredential;
import dev.gridservices.security.RequiresOrganizationKind;
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
 * OpenADR 3.1 VENs (/v2/vens). In the Direct API a VEN is an OEM/TPDO integration account. OEM organizations
 * only. A client bound to a VEN (token claim ven_id) sees and updates only that VEN; the organization's
 * SERVER key, or a client bound to no VEN, manages all of them.
 */
@Path("/v2/vens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "OpenADR VENs")
@RequiresCredential({CredentialType.BEARER_TOKEN, CredentialType.SERVER_KEY})
@RequiresOrganizationKind(OrganizationKind.OEM)
@SecurityRequirement(name = "bearerAuth", scopes = {"read_ven_objects", "write_vens"})
@SecurityRequirement(name = "apiKey")
@APIResponse(responseCode = "401", description = "No or invalid credentials")
@APIResponse(responseCode = "403", description = "Not an OEM organization, wrong credential type or missing scope")
@APIResponse(responseCode = "429", description = "Device management rate limit; see Retry-After")
public class VenResource {

    private final Access access;
    private final VenService vens;
    private final OpenAdrMapper mapper;

    public VenResource(Access access, VenService vens, OpenAdrMapper mapper) {
        this.access = access;
        this.vens = vens;
        this.mapper = mapper;
    }

    @GET
    @Operation(summary = "Search VENs", description = "The caller's VENs (a VEN-bound client: only its own), "
            + "ordered by venName; venName and targets filter.")
    @APIResponse(responseCode = "200", description = "VENs")
    @APIResponse(responseCode = "400", description = "skip or limit out of range")
    public Uni<List<Ven>> search(@QueryParam("venName") String venName, @QueryParam("targets") List<String> targets,
                                 @BeanParam SkipLimitParams paging) {
        SkipLimit window = paging.toSkipLimit();
        return vens.search(access.oemReader(), venName, Params.nonEmpty(targets), window.skip(), window.limit())
                .map(list -> list.stream().map(mapper::toOpenAdr).toList());
    }

    @POST
    @Operation(summary = "Create a VEN", description = "venName is unique within the organization; the id is "
            + "assigned by the server (ven_…). Not for VEN-bound clients.")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Invalid venRequest (the problem names the field)")
    @APIResponse(responseCode = "409", description = "venName is taken in this organization")
    public Uni<Response> create(VenRequest body) {
        return vens.create(access.oemWriter(), mapper.toDraft(body))
                .map(v -> Response.created(UriBuilder.fromPath("/v2/vens/{id}").build(v.id))
                        .entity(mapper.toOpenAdr(v)).build());
    }

    @GET
    @Path("/{venID}")
    @Operation(summary = "Get a VEN")
    @APIResponse(responseCode = "200", description = "The VEN")
    @APIResponse(responseCode = "404", description = "No such VEN visible to the caller")
    public Uni<Ven> get(@PathParam("venID") String venId) {
        Params.checkId(venId);
        return vens.get(access.oemReader(), venId).map(mapper::toOpenAdr);
    }

    @PUT
    @Path("/{venID}")
    @Operation(summary = "Update a VEN", description = "Replaces venName, attributes and targets.")
    @APIResponse(responseCode = "200", description = "The updated VEN")
    @APIResponse(responseCode = "404", description = "No such VEN visible to the caller")
    @APIResponse(responseCode = "409", description = "venName is taken in this organization")
    public Uni<Ven> replace(@PathParam("venID") String venId, VenRequest body) {
        Params.checkId(venId);
        return vens.replace(access.oemWriter(), venId, mapper.toDraft(body)).map(mapper::toOpenAdr);
    }

    @DELETE
    @Path("/{venID}")
    @Operation(summary = "Delete a VEN", description = "Only a VEN without resources; not for VEN-bound clients.")
    @APIResponse(responseCode = "200", description = "The deleted VEN")
    @APIResponse(responseCode = "404", description = "No such VEN visible to the caller")
    @APIResponse(responseCode = "409", description = "The VEN still has resources")
    public Uni<Ven> delete(@PathParam("venID") String venId) {
        Params.checkId(venId);
        return vens.delete(access.oemWriter(), venId).map(mapper::toOpenAdr);
    }
}
