package dev.gridservices.dispatch.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gridservices.dispatch.service.Caller;
import dev.gridservices.dispatch.service.SubscriptionService;
import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.openadr.ObjectIds;
import dev.gridservices.security.CallerContext;
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
 * OpenADR 3.1 subscriptions (/v2/subscriptions), Direct API §8: webhooks for event notifications.
 * write_subscriptions for everything; a VEN-bound token manages only its own VEN's subscriptions.
 * bearerToken is write-only: it is never returned.
 */
@Path("/v2/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "OpenADR subscriptions")
@SecurityRequirement(name = "oAuth2ClientCredentials", scopes = "write_subscriptions")
@RequiresScope("write_subscriptions")
@APIResponse(responseCode = "401", description = "No or invalid bearer token")
@APIResponse(responseCode = "403", description = "Token lacks write_subscriptions")
@APIResponse(responseCode = "429", description = "Rate limit exceeded (see Retry-After)")
public class SubscriptionResource {

    static final int MAX_LIMIT = 50;

    private final Access access;
    private final CallerContext context;
    private final SubscriptionService subscriptions;
    private final RateLimits limits;

    public SubscriptionResource(Access access, CallerContext context, SubscriptionService subscriptions,
                                RateLimits limits) {
        this.access = access;
        this.context = context;
        this.subscriptions = subscriptions;
        this.limits = limits;
    }

    @GET
    @Operation(summary = "Search the caller's subscriptions")
    @APIResponse(responseCode = "200", description = "Subscriptions")
    public Uni<List<ObjectNode>> search(@QueryParam("programID") String programId,
                                        @QueryParam("clientName") String clientName,
                                        @QueryParam("skip") String skip, @QueryParam("limit") String limit) {
        Caller caller = limited();
        return subscriptions.search(caller, blank(programId), blank(clientName),
                Params.integer("skip", skip, 0, 0, Integer.MAX_VALUE),
                Params.integer("limit", limit, MAX_LIMIT, 0, MAX_LIMIT));
    }

    @GET
    @Path("/{subscriptionID}")
    @Operation(summary = "Get a subscription")
    @APIResponse(responseCode = "200", description = "The subscription")
    @APIResponse(responseCode = "404", description = "No such subscription of the caller")
    public Uni<ObjectNode> get(@PathParam("subscriptionID") String id) {
        Caller caller = limited();
        return subscriptions.get(caller, checked(id));
    }

    @POST
    @Operation(summary = "Create a subscription", description = "callbackUrl: http(s), no credentials in it; "
            + "bearerToken is sent back as Authorization: Bearer on every notification and never returned. "
            + "Extension: contactEmail receives the unhealthy-subscription email.")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Invalid subscriptionRequest (the problem names each field)")
    public Uni<Response> create(JsonNode body) {
        Caller caller = limited();
        return subscriptions.create(caller, context.clientId(), body).map(s -> Response.created(
                UriBuilder.fromPath("/v2/subscriptions/{id}").build(s.get("id").asText())).entity(s).build());
    }

    @PUT
    @Path("/{subscriptionID}")
    @Operation(summary = "Replace a subscription")
    @APIResponse(responseCode = "200", description = "The updated subscription")
    @APIResponse(responseCode = "400", description = "Invalid subscriptionRequest")
    @APIResponse(responseCode = "404", description = "No such subscription of the caller")
    public Uni<ObjectNode> replace(@PathParam("subscriptionID") String id, JsonNode body) {
        Caller caller = limited();
        return subscriptions.replace(caller, checked(id), body);
    }

    @DELETE
    @Path("/{subscriptionID}")
    @Operation(summary = "Delete a subscription")
    @APIResponse(responseCode = "200", description = "The deleted subscription")
    @APIResponse(responseCode = "404", description = "No such subscription of the caller")
    public Uni<ObjectNode> delete(@PathParam("subscriptionID") String id) {
        Caller caller = limited();
        return subscriptions.delete(caller, checked(id));
    }

    private Caller limited() {
        Caller caller = access.caller();
        limits.subscriptions(caller.organizationId());
        return caller;
    }

    static String checked(String id) {
        if (!ObjectIds.isValid(id)) {
            throw ProblemException.notFound("Subscription", id);
        }
        return id;
    }

    private static String blank(String v) {
        return v == null || v.isEmpty() ? null : v;
    }
}
