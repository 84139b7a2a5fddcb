package dev.gridservices.dispatch.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gridservices.dispatch.service.Caller;
import dev.gridservices.dispatch.service.EventService;
import dev.gridservices.dispatch.service.WebhookDeliveryWorker;
import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.openadr.ObjectIds;
import dev.gridservices.security.OrganizationKind;
import dev.gridservices.security.RequiresOrganizationKind;
import dev.gridservices.security.RequiresScope;
import io.smallrye.mutiny.Uni;
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
 * OpenADR 3.1 events (/v2/events), Direct API §7. The utility that owns a program writes its events
 * (write_events); VENs read the events that reach them (read_events / read_targets): a VEN-bound token
 * sees only events of programs it has a dispatchable enrollment in that address it or its devices, an
 * OEM organization's token those reaching any of its VENs. Anything else is 404.
 */
@Path("/v2/events")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "OpenADR events")
@SecurityRequirement(name = "oAuth2ClientCredentials")
@APIResponse(responseCode = "401", description = "No or invalid bearer token")
@APIResponse(responseCode = "403", description = "Token lacks the scope, or the wrong organization kind")
@APIResponse(responseCode = "429", description = "Rate limit exceeded (see Retry-After)")
public class EventResource {

    static final int MAX_LIMIT = 50;

    private final Access access;
    private final EventService events;
    private final RateLimits limits;
    private final WebhookDeliveryWorker webhooks;

    public EventResource(Access access, EventService events, RateLimits limits, WebhookDeliveryWorker webhooks) {
        this.access = access;
        this.events = events;
        this.limits = limits;
        this.webhooks = webhooks;
    }

    @GET
    @RequiresScope({"read_events", "read_targets", "read_all"})
    @Operation(summary = "Search events", description = "Ordered by creation; active=true: now within the "
            + "event's interval period; targets: events carrying any of them (that the caller may see).")
    @APIResponse(responseCode = "200", description = "Events")
    @APIResponse(responseCode = "400", description = "skip, limit or active out of range")
    public Uni<List<ObjectNode>> search(@QueryParam("programID") String programId,
                                        @QueryParam("active") String active,
                                        @QueryParam("targets") List<String> targets,
                                        @QueryParam("skip") String skip, @QueryParam("limit") String limit) {
        Caller caller = access.caller();
        limits.eventsRead(caller.organizationId());
        EventService.Search search = new EventService.Search(programId == null || programId.isEmpty() ? null
                : programId, Params.bool("active", active),
                targets == null ? List.of() : targets.stream().filter(t -> !t.isEmpty()).toList(),
                Params.integer("skip", skip, 0, 0, Integer.MAX_VALUE),
                Params.integer("limit", limit, MAX_LIMIT, 0, MAX_LIMIT));
        return events.search(caller, search);
    }

    @GET
    @Path("/{eventID}")
    @RequiresScope({"read_events", "read_targets", "read_all"})
    @Operation(summary = "Get an event")
    @APIResponse(responseCode = "200", description = "The event")
    @APIResponse(responseCode = "404", description = "No such event reaching the caller")
    public Uni<ObjectNode> get(@PathParam("eventID") String id) {
        Caller caller = access.caller();
        limits.eventsRead(caller.organizationId());
        if (!ObjectIds.isValid(id)) {
            throw ProblemException.notFound("Event", id);
        }
        return events.get(caller, id);
    }

    @POST
    @RequiresOrganizationKind(OrganizationKind.UTILITY)
    @RequiresScope("write_events")
    @Operation(summary = "Create an event", description = "For a program of the caller's utility; notifies "
            + "every VEN with a dispatchable enrollment it reaches (MQTT, webhooks).")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Invalid eventRequest (the problem names each field)")
    public Uni<Response> create(JsonNode body) {
        // The service's transaction has committed when its Uni completes: wake the webhook worker now.
        return events.create(access.caller(), body).invoke(webhooks::wake).map(e -> Response.created(
                UriBuilder.fromPath("/v2/events/{id}").build(e.get("id").asText())).entity(e).build());
    }

    @PUT
    @Path("/{eventID}")
    @RequiresOrganizationKind(OrganizationKind.UTILITY)
    @RequiresScope("write_events")
    @Operation(summary = "Replace an event")
    @APIResponse(responseCode = "200", description = "The updated event")
    @APIResponse(responseCode = "400", description = "Invalid eventRequest")
    @APIResponse(responseCode = "404", description = "No such event of the caller's organization")
    public Uni<ObjectNode> replace(@PathParam("eventID") String id, JsonNode body) {
        return events.replace(access.caller(), id, body).invoke(webhooks::wake);
    }

    @DELETE
    @Path("/{eventID}")
    @RequiresOrganizationKind(OrganizationKind.UTILITY)
    @RequiresScope("write_events")
    @Operation(summary = "Delete an event", description = "Notifies the VENs it reaches (operation DELETE).")
    @APIResponse(responseCode = "200", description = "The deleted event")
    @APIResponse(responseCode = "404", description = "No such event of the caller's organization")
    public Uni<ObjectNode> delete(@PathParam("eventID") String id) {
        return events.delete(access.caller(), id).invoke(webhooks::wake);
    }
}
