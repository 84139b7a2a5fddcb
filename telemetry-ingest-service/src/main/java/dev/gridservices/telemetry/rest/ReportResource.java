package dev.gridservices.telemetry.rest;

import dev.gridservices.kit.paging.SkipLimit;
import dev.gridservices.kit.paging.SkipLimitParams;
import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.kit.problem.ProblemType;
import dev.gridservices.security.CallerContext;
import dev.gridservices.security.CredentialType;
import dev.gridservices.security.OrganizationKind;
import dev.gridservices.security.RequiresCredential;
import dev.gridservices.security.RequiresOrganizationKind;
import dev.gridservices.security.RequiresScope;
import dev.gridservices.telemetry.messaging.ReadModelCatchUp;
import dev.gridservices.telemetry.repository.ReportRepository;
import dev.gridservices.telemetry.service.ReportService;
import dev.gridservices.telemetry.service.ReportValidator;
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
import java.net.URI;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * OpenADR 3.1 reports (/v2/reports): telemetry pushed by an OEM's VEN client (write_reports). A VEN sees
 * its own reports; a utility sees the reports that answer its programs' events. Bodies are read as bytes
 * and stream-parsed: no tree, no databinding of a 500-resource report.
 */
@Path("/v2/reports")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "OpenADR reports")
@APIResponse(responseCode = "401", description = "No or invalid bearer token")
@APIResponse(responseCode = "403", description = "Token lacks the scope, or is not a VEN's")
public class ReportResource {

    private final ReportService reports;
    private final ReportRepository repository;
    private final CallerContext caller;
    private final ReadModelCatchUp catchUp;

    public ReportResource(ReportService reports, ReportRepository repository, CallerContext caller,
                          ReadModelCatchUp catchUp) {
        this.reports = reports;
        this.repository = repository;
        this.caller = caller;
        this.catchUp = catchUp;
    }

    @POST
    @RequiresScope("write_reports")
    @RequiresCredential(CredentialType.BEARER_TOKEN)
    @RequiresOrganizationKind(OrganizationKind.OEM)
    @SecurityRequirement(name = "bearerAuth", scopes = "write_reports")
    @Operation(summary = "Push a report", description = "Validated whole against the payload registry and the "
            + "caller's resources; answered only after Kafka acknowledged every reading. Any violation refuses the "
            + "whole report (400, every violation listed).")
    @APIResponse(responseCode = "201", description = "The stored report, with its id")
    @APIResponse(responseCode = "400", description = "Validation failed; errors[] names each resource, payload and rule")
    @APIResponse(responseCode = "429", description = "Over the account or device rate limit; see Retry-After")
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge in time, or the service is still "
            + "loading devices and events after a start; nothing accepted; see Retry-After")
    public Response create(byte[] body) {
        catchUp.requireCaughtUp();
        ReportService.Accepted accepted = reports.create(sender(), caller.clientId(), body, "rest");
        return Response.created(URI.create("/v2/reports/" + accepted.reportId())).entity(accepted.json()).build();
    }

    @GET
    @RequiresScope({"read_ven_objects", "read_all", "write_reports"})
    @SecurityRequirement(name = "bearerAuth", scopes = {"read_ven_objects", "read_all"})
    @Operation(summary = "Search reports", description = "Oldest first; programID, eventID and clientName filter.")
    @APIResponse(responseCode = "200", description = "Reports")
    @APIResponse(responseCode = "400", description = "skip or limit out of range")
    public String search(@QueryParam("programID") String programId, @QueryParam("eventID") String eventId,
                         @QueryParam("clientName") String clientName, @BeanParam SkipLimitParams paging) {
        SkipLimit window = paging.toSkipLimit();
        return "[" + String.join(",", repository.search(visibility(), programId, eventId, clientName, window.skip(),
                window.limit())) + "]";
    }

    @GET
    @Path("/{reportID}")
    @RequiresScope({"read_ven_objects", "read_all", "write_reports"})
    @SecurityRequirement(name = "bearerAuth", scopes = {"read_ven_objects", "read_all"})
    @Operation(summary = "Read a report")
    @APIResponse(responseCode = "200", description = "The report")
    @APIResponse(responseCode = "404", description = "No such report visible to the caller")
    public String get(@PathParam("reportID") String id) {
        return repository.find(id, visibility()).orElseThrow(() -> ProblemException.notFound("Report", id));
    }

    @PUT
    @Path("/{reportID}")
    @RequiresScope("write_reports")
    @RequiresCredential(CredentialType.BEARER_TOKEN)
    @RequiresOrganizationKind(OrganizationKind.OEM)
    @SecurityRequirement(name = "bearerAuth", scopes = "write_reports")
    @Operation(summary = "Replace a report", description = "Validated like a new report; its readings are produced "
            + "again (history merges them by device and start).")
    @APIResponse(responseCode = "200", description = "The updated report")
    @APIResponse(responseCode = "400", description = "Validation failed")
    @APIResponse(responseCode = "404", description = "No such report of the caller's VEN")
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge in time, or the service is still "
            + "loading devices and events after a start; see Retry-After")
    public String replace(@PathParam("reportID") String id, byte[] body) {
        catchUp.requireCaughtUp();
        return reports.replace(id, sender(), caller.clientId(), body)
                .orElseThrow(() -> ProblemException.notFound("Report", id));
    }

    @DELETE
    @Path("/{reportID}")
    @RequiresScope("write_reports")
    @RequiresCredential(CredentialType.BEARER_TOKEN)
    @RequiresOrganizationKind(OrganizationKind.OEM)
    @SecurityRequirement(name = "bearerAuth", scopes = "write_reports")
    @Operation(summary = "Delete a report", description = "Removes the report object; readings already in "
            + "history stay (they are the device's telemetry, not the report's).")
    @APIResponse(responseCode = "200", description = "The deleted report")
    @APIResponse(responseCode = "404", description = "No such report of the caller's VEN")
    public String delete(@PathParam("reportID") String id) {
        return repository.delete(id, new ReportRepository.Visibility(venId(), null))
                .orElseThrow(() -> ProblemException.notFound("Report", id));
    }

    private ReportValidator.Sender sender() {
        return new ReportValidator.Sender(venId(), caller.organizationId(), null);
    }

    private String venId() {
        String venId = caller.venId();
        if (venId == null) {
            throw new ProblemException(ProblemType.FORBIDDEN, "This client is bound to no VEN: reports are sent "
                    + "by a VEN's client (a token with ven_id)", null, Map.of());
        }
        return venId;
    }

    private ReportRepository.Visibility visibility() {
        if (caller.isOem()) {
            return new ReportRepository.Visibility(caller.venId(), null);
        }
        return new ReportRepository.Visibility(null, caller.organizationId());
    }
}
