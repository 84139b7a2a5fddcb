package dev.gridservices.enrollment.rest;

import dev.gridservices.enrollment.mapping.EnrollmentMapper;
import dev.gridservices.enrollment.mapping.EnrollmentView;
import dev.gridservices.enrollment.mapping.MetadataInput;
import dev.gridservices.enrollment.mapping.StatusInput;
import dev.gridservices.enrollment.service.CoreEnrollmentService;
import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.security.CallerContext;
import dev.gridservices.security.CredentialType;
import dev.gridservices.security.OrganizationKind;
import dev.gridservices.security.RequiresCredential;
import dev.gridservices.security.RequiresOrganizationKind;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Core API: one enrollment into one of the caller's instances. The utility sees every enrollment into its
 * instances, device enrollments included (with the device's id and type only); another organization's → 404.
 */
@Path("/v1/enrollments/{enrollmentId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "enrollments")
@RequiresCredential(CredentialType.SERVER_KEY)
@RequiresOrganizationKind(OrganizationKind.UTILITY)
@APIResponse(responseCode = "401", description = "No or invalid API key")
@APIResponse(responseCode = "403", description = "Not a utility organization's SERVER API key")
@APIResponse(responseCode = "404", description = "Enrollment not found")
public class EnrollmentResource {

    private final CallerContext caller;
    private final CoreEnrollmentService enrollments;
    private final EnrollmentMapper mapper;

    public EnrollmentResource(CallerContext caller, CoreEnrollmentService enrollments, EnrollmentMapper mapper) {
        this.caller = caller;
        this.enrollments = enrollments;
        this.mapper = mapper;
    }

    @GET
    @Operation(summary = "Get enrollment by ID")
    @APIResponse(responseCode = "200", description = "Enrollment details")
    public Uni<EnrollmentView> get(@PathParam("enrollmentId") String id) {
        return enrollments.get(caller.organizationId(), id).map(mapper::toView);
    }

    @DELETE
    @Operation(summary = "Delete enrollment", description = "Ends the enrollment and keeps the record: a customer "
            + "enrollment becomes unenrolling, a device enrollment revoked.")
    @APIResponse(responseCode = "204", description = "Enrollment ended")
    public Uni<Response> delete(@PathParam("enrollmentId") String id) {
        return enrollments.end(caller.organizationId(), id).map(e -> Response.noContent().build());
    }

    @PATCH
    @Path("/metadata")
    @Operation(summary = "Update enrollment metadata (merge)", description = "Given keys are added or replaced; "
            + "others stay.")
    @APIResponse(responseCode = "200", description = "The updated enrollment")
    @APIResponse(responseCode = "400", description = "metadata missing or a value not a string")
    public Uni<EnrollmentView> metadata(@PathParam("enrollmentId") String id, MetadataInput body) {
        if (body == null) {
            throw ProblemException.invalid("metadata", "is required");
        }
        return enrollments.mergeMetadata(caller.organizationId(), id, body.metadata()).map(mapper::toView);
    }

    @PUT
    @Path("/status")
    @Operation(summary = "Update enrollment status", description = "Moves the eligibility status; a move the "
            + "review flow does not have is 409 naming both statuses.")
    @APIResponse(responseCode = "200", description = "The updated enrollment")
    @APIResponse(responseCode = "400", description = "Invalid status value")
    @APIResponse(responseCode = "409", description = "Impossible transition, or a device enrollment")
    public Uni<EnrollmentView> status(@PathParam("enrollmentId") String id, StatusInput body) {
        if (body == null) {
            throw ProblemException.invalid("status", "is required");
        }
        return enrollments.setStatus(caller.organizationId(), id, body.status(), body.reason()).map(mapper::toView);
    }
}
