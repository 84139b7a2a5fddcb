package dev.gridservices.device.rest;

import dev.gridservices.device.mapping.OpenAdrMapper;
import dev.gridservices.device.service.DeviceService;
import dev.gridservices.kit.paging.SkipLimit;
import dev.gridservices.kit.paging.SkipLimitParams;
import dev.gridservices.openadr.Resource;
import dev.gridservices.openadr.ResourceRequest;
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
 * OpenADR 3.1 resources (/v2/resources): one per device, under a VEN. VEN_RESOURCE_REQUEST in, VEN_RESOURCE
 * out, server id res_…. Registration is idempotent by resourceName within the VEN.
 */
@Path("/v2/resources")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "OpenADR resources")
@RequiresCredential({CredentialType.BEARER_TOKEN, CredentialType.SERVER_KEY})
@RequiresOrganizationKind(OrganizationKind.OEM)
@SecurityRequirement(name = "bearerAuth", scopes = {"read_ven_objects", "write_vens"})
@SecurityRequirement(name = "apiKey")
@APIResponse(responseCode = "401", description = "No or invalid credentials")
@APIResponse(responseCode = "403", description = "Not an OEM organization, wrong credential type or missing scope")
@APIResponse(responseCode = "429", description = "Device management rate limit; see Retry-After")
public class OpenAdrResourceResource {

    private final Access access;
    private final DeviceService devices;
    private final OpenAdrMapper mapper;

    public OpenAdrResourceResource(Access access, DeviceService devices, OpenAdrMapper mapper) {
        this.access = access;
        this.devices = devices;
        this.mapper = mapper;
    }

    @GET
    @Operation(summary = "Search resources", description = "The caller's resources (a VEN-bound client: its "
            + "VEN's), oldest first; venID, resourceName and targets (any) filter.")
    @APIResponse(responseCode = "200", description = "Resources")
    @APIResponse(responseCode = "400", description = "skip or limit out of range")
    public Uni<List<Resource>> search(@QueryParam("venID") String venId,
                                      @QueryParam("resourceName") String resourceName,
                                      @QueryParam("targets") List<String> targets,
                                      @BeanParam SkipLimitParams paging) {
        SkipLimit window = paging.toSkipLimit();
        return devices.search(access.oemReader(), venId, resourceName, Params.nonEmpty(targets),
                window.skip(), window.limit()).map(list -> list.stream().map(mapper::toOpenAdr).toList());
    }

    @POST
    @Operation(summary = "Register a device", description = "Required attributes per device type (Direct API "
            + "§5); x-static:SITE_ID must be one of the caller's sites. The same resourceName with the same "
            + "attributes answers 200 with the existing record; with other attributes 409.")
    @APIResponse(responseCode = "201", description = "Registered")
    @APIResponse(responseCode = "200", description = "Already registered with these attributes")
    @APIResponse(responseCode = "400", description = "Invalid request (the problem names the attribute)")
    @APIResponse(responseCode = "409", description = "resourceName registered with other attributes")
    public Uni<Response> create(ResourceRequest body) {
        return devices.register(access.oemWriter(), mapper.toDraft(body)).map(r -> r.created()
                ? Response.created(UriBuilder.fromPath("/v2/resources/{id}").build(r.device().id))
                        .entity(mapper.toOpenAdr(r.device())).build()
                : Response.ok(mapper.toOpenAdr(r.device())).build());
    }

    @GET
    @Path("/{resourceID}")
    @Operation(summary = "Get a resource")
    @APIResponse(responseCode = "200", description = "The resource")
    @APIResponse(responseCode = "404", description = "No such resource visible to the caller")
    public Uni<Resource> get(@PathParam("resourceID") String id) {
        Params.checkId(id);
        return devices.get(access.oemReader(), id).map(mapper::toOpenAdr);
    }

    @PUT
    @Path("/{resourceID}")
    @Operation(summary = "Update a resource's attributes", description = "resourceName and venID cannot change "
            + "(400 when the body names others).")
    @APIResponse(responseCode = "200", description = "The updated resource")
    @APIResponse(responseCode = "400", description = "Invalid attributes, or an attempt to change resourceName/venID")
    @APIResponse(responseCode = "404", description = "No such resource visible to the caller")
    public Uni<Resource> replace(@PathParam("resourceID") String id, ResourceRequest body) {
        Params.checkId(id);
        return devices.replace(access.oemWriter(), id, mapper.toDraft(body)).map(mapper::toOpenAdr);
    }

    @DELETE
    @Path("/{resourceID}")
    @Operation(summary = "Delete a resource")
    @APIResponse(responseCode = "200", description = "The deleted resource")
    @APIResponse(responseCode = "404", description = "No such resource visible to the caller")
    public Uni<Resource> delete(@PathParam("resourceID") String id) {
        Params.checkId(id);
        return devices.delete(access.oemWriter(), id).map(mapper::toOpenAdr);
    }
}
