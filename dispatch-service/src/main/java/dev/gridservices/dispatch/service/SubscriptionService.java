package dev.gridservices.dispatch.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gridservices.dispatch.mapping.Json;
import dev.gridservices.dispatch.repository.SubscriptionRecord;
import dev.gridservices.dispatch.repository.WebhookAttempt;
import dev.gridservices.dispatch.repository.WebhookDelivery;
import dev.gridservices.kit.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * OpenADR subscriptions (Direct API §8). A subscription belongs to its organization and, for a VEN-bound
 * token, to that VEN: a VEN sees only its own, an OEM organization's token those of the organization.
 * Receivers' bearer tokens and the signing secret are stored encrypted and never returned (the secret
 * only through the owner's secret endpoint).
 */
@ApplicationScoped
public class SubscriptionService {

    /** One delivery as the deliveries endpoint shows it. */
    public record DeliveryView(String id, String eventID, String operation, String status, int attempts,
                               Integer lastStatusCode, String lastError, String createdAt, String deliveredAt,
                               List<AttemptView> attemptLog) {
    }

    /** One attempt of a delivery. */
    public record AttemptView(int attempt, String attemptedAt, Integer statusCode, long latencyMs, String error) {
    }

    /** A subscription's delivery record. */
    public record Deliveries(String subscriptionID, boolean healthy, int consecutiveFailures,
                             List<DeliveryView> deliveries) {
    }

    private final SecretBox secrets;
    private final Json json;

    public SubscriptionService(SecretBox secrets, Json json) {
        this.secrets = secrets;
        this.json = json;
    }

    @WithTransaction
    public Uni<ObjectNode> create(Caller caller, String clientId, JsonNode body) {
        SubscriptionValidator.validate(body);
        SubscriptionRecord s = new SubscriptionRecord();
        s.id = "sub_" + UUID.randomUUID().toString().replace("-", "");
        s.organizationId = caller.organizationId();
        s.venId = caller.venId();
        s.clientId = clientId == null ? caller.organizationId() : clientId;
        s.signingSecret = secrets.encrypt(secrets.newSigningSecret());
        s.healthy = true;
        s.createdAt = Json.now();
        apply(s, body);
        return s.persist().map(v -> view(s));
    }

    @WithTransaction
    public Uni<ObjectNode> replace(Caller caller, String id, JsonNode body) {
        SubscriptionValidator.validate(body);
        return own(caller, id).map(s -> {
            apply(s, body);
            return view(s);
        });
    }

    @WithTransaction
    public Uni<ObjectNode> delete(Caller caller, String id) {
        return own(caller, id).chain(s -> s.delete().map(v -> view(s)));
    }

    @WithSession
    public Uni<ObjectNode> get(Caller caller, String id) {
        return own(caller, id).map(this::view);
    }

    @WithSession
    public Uni<List<ObjectNode>> search(Caller caller, String programId, String clientName, int skip, int limit) {
        StringBuilder q = new StringBuilder("organizationId = ?1");
        List<Object> params = new ArrayList<>(List.of(caller.organizationId()));
        if (caller.isVen()) {
            params.add(caller.venId());
            q.append(" and venId = ?").append(params.size());
        }
        if (programId != null) {
            params.add(programId);
            q.append(" and programId = ?").append(params.size());
        }
        if (clientName != null) {
            params.add(clientName);
            q.append(" and clientName = ?").append(params.size());
        }
        q.append(" order by createdAt, id");
        return SubscriptionRecord.<SubscriptionRecord>find(q.toString(), params.toArray()).range(skip,
                skip + Math.max(limit, 1) - 1).list().map(list -> list.stream().limit(limit).map(this::view).toList());
    }

    @WithSession
    public Uni<String> signingSecret(Caller caller, String id) {
        return own(caller, id).map(s -> secrets.decrypt(s.signingSecret));
    }

    @WithSession
    public Uni<Deliveries> deliveries(Caller caller, String id, int limit) {
        return own(caller, id).chain(s -> WebhookDelivery.<WebhookDelivery>find(
                        "subscriptionId = ?1 order by seq desc", s.id).range(0, limit - 1).list()
                .chain(deliveries -> {
                    List<String> ids = deliveries.stream().map(d -> d.id).toList();
                    Uni<List<WebhookAttempt>> attempts = ids.isEmpty() ? Uni.createFrom().item(List.of())
                            : WebhookAttempt.list("deliveryId in ?1 order by attempt", ids);
                    return attempts.map(all -> {
                        Map<String, List<AttemptView>> byDelivery = new LinkedHashMap<>();
                        for (WebhookAttempt a : all) {
                            byDelivery.computeIfAbsent(a.deliveryId, k -> new ArrayList<>()).add(new AttemptView(
                                    a.attempt, Json.timestamp(a.attemptedAt), a.statusCode, a.latencyMs, a.error));
                        }
                        return new Deliveries(s.id, s.healthy, s.consecutiveFailures, deliveries.stream()
                                .map(d -> new DeliveryView(d.id, d.eventId, d.operation, d.status, d.attempts,
                                        d.lastStatusCode, d.lastError, Json.timestamp(d.createdAt),
                                        Json.timestamp(d.deliveredAt), byDelivery.getOrDefault(d.id, List.of())))
                                .toList());
                    });
                }));
    }

    /** Sends a delivery's notification again, as a new delivery at the end of the subscription's queue. */
    @WithTransaction
    public Uni<DeliveryView> replay(Caller caller, String id, String deliveryId) {
        return own(caller, id).chain(s -> WebhookDelivery.<WebhookDelivery>findById(deliveryId).chain(d -> {
            if (d == null || !d.subscriptionId.equals(s.id)) {
                return Uni.createFrom().failure(ProblemException.notFound("Delivery", deliveryId));
            }
            WebhookDelivery again = new WebhookDelivery();
            again.id = "msg_" + UUID.randomUUID().toString().replace("-", "");
            again.subscriptionId = s.id;
            again.operationIndex = d.operationIndex;
            again.eventId = d.eventId;
            again.operation = d.operation;
            again.body = d.body;
            again.status = WebhookDelivery.PENDING;
            again.nextAttemptAt = Json.now();
            again.createdAt = again.nextAttemptAt;
            return again.persist().map(v -> new DeliveryView(again.id, again.eventId, again.operation,
                    again.status, 0, null, null, Json.timestamp(again.createdAt), null, List.of()));
        }));
    }

    private Uni<SubscriptionRecord> own(Caller caller, String id) {
        return SubscriptionRecord.<SubscriptionRecord>findById(id).map(s -> {
            if (s == null || !s.organizationId.equals(caller.organizationId())
                    || (caller.isVen() && !caller.venId().equals(s.venId))) {
                throw ProblemException.notFound("Subscription", id);
            }
            return s;
        });
    }

    private void apply(SubscriptionRecord s, JsonNode body) {
        s.clientName = body.get("clientName").asText();
        s.programId = body.hasNonNull("programID") ? body.get("programID").asText() : null;
        s.contactEmail = body.hasNonNull("contactEmail") ? body.get("contactEmail").asText() : null;
        s.targets = json.write(body.hasNonNull("targets") ? body.get("targets") : json.mapper().createArrayNode());
        ArrayNode ops = json.mapper().createArrayNode();
        for (JsonNode op : body.get("objectOperations")) {
            ObjectNode stored = json.mapper().createObjectNode();
            stored.set("objects", op.get("objects"));
            stored.set("operations", op.get("operations"));
            stored.put("callbackUrl", op.get("callbackUrl").asText());
            if (op.hasNonNull("bearerToken")) {
                stored.put("bearerTokenEncrypted", secrets.encrypt(op.get("bearerToken").asText()));
            }
            ops.add(stored);
        }
        s.objectOperations = json.write(ops);
        s.modifiedAt = Json.now();
    }

    /** The OpenADR subscription object; bearer tokens are write-only. */
    public ObjectNode view(SubscriptionRecord s) {
        ObjectNode out = json.mapper().createObjectNode();
        out.put("id", s.id);
        out.put("createdDateTime", Json.timestamp(s.createdAt));
        out.put("modificationDateTime", Json.timestamp(s.modifiedAt));
        out.put("objectType", "SUBSCRIPTION");
        out.put("clientID", s.clientId);
        out.put("clientName", s.clientName);
        if (s.programId != null) {
            out.put("programID", s.programId);
        }
        ArrayNode ops = out.putArray("objectOperations");
        for (JsonNode op : json.read(s.objectOperations)) {
            ObjectNode o = ops.addObject();
            o.set("objects", op.get("objects"));
            o.set("operations", op.get("operations"));
            o.put("callbackUrl", op.get("callbackUrl").asText());
        }
        out.set("targets", json.read(s.targets));
        return out;
    }
}
