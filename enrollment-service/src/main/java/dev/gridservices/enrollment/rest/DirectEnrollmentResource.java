package dev.gridservices.enrollment.rest;

import dev.gridservices.enrollment.mapping.DeviceEventRequest;
import dev.gridservices.enrollment.mapping.DeviceEventResult;
import dev.gridservices.enrollment.mapping.DirectEnrollmentRequest;
import dev.gridservices.enrollment.mapping.DirectEnrollmentView;
import dev.gridservices.enrollment.mapping.EnrollmentMapper;
import dev.gridservices.enrollment.service.DeviceEventService;
import dev.gridservices.enrollment.service.DirectEnrollmentService;
import dev.gridservices.kit.paging.SkipLimit;
import dev.gridservices.kit.paging.SkipLimitParams;
import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.security.CallerContext;
import dev.gridservices.security.OrganizationKind;
import dev.gridservices.security.RequiresOrganizationKind;
import dev.gridservices.security.RequiresScope;
import io.smallrye.mutiny.Uni;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Direct API (OEM side): OEM-initiated enrollment (direct-api-v2 §10) and its revocation/change events.
 * An OEM organization's token with write_vens; a VEN-bound token sees only its VEN's devices.
 */
@Path("/v2/x-texture/enrollments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "x-texture enrollments")
@RequiresScope("write_vens")
@RequiresOrganizationKind(OrganizationKind.OEM)
@SecurityRequirement(name = "bearerAuth", scopes = "write_vens")
@APIResponse(responseCode = "401", description = "No or invalid access token")
@APIResponse(responseCode = "403", description = "Not an OEM organization, or write_vens missing")
public class DirectEnrollmentResource {

    private final CallerContext caller;
    private final DirectEnrollmentService enrollments;
    private final DeviceEventService events;
    private final EnrollmentMapper mapper;

    public DirectEnrollmentResource(CallerContext caller, DirectEnrollmentService enrollments,
                                    DeviceEventService events, EnrollmentMapper mapper) {
        this.caller = caller;
        this.enrollments = enrollments;
        this.events = events;
        this.mapper = mapper;
    }

    private DirectEnrollmentService.Oem oem() {
        return new DirectEnrollmentService.Oem(caller.organizationId(), caller.venId());
    }

    @POST
    @Operation(summary = "Enroll a device in a program", description = "Resource, site, program and consent. "
            + "Idempotent by device + program: an existing live enrollment answers 200. The site's territory "
            + "outcome decides the first state; no_match and invalid_location are refused.")
    @APIResponse(responseCode = "201", description = "Enrolled")
    @APIResponse(responseCode = "200", description = "Already enrolled (the existing enrollment)")
    @APIResponse(responseCode = "400", description = "Invalid body, consent refused (the rule is named), "
            + "territory refused or device not eligible")
    @APIResponse(responseCode = "404", description = "Resource, site or program (not offered to you) not found")
    @APIResponse(responseCode = "409", description = "The program instance accepts no enrollments")
    public Uni<Response> enroll(DirectEnrollmentRequest body) {
        if (body == null) {
            throw ProblemException.invalid("resourceID", "is required");
        }
        return enrollments.enroll(oem(), body).map(o -> {
            DirectEnrollmentView view = mapper.toDirectView(o.enrollment(), o.consent(), null);
            return (o.created() ? Response.created(UriBuilder.fromPath("/v2/x-texture/enrollments/{id}")
                    .build(o.enrollment().id)) : Response.ok()).entity(view).build();
        });
    }

    @GET
    @Operation(summary = "List enrollments", description = "The caller's device enrollments; filters combine.")
    @APIResponse(responseCode = "200", description = "Enrollments")
    @APIResponse(responseCode = "400", description = "skip or limit out of range")
    public Uni<List<DirectEnrollmentView>> list(@QueryParam("resourceID") String resourceId,
                                                @QueryParam("programID") String programId,
                                                @BeanParam SkipLimitParams paging) {
        SkipLimit window = paging.toSkipLimit();
        DirectEnrollmentService.Oem oem = oem();
        if (window.limit() == 0) {
            return Uni.createFrom().item(List.of());
        }
        return enrollments.list(oem, resourceId, programId, window.skip(), window.limit())
                .map(list -> list.stream().map(e -> mapper.toDirectView(e, null, null)).toList());
    }

    @GET
    @Path("/{enrollmentId}")
    @Operation(summary = "Get an enrollment", description = "With its consent and its lifecycle history.")
    @APIResponse(responseCode = "200", description = "The enrollment")
    @APIResponse(responseCode = "404", description = "Not found (or not the caller's)")
    public Uni<DirectEnrollmentView> get(@PathParam("enrollmentId") String id) {
        return io.quarkus.hibernate.reactive.panache.Panache.withSession(() -> enrollments.get(oem(), id)
                .flatMap(e -> enrollments.consentOf(e).flatMap(c -> enrollments.history(e)
                        .map(h -> mapper.toDirectView(e, c, h)))));
    }

    @POST
    @Path("/events")
    @Operation(summary = "Report a revocation or change event", description = "consent_revoked, decommissioned, "
            + "relocated, ownership_transferred or connectivity_lost, with the client's idempotency id (eventId) "
            + "and occurrence time (occurredAt). A replay is a no-op; an event older than the last applied "
            + "change of an enrollment does not change it. Applies to every live enrollment of the device.")
    @APIResponse(responseCode = "200", description = "What the event did (or, replayed, what it did first)")
    @APIResponse(responseCode = "400", description = "Invalid event (the problem names the field)")
    @APIResponse(responseCode = "404", description = "Resource (or new site) not found")
    public Uni<DeviceEventResult> event(DeviceEventRequest body) {
        if (body == null) {
            throw ProblemException.invalid("eventId", "is required");
        }
        return events.receive(oem(), body);
    }
}
