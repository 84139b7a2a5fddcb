package dev.gridservices.dispatch.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridservices.outbox.EventEnvelope;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Event responses (Direct API §7): a telemetry.raw reading with an eventId that carries
 * x-telemetry:COMMAND_STATUS moves that device's status for the event forward. The lifecycle only moves
 * forward (ACCEPTED → EXECUTING → COMPLETED | FAILED): a late ACCEPTED after EXECUTING is ignored by the
 * upsert's rank guard, so redelivery and reordering are harmless and no inbox is needed.
 */
@ApplicationScoped
public class CommandStatusConsumer {

    public static final Map<String, Integer> RANK = Map.of("ACCEPTED", 1, "EXECUTING", 2, "COMPLETED", 3,
            "FAILED", 3);

    private static final String UPSERT = "INSERT INTO command_status (event_id, device_id, ven_id, status, "
            + "status_rank, failure_reason, reported_at) SELECT CAST(:event AS varchar), CAST(:device AS varchar), "
            + "CAST(:ven AS varchar), CAST(:status AS varchar), CAST(:rank AS integer), CAST(:reason AS text), "
            + "CAST(:at AS timestamptz) "
            // only a device the event reached answers it: another device's COMMAND_STATUS is not a response
            + "WHERE EXISTS (SELECT 1 FROM event_target WHERE event_id = :event AND device_id = :device) "
            + "ON CONFLICT (event_id, device_id) DO UPDATE SET status = EXCLUDED.status, "
            + "status_rank = EXCLUDED.status_rank, failure_reason = EXCLUDED.failure_reason, "
            + "reported_at = EXCLUDED.reported_at, ven_id = EXCLUDED.ven_id "
            + "WHERE command_status.status_rank < EXCLUDED.status_rank";

    private final ObjectMapper mapper;

    public CommandStatusConsumer(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Incoming("telemetry-in")
    public Uni<Void> reading(String record) {
        EventEnvelope envelope = EventEnvelope.parse(mapper, record);
        JsonNode p = envelope.payload();
        String eventId = p.path("eventId").asText("");
        String deviceId = p.path("deviceId").asText("");
        String status = value(p.path("payloads"), "COMMAND_STATUS");
        Integer rank = status == null ? null : RANK.get(status);
        if (eventId.isEmpty() || deviceId.isEmpty() || rank == null) {
            return Uni.createFrom().voidItem();
        }
        String reason = "FAILED".equals(status) ? value(p.path("payloads"), "COMMAND_FAILURE_REASON") : null;
        OffsetDateTime at = envelope.occurredAt().atOffset(ZoneOffset.UTC);
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery(UPSERT)
                .setParameter("event", eventId)
                .setParameter("device", deviceId)
                .setParameter("ven", p.path("venId").asText(null))
                .setParameter("status", status)
                .setParameter("rank", rank)
                .setParameter("reason", reason)
                .setParameter("at", at)
                .executeUpdate())).replaceWithVoid();
    }

    /** The x-telemetry: type (or the bare name): a string, or the first of an array of values. */
    private static String value(JsonNode payloads, String name) {
        JsonNode v = payloads.has("x-telemetry:" + name) ? payloads.get("x-telemetry:" + name) : payloads.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isArray()) {
            return v.isEmpty() ? null : v.get(0).asText();
        }
        return v.asText();
    }
}
