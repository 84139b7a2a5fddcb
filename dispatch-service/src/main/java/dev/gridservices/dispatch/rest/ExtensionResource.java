package dev.gridservices.dispatch.rest;

import dev.gridservices.dispatch.service.Caller;
import dev.gridservices.dispatch.service.ResponseService;
import dev.gridservices.dispatch.service.SubscriptionService;
import dev.gridservices.dispatch.service.WebhookDeliveryWorker;
import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.openadr.ObjectIds;
import dev.gridservices.security.OrganizationKind;
import dev.gridservices.security.RequiresOrganizationKind;
import dev.gridservices.security.RequiresScope;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Texture extensions (/v2/x-texture): webhook delivery records, signing secret, replay; event responses. */
@Path("/v2/x-texture")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Texture extensions: dispatch")
@SecurityRequirement(name = "oAuth2ClientCredentials")
@APIResponse(responseCode = "401", description = "No or invalid bearer token")
@APIResponse(responseCode = "403", description = "Token lacks the scope")
@APIResponse(responseCode = "404", description = "No such object of the caller")
public class ExtensionResource {

    private final Access access;
    private final SubscriptionService subscriptions;
    private final ResponseService responses;
    private final RateLimits limits;
    private final WebhookDeliveryWorker webhooks;

    public ExtensionResource(Access access, SubscriptionService subscriptions, ResponseService responses,
                             RateLimits limits, WebhookDeliveryWorker webhooks) {
        this.access = access;
        this.subscriptions = subscriptions;
        this.responses = responses;
        this.limits = limits;
        this.webhooks = webhooks;
    }

    @GET
    @Path("/subscriptions/{subscriptionID}/deliveries")
    @RequiresScope("write_subscriptions")
    @Operation(summary = "A subscription's webhook deliveries", description = "Newest first: status, attempts "
            + "(time, HTTP status, latency, error) and the subscription's health.")
    public Uni<SubscriptionService.Deliveries> deliveries(@PathParam("subscriptionID") String id,
                                                          @QueryParam("limit") String limit) {
        Caller caller = limited();
        return subscriptions.deliveries(caller, SubscriptionResource.checked(id),
                Params.integer("limit", limit, 50, 1, 500));
    }

    @POST
    @Path("/subscriptions/{subscriptionID}/deliveries/{deliveryID}/replay")
    @RequiresScope("write_subscriptions")
    @Operation(summary = "Send a delivery's notification again", description = "A new delivery (new webhook-id) "
            + "at the end of the subscription's queue.")
    public Uni<SubscriptionService.DeliveryView> replay(@PathParam("subscriptionID") String id,
                                                        @PathParam("deliveryID") String deliveryId) {
        Caller caller = limited();
        return subscriptions.replay(caller, SubscriptionResource.checked(id), deliveryId).invoke(webhooks::wake);
    }

    @GET
    @Path("/subscriptions/{subscriptionID}/secret")
    @RequiresScope("write_subscriptions")
    @Operation(summary = "The subscription's webhook signing secret", description = "Standard Webhooks: "
            + "webhook-signature = v1,base64(HMAC-SHA256(base64decode(secret without whsec_), "
            + "webhook-id.webhook-timestamp.body)).")
    public Uni<Map<String, String>> secret(@PathParam("subscriptionID") String id) {
        Caller caller = limited();
        return subscriptions.signingSecret(caller, SubscriptionResource.checked(id)).map(s -> Map.of("secret", s));
    }

    @GET
    @Path("/events/{eventID}/responses")
    @RequiresOrganizationKind(OrganizationKind.UTILITY)
    @RequiresScope({"write_events", "read_all"})
    @Operation(summary = "An event's responses", description = "Per device the latest COMMAND_STATUS "
            + "(ACCEPTED, EXECUTING, COMPLETED, FAILED with COMMAND_FAILURE_REASON), and counts per status.")
    public Uni<ResponseService.EventResponses> responses(@PathParam("eventID") String id) {
        if (!ObjectIds.isValid(id)) {
            throw ProblemException.notFound("Event", id);
        }
        return responses.responses(access.caller(), id);
    }

    private Caller limited() {
        Caller caller = access.caller();
        limits.subscriptions(caller.organizationId());
        return caller;
    }
}
