package dev.gridservices.dispatch.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gridservices.dispatch.repository.ProgramEventRecord;
import dev.gridservices.dispatch.service.ProgramEventValidator.Dispatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Core API program events ↔ OpenADR. A dispatch (tag, window, command type and input) becomes one OpenADR
 * eventRequest: {@code targets} = [tag] (a device's tag, as device-service publishes it), the dispatch
 * window as intervalPeriod, one interval whose payloads carry the command: {@code x-command:TYPE} = the
 * command slug and one {@code x-command:<FIELD>} per input field (camelCase → UPPER_SNAKE, e.g.
 * {@code chargePercentage} → {@code x-command:CHARGE_PERCENTAGE}), plus the Direct API §7 extensions a VEN
 * already understands: {@code x-telemetry:DURATION_MINUTES} (when 1..1440) and, for battery:set-reserve,
 * {@code x-config:BACKUP_RESERVE_PCT}.
 */
@ApplicationScoped
public class ProgramEventMapper {

    public static final String COMMAND_TYPE = "x-command:TYPE";

    private final Json json;

    public ProgramEventMapper(Json json) {
        this.json = json;
    }

    /** The OpenADR eventRequest of one dispatch of a program event named {@code eventName}. */
    public ObjectNode eventRequest(String programId, String eventName, Dispatch d) {
        ObjectNode e = json.mapper().createObjectNode();
        e.put("programID", programId);
        e.put("eventName", eventName);
        e.putArray("targets").add(d.tag());
        Duration length = Duration.between(d.startsAt(), d.endsAt());
        ObjectNode period = e.putObject("intervalPeriod");
        period.put("start", Json.timestamp(d.startsAt()));
        period.put("duration", length.toString());
        ObjectNode interval = e.putArray("intervals").addObject();
        interval.put("id", 0);
        ArrayNode payloads = interval.putArray("payloads");
        payload(payloads, COMMAND_TYPE).add(d.type());
        for (Iterator<Map.Entry<String, JsonNode>> it = d.input().properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            ArrayNode values = payload(payloads, "x-command:" + upperSnake(field.getKey()));
            if (field.getValue().isArray()) {
                field.getValue().forEach(values::add);
                if (values.isEmpty()) {
                    // the only list input, executionPriority: [] and ["baseline"] mean the same (baseline is
                    // always tried last), and OpenADR values are never empty
                    values.add("baseline");
                }
            } else {
                values.add(field.getValue());
            }
        }
        long minutes = length.toMinutes();
        if (minutes >= 1 && minutes <= 1440) {
            payload(payloads, "x-telemetry:DURATION_MINUTES").add(minutes);
        }
        if (d.type().equals("battery:set-reserve")) {
            payload(payloads, "x-config:BACKUP_RESERVE_PCT").add(d.input().get("chargePercentage"));
        }
        return e;
    }

    /**
     * The core API's ProgramEvent, plus one extension: {@code cancelledAt} (null until cancelled, since the
     * spec has no cancellation). {@code counts} per dispatch id.
     */
    public ObjectNode toView(ProgramEventRecord r, Map<String, Map<String, Long>> counts) {
        ObjectNode out = json.mapper().createObjectNode();
        out.put("id", r.id);
        out.put("programInstanceId", r.programInstanceId);
        out.put("type", r.type);
        out.put("startsAt", Json.timestamp(r.startsAt));
        out.put("endsAt", Json.timestamp(r.endsAt));
        if (r.cancelledAt != null) {
            out.put("cancelledAt", Json.timestamp(r.cancelledAt));
        } else {
            out.putNull("cancelledAt");
        }
        ArrayNode dispatches = out.putArray("dispatches");
        for (JsonNode d : json.read(r.dispatches)) {
            ObjectNode view = dispatches.addObject();
            view.put("id", d.get("id").asText());
            view.put("tag", d.get("tag").asText());
            view.put("startsAt", d.get("startsAt").asText());
            view.put("endsAt", d.get("endsAt").asText());
            view.put("type", d.get("type").asText());
            view.put("issuedAt", d.get("issuedAt").asText());
            view.set("input", d.get("input"));
            view.putObject("metrics").set("counts", counts(d.path("devices").asLong(0),
                    counts.getOrDefault(d.get("id").asText(), Map.of())));
        }
        return out;
    }

    /**
     * The spec's counts from the devices the dispatch reached and their COMMAND_STATUS: completed, failed;
     * scheduled = accepted or executing; pending = not answered yet. A report from a device that joined
     * later still counts (total grows).
     */
    private ObjectNode counts(long reached, Map<String, Long> statuses) {
        long completed = statuses.getOrDefault("COMPLETED", 0L);
        long failed = statuses.getOrDefault("FAILED", 0L);
        long scheduled = statuses.getOrDefault("ACCEPTED", 0L) + statuses.getOrDefault("EXECUTING", 0L);
        long answered = completed + failed + scheduled;
        long total = Math.max(reached, answered);
        ObjectNode c = json.mapper().createObjectNode();
        c.put("total", total);
        c.put("pending", total - answered);
        c.put("scheduled", scheduled);
        c.put("completed", completed);
        c.put("failed", failed);
        return c;
    }

    private static ArrayNode payload(ArrayNode payloads, String type) {
        ObjectNode p = payloads.addObject();
        p.put("type", type);
        return p.putArray("values");
    }

    static String upperSnake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }
}
