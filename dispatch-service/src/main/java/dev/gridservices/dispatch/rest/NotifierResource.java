package dev.gridservices.dispatch.rest;

import dev.gridservices.dispatch.service.Caller;
import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.kit.problem.ProblemType;
import dev.gridservices.security.RequiresScope;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * OpenADR 3.1 notifier discovery: the WEBHOOK binding and the MQTT broker, and the event topics of a VEN
 * (Direct API §9.3). Event notifications are published per VEN on {@code texture/v2/{venID}/events/{eventID}}
 * with the operation in the body, so every operation's topic is the {@code +} filter under the VEN's event
 * level and ALL is {@code #}; only a VEN-bound token has event topics (the broker lets a VEN read only its own).
 * <p>
 * MQTT authentication: the platform's broker takes the OAuth2 access token as the MQTT <em>username</em>
 * (Direct API §9.1; password empty), not as the password with a fixed or {@code {clientID}} username as
 * OpenADR's convention has it. The binding can only name a username, so it names the placeholder
 * {@code {accessToken}} ({@code dispatch.mqtt.auth-username}), which a client replaces by its token just as
 * it would replace {@code {clientID}}.
 */
@Path("/v2/notifiers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "OpenADR notifiers")
@SecurityRequirement(name = "oAuth2ClientCredentials")
@RequiresScope({"read_events", "read_targets", "read_all", "read_programs", "write_subscriptions"})
public class NotifierResource {

    private final Access access;
    private final List<String> brokerUris;
    private final String username;

    public NotifierResource(Access access,
                            @ConfigProperty(name = "dispatch.mqtt.public-uris") List<String> brokerUris,
                            @ConfigProperty(name = "dispatch.mqtt.auth-username") String username) {
        this.access = access;
        this.brokerUris = brokerUris;
        this.username = username;
    }

    @GET
    @Operation(summary = "The notifier bindings: WEBHOOK and MQTT (broker URIs, JSON, OAuth2 bearer token)")
    public Map<String, Object> notifiers() {
        access.caller();
        Map<String, Object> mqtt = new LinkedHashMap<>();
        mqtt.put("URIS", brokerUris);
        mqtt.put("serialization", "JSON");
        mqtt.put("authentication", Map.of("method", "OAUTH2_BEARER_TOKEN", "username", username));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("WEBHOOK", true);
        out.put("MQTT", mqtt);
        return out;
    }

    @GET
    @Path("/mqtt/topics/events")
    @Operation(summary = "MQTT topics of event operations, for the caller's VEN")
    public Map<String, Object> events() {
        return topics(ownVen());
    }

    @GET
    @Path("/mqtt/topics/programs/{programID}/events")
    @Operation(summary = "MQTT topics of a program's event operations, for the caller's VEN",
            description = "The VEN's event topics: notifications are not split per program (the body names it).")
    public Map<String, Object> programEvents(@PathParam("programID") String programId) {
        return topics(ownVen());
    }

    @GET
    @Path("/mqtt/topics/vens/{venID}/events")
    @Operation(summary = "MQTT topics of event operations targeted at a VEN (the caller's own)")
    public Map<String, Object> venEvents(@PathParam("venID") String venId) {
        String own = ownVen();
        if (!own.equals(venId)) {
            throw ProblemException.notFound("VEN", venId);
        }
        return topics(own);
    }

    private String ownVen() {
        Caller caller = access.caller();
        if (!caller.isVen()) {
            throw new ProblemException(ProblemType.NOT_FOUND, "Event topics are per VEN: this token is bound to no "
                    + "VEN (ven_id)");
        }
        return caller.venId();
    }

    private static Map<String, Object> topics(String venId) {
        String base = "texture/v2/" + venId + "/events/";
        Map<String, String> topics = new LinkedHashMap<>();
        topics.put("CREATE", base + "+");
        topics.put("UPDATE", base + "+");
        topics.put("DELETE", base + "+");
        topics.put("ALL", base + "#");
        return Map.of("topics", topics);
    }
}
