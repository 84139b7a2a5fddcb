package dev.gridservices.dispatch.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gridservices.dispatch.service.ProgramEventService;
import dev.gridservices.dispatch.service.WebhookDeliveryWorker;
import dev.gridservices.kit.paging.Page;
import dev.gridservices.kit.paging.PageParams;
import dev.gridservices.kit.paging.PageRequest;
import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.openadr.ObjectIds;
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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Core API program events: a utility's SERVER key dispatches commands to the enrolled devices of its own
 * program instances. Each dispatch is an OpenADR event (same table, same fan-out as /v2/events); an OEM
 * organization's key gets 403, another organization's instance or event 404.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Program Events")
@SecurityRequirement(name = "ApiKeyAuth")
@RequiresCredential(CredentialType.SERVER_KEY)
@RequiresOrganizationKind(OrganizationKind.UTILITY)
@APIResponse(responseCode = "401", description = "No or invalid API key")
@APIResponse(responseCode = "403", description = "Not a SERVER API key of a utility organization")
public class ProgramEventResource {

    /** The spec's list: perPage default 100, at most 100. */
    static final int PER_PAGE = 100;

    private final Access access;
    private final ProgramEventService programEvents;
    private final WebhookDeliveryWorker webhooks;

    public ProgramEventResource(Access access, ProgramEventService programEvents, WebhookDeliveryWorker webhooks) {
        this.access = access;
        this.programEvents = programEvents;
        this.webhooks = webhooks;
    }

    @POST
    @Path("/program-events")
    @Operation(summary = "Create program event", description = "Every dispatch becomes an OpenADR event targeting "
            + "the devices carrying its tag (or named by it: device id, resource name, site) with a dispatchable "
            + "enrollment in the instance's program; their VENs are notified over MQTT and webhooks.")
    @APIResponse(responseCode = "201", description = "Program event created")
    @APIResponse(responseCode = "400", description = "Invalid body (the problem names every field)")
    @APIResponse(responseCode = "404", description = "Program instance not found")
    public Uni<Response> create(JsonNode body) {
        // The service's transaction has committed when its Uni completes: wake the webhook worker now.
        return programEvents.create(access.caller(), body).invoke(webhooks::wake)
                .map(e -> Response.created(UriBuilder.fromPath("/v1/program-events/{id}")
                        .build(e.get("id").asText())).entity(e).build());
    }

    @GET
    @Path("/program-events/{eventId}")
    @Operation(summary = "Get program event", description = "With per-dispatch counts of the devices' "
            + "COMMAND_STATUS answers.")
    @APIResponse(responseCode = "200", description = "Program event details")
    @APIResponse(responseCode = "404", description = "Program event not found")
    public Uni<ObjectNode> get(@PathParam("eventId") String id) {
        return programEvents.get(access.caller(), checked(id));
    }

    @DELETE
    @Path("/program-events/{id}")
    @Operation(summary = "Cancel program event", description = "Withdraws every dispatch (VENs are notified "
            + "DELETE); the event stays readable with cancelledAt set. Cancelling again changes nothing.")
    @APIResponse(responseCode = "200", description = "The cancelled program event")
    @APIResponse(responseCode = "404", description = "Program event not found")
    public Uni<ObjectNode> cancel(@PathParam("id") String id) {
        return programEvents.cancel(access.caller(), checked(id)).invoke(webhooks::wake);
    }

    @GET
    @Path("/programInstances/{instanceId}/events")
    @Operation(summary = "List program instance events", description = "Newest first.")
    @APIResponse(responseCode = "200", description = "A page of program events")
    @APIResponse(responseCode = "400", description = "page or perPage out of range")
    @APIResponse(responseCode = "404", description = "Program instance not found")
    public Uni<Page<ObjectNode>> list(@PathParam("instanceId") String instanceId, @BeanParam PageParams paging) {
        PageRequest page = paging.toPageRequest(PER_PAGE, PER_PAGE);
        if (!ObjectIds.isValid(instanceId)) {
            throw ProblemException.notFound("Program instance", instanceId);
        }
        return programEvents.list(access.caller(), instanceId, page);
    }

    private static String checked(String id) {
        if (!ObjectIds.isValid(id)) {
            throw ProblemException.notFound("Program event", id);
        }
        return id;
    }
}
