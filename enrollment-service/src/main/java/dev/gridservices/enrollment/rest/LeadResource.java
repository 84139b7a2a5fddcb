package dev.gridservices.enrollment.rest;

import dev.gridservices.enrollment.mapping.EnrollmentMapper;
import dev.gridservices.enrollment.mapping.LeadInput;
import dev.gridservices.enrollment.mapping.LeadView;
import dev.gridservices.enrollment.service.LeadService;
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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Core API leads of the caller's organization. */
@Path("/v1/leads")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "leads")
@RequiresCredential(CredentialType.SERVER_KEY)
@RequiresOrganizationKind(OrganizationKind.UTILITY)
@APIResponse(responseCode = "401", description = "No or invalid API key")
@APIResponse(responseCode = "403", description = "Not a utility organization's SERVER API key")
public class LeadResource {

    private final CallerContext caller;
    private final LeadService leads;
    private final EnrollmentMapper mapper;

    public LeadResource(CallerContext caller, LeadService leads, EnrollmentMapper mapper) {
        this.caller = caller;
        this.leads = leads;
        this.mapper = mapper;
    }

    @GET
    @Operation(summary = "Get a list of leads")
    @APIResponse(responseCode = "200", description = "A page of leads")
    public Uni<Page<LeadView>> list(@BeanParam PageParams paging) {
        return leads.list(caller.organizationId(), paging.toPageRequest()).map(p -> p.map(mapper::toView));
    }

    @POST
    @Operation(summary = "Create a new lead")
    @APIResponse(responseCode = "200", description = "The lead (the spec answers 200)")
    @APIResponse(responseCode = "400", description = "email missing or invalid, or metadata not strings")
    public Uni<LeadView> create(LeadInput body) {
        if (body == null) {
            throw ProblemException.invalid("email", "is required");
        }
        return leads.create(caller.organizationId(), caller.workspaceId(), body).map(mapper::toView);
    }
}
