package dev.gridservices.enrollment.rest;

import dev.gridservices.enrollment.mapping.EnrollmentInput;
import dev.gridservices.enrollment.mapping.EnrollmentMapper;
import dev.gridservices.enrollment.mapping.EnrollmentView;
import dev.gridservices.enrollment.service.CoreEnrollmentService;
import dev.gridservices.enrollment.service.EligibilityStatus;
import dev.gridservices.kit.paging.Page;
import dev.gridservices.kit.paging.PageParams;
import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.security.CallerContext;
import dev.gridservices.security.CredentialType;
import dev.gridservices.security.OrganizationKind;
import dev.gridservices.security.RequiresCredential;
import dev.gridservices.security.RequiresOrganizationKind;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Core API: enrollments of one of the caller's program instances (utility organizations, SERVER key). */
@Path("/v1/programInstances/{instanceId}/enrollments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Program Instances")
@RequiresCredential(CredentialType.SERVER_KEY)
@RequiresOrganizationKind(OrganizationKind.UTILITY)
@APIResponse(responseCode = "401", description = "No or invalid API key")
@APIResponse(responseCode = "403", description = "Not a utility organization's SERVER API key")
public class InstanceEnrollmentResource {

    private final CallerContext caller;
    private final CoreEnrollmentService enrollments;
    private final EnrollmentMapper mapper;

    public InstanceEnrollmentResource(CallerContext caller, CoreEnrollmentService enrollments, EnrollmentMapper mapper) {
        this.caller = caller;
        this.enrollments = enrollments;
        this.mapper = mapper;
    }

    @POST
    @Operation(summary = "Create an enrollment for a program instance", description = "identificationType "
            + "customerInfo, customerId, enrollmentId or leadId. Eligibility is computed from the instance's "
            + "rules and stored with a reason, unless an initial eligibility is given.")
    @APIResponse(responseCode = "201", description = "Enrollment created")
    @APIResponse(responseCode = "400", description = "Invalid body (the problem names the field)")
    @APIResponse(responseCode = "404", description = "Program instance (or the named lead/enrollment) not found")
    @APIResponse(responseCode = "409", description = "The instance is archived or inactive")
    public Uni<Response> create(@PathParam("instanceId") String instanceId, EnrollmentInput body) {
        if (body == null) {
            throw ProblemException.invalid("body", "is required");
        }
        return enrollments.create(caller.organizationId(), caller.workspaceId(), instanceId, body)
                .map(e -> Response.created(UriBuilder.fromPath("/v1/enrollments/{id}").build(e.id))
                        .entity(mapper.toView(e)).build());
    }

    @GET
    @Operation(summary = "Retrieve program instance enrollments", description = "Filter by eligibility status.")
    @APIResponse(responseCode = "200", description = "A page of enrollments")
    @APIResponse(responseCode = "400", description = "A query parameter is invalid")
    @APIResponse(responseCode = "404", description = "Program instance not found")
    public Uni<Page<EnrollmentView>> list(@PathParam("instanceId") String instanceId,
                                          @QueryParam("status") String status,
                                          @BeanParam PageParams paging) {
        if (status != null && EligibilityStatus.parse(status).isEmpty()) {
            throw ProblemException.invalid("status", "must be one of candidate, eligible, ineligible, submitted, "
                    + "approved, rejected, unenrolling, unenrolled");
        }
        return enrollments.list(caller.organizationId(), instanceId, status, paging.toPageRequest(100, 9999))
                .map(p -> p.map(mapper::toView));
    }
}
