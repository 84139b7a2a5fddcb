package dev.gridservices.device.rest;

import dev.gridservices.device.mapping.DeviceViews;
import dev.gridservices.device.repository.DeviceRepository.DeviceFilter;
import dev.gridservices.device.service.DeviceKind;
import dev.gridservices.device.service.DeviceService;
import dev.gridservices.device.service.ManufacturerDeviceDraft;
import dev.gridservices.kit.paging.Page;
import dev.gridservices.kit.paging.PageParams;
import dev.gridservices.kit.problem.ProblemException;
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
 * Core API devices (/v1/devices): the same devices as /v2/resources. Read and manage with a SERVER key (the
 * caller's organization's devices only: a utility sees none of an OEM's fleet); an OEM registers with its
 * MANUFACTURER key.
 */
@Path("/v1/devices")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Devices")
@RequiresCredential(CredentialType.SERVER_KEY)
@SecurityRequirement(name = "apiKey")
@APIResponse(responseCode = "401", description = "No or invalid API key")
@APIResponse(responseCode = "403", description = "Wrong key type")
@APIResponse(responseCode = "429", description = "Device management rate limit; see Retry-After")
public class CoreDeviceResource {

    public record CreateDevice(String manufacturerDeviceId, String deviceModelId, String siteId, String serialNumber,
                               String name) {
    }

    public record CreatedDevice(String id, String manufacturerDeviceId, String deviceModelId, String siteId,
                                String provisioningType, String serialNumber, String name,
                                java.time.OffsetDateTime createdAt) {
    }

    public record Tags(List<String> tags) {
    }

    public record SiteLink(String siteProfileId) {
    }

    public record SiteLinked(String id, String siteProfileId) {
    }

    private final Access access;
    private final DeviceService devices;
    private final DeviceViews views;

    public CoreDeviceResource(Access access, DeviceService devices, DeviceViews views) {
        this.access = access;
        this.devices = devices;
        this.views = views;
    }

    @GET
    @Operation(summary = "List devices", description = "Filters referenceId, manufacturer, manufacturerDeviceId, "
            + "type, model (they combine); page 1..1000, perPage 1..100 (default 100); oldest first.")
    @APIResponse(responseCode = "200", description = "{data, page, perPage, totalItems, totalPages}")
    @APIResponse(responseCode = "400", description = "A parameter out of range (the problem names it)")
    public Uni<Page<DeviceViews.CoreDevice>> list(@QueryParam("referenceId") String referenceId,
                                                  @QueryParam("manufacturer") String manufacturer,
                                                  @QueryParam("manufacturerDeviceId") String manufacturerDeviceId,
                                                  @QueryParam("type") String type, @QueryParam("model") String model,
                                                  @BeanParam PageParams paging) {
        String storedType = null;
        if (type != null) {
            if (!DeviceKind.CORE_TYPES.contains(type)) {
                throw ProblemException.invalid("type", "must be one of " + String.join(", ", DeviceKind.CORE_TYPES));
            }
            storedType = DeviceKind.ofWireType(type);
            if (storedType == null) {
                storedType = "-";
            }
        }
        DeviceFilter filter = new DeviceFilter(referenceId, manufacturer, manufacturerDeviceId, storedType, model, null);
        return devices.page(access.coreApi(), filter, Params.page(paging)).map(p -> p.map(views::toV1));
    }

    @POST
    @RequiresCredential(CredentialType.MANUFACTURER_KEY)
    @RequiresOrganizationKind(OrganizationKind.OEM)
    @Operation(summary = "Create an OEM device", description = "MANUFACTURER API key. Idempotent by "
            + "manufacturerDeviceId: 201 new, 200 the same parameters, 409 other parameters (errors name them).")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "200", description = "Already registered with these parameters")
    @APIResponse(responseCode = "400", description = "Invalid body, or no such site")
    @APIResponse(responseCode = "409", description = "PARAMETER_MISMATCH: registered with other parameters")
    public Uni<Response> create(CreateDevice body) {
        if (body == null) {
            throw ProblemException.invalid("body", "is required");
        }
        required("manufacturerDeviceId", body.manufacturerDeviceId());
        required("deviceModelId", body.deviceModelId());
        required("siteId", body.siteId());
        ManufacturerDeviceDraft draft = new ManufacturerDeviceDraft(body.manufacturerDeviceId().trim(),
                body.deviceModelId().trim(), body.siteId().trim(), body.serialNumber(), body.name());
        return devices.registerManufactured(access.coreApi(), draft).map(r -> {
            var d = r.device();
            CreatedDevice out = new CreatedDevice(d.id, d.manufacturerDeviceId, d.model, d.siteId, d.provisioningType,
                    d.serialNumber, d.name, d.createdAt);
            return r.created() ? Response.created(UriBuilder.fromPath("/v1/devices/{id}").build(d.id)).entity(out).build()
                    : Response.ok(out).build();
        });
    }

    @GET
    @Path("/types")
    @Operation(summary = "Device types")
    @APIResponse(responseCode = "200", description = "The core API's device types")
    public List<String> types() {
        return DeviceKind.CORE_TYPES;
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a device", description = "With its live state (latest telemetry), lastSeen and connectivity.")
    @APIResponse(responseCode = "200", description = "The device")
    @APIResponse(responseCode = "404", description = "No such device of the caller's organization")
    public Uni<DeviceViews.CoreDevice> get(@PathParam("id") String id) {
        return devices.get(access.coreApi(), id).map(views::toV1);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a device")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such device of the caller's organization")
    public Uni<Response> delete(@PathParam("id") String id) {
        return devices.delete(access.coreApi(), id).map(d -> Response.noContent().build());
    }

    @GET
    @Path("/{id}/tags")
    @Operation(summary = "A device's tags")
    @APIResponse(responseCode = "200", description = "{tags}")
    @APIResponse(responseCode = "404", description = "No such device of the caller's organization")
    public Uni<Tags> tags(@PathParam("id") String id) {
        return devices.get(access.coreApi(), id).map(d -> new Tags(List.of(d.tags)));
    }

    @PUT
    @Path("/{id}/tags")
    @Operation(summary = "Replace a device's tags", description = "Each tag 1..128 characters; duplicates dropped.")
    @APIResponse(responseCode = "200", description = "{tags}")
    @APIResponse(responseCode = "400", description = "tags missing or invalid")
    @APIResponse(responseCode = "404", description = "No such device of the caller's organization")
    public Uni<Tags> putTags(@PathParam("id") String id, Tags body) {
        if (body == null || body.tags() == null) {
            throw ProblemException.invalid("tags", "is required");
        }
        for (int i = 0; i < body.tags().size(); i++) {
            String t = body.tags().get(i);
            if (t == null || t.isBlank() || t.length() > 128) {
                throw ProblemException.invalid("tags[" + i + "]", "must be 1..128 characters");
            }
        }
        return devices.tags(access.coreApi(), id, body.tags()).map(d -> new Tags(List.of(d.tags)));
    }

    @PUT
    @Path("/{id}/site")
    @Operation(summary = "Move a device to another site")
    @APIResponse(responseCode = "200", description = "{id, siteProfileId}")
    @APIResponse(responseCode = "400", description = "siteProfileId missing or not one of the caller's sites")
    @APIResponse(responseCode = "404", description = "No such device of the caller's organization")
    public Uni<SiteLinked> site(@PathParam("id") String id, SiteLink body) {
        if (body == null || body.siteProfileId() == null || body.siteProfileId().isBlank()) {
            throw ProblemException.invalid("siteProfileId", "is required");
        }
        return devices.moveToSite(access.coreApi(), id, body.siteProfileId()).map(d -> new SiteLinked(d.id, d.siteId));
    }

    private static void required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalid(field, "is required");
        }
    }
}
