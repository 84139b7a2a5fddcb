package dev.gridservices.dispatch.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gridservices.kit.problem.Problem;
import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.kit.problem.ProblemType;
import dev.gridservices.openadr.IsoDuration;
import dev.gridservices.openadr.ObjectIds;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks an OpenADR 3.1 eventRequest before it is stored: the schema's shape, and for the dispatch
 * payload types of Direct API §7 their value type, sign convention and range. All violations are
 * collected into one 400 problem naming each field, so a client fixes them in one round trip.
 */
public final class EventValidator {

    /** Kinds of payload values. */
    enum Kind { NUMBER, INTEGER, STRING, ANY }

    /** One payload type's rule; min/max null = unbounded. */
    record Rule(Kind kind, Double min, Double max, Set<String> words) {
        static Rule number(Double min, Double max) {
            return new Rule(Kind.NUMBER, min, max, null);
        }

        static Rule integer(double min, double max) {
            return new Rule(Kind.INTEGER, min, max, null);
        }
    }

    /**
     * Direct API §7 dispatch types. Setpoints are kW: negative = discharge/export, positive =
     * charge/import, so both signs are valid; limits are magnitudes (>= 0, 0 = stop).
     */
    static final Map<String, Rule> RULES = Map.ofEntries(
            Map.entry("DISPATCH_SETPOINT", Rule.number(-100_000.0, 100_000.0)),
            Map.entry("CHARGE_STATE_SETPOINT", Rule.number(0.0, null)),
            Map.entry("CONTROL_SETPOINT", Rule.number(-100_000.0, 100_000.0)),
            Map.entry("EXPORT_CAPACITY_LIMIT", Rule.number(0.0, 100_000.0)),
            Map.entry("IMPORT_CAPACITY_LIMIT", Rule.number(0.0, 100_000.0)),
            Map.entry("SIMPLE", Rule.integer(0, 3)),
            Map.entry("x-telemetry:DURATION_MINUTES", Rule.integer(1, 1440)),
            Map.entry("x-telemetry:TARGET_SOC_PCT", Rule.number(0.0, 100.0)),
            Map.entry("x-config:BACKUP_RESERVE_PCT", Rule.number(0.0, 100.0)),
            Map.entry("x-telemetry:TEMPERATURE_SETPOINT_F", Rule.number(40.0, 99.0)),
            Map.entry("x-telemetry:FAN_MODE", new Rule(Kind.STRING, null, null, Set.of("AUTO", "ON", "CIRCULATE"))));

    /** The other OpenADR 3.1 event payload types (enum-3.1.0 event-interval-payloads): shape only. */
    static final Set<String> OTHER_STANDARD = Set.of("PRICE", "PRICE_ALTERNATE", "DISPATCH_SETPOINT_RELATIVE",
            "DISPATCH_INSTRUCTION", "CONTROL_LEVEL_OFFSET", "CONTROL_LEVEL_OFFSET_PERCENT", "EXPORT_PRICE", "GHG",
            "CURVE", "OLS", "IMPORT_CAPACITY_SUBSCRIPTION", "IMPORT_CAPACITY_RESERVATION",
            "IMPORT_CAPACITY_RESERVATION_FEE", "IMPORT_CAPACITY_AVAILABLE", "IMPORT_CAPACITY_AVAILABLE_PRICE",
            "EXPORT_CAPACITY_SUBSCRIPTION", "EXPORT_CAPACITY_RESERVATION", "EXPORT_CAPACITY_RESERVATION_FEE",
            "EXPORT_CAPACITY_AVAILABLE", "EXPORT_CAPACITY_AVAILABLE_PRICE", "ALERT_GRID_EMERGENCY",
            "ALERT_BLACK_START", "ALERT_POSSIBLE_OUTAGE", "ALERT_FLEX_ALERT", "ALERT_FIRE", "ALERT_FREEZING",
            "ALERT_WIND", "ALERT_TSUNAMI", "ALERT_AIR_QUALITY", "ALERT_OTHER", "CTA2045_REBOOT",
            "CTA2045_SET_OVERRIDE_STATUS");

    private static final Set<String> SERVER_FIELDS = Set.of("id", "createdDateTime", "modificationDateTime",
            "objectType");
    private static final Set<String> FIELDS = Set.of("programID", "eventName", "duration", "priority", "targets",
            "reportDescriptors", "payloadDescriptors", "intervalPeriod", "intervals");

    private final List<Problem.FieldError> errors = new ArrayList<>();

    private EventValidator() {
    }

    /** The request without server-provided fields, or a 400 problem listing every violation. */
    public static ObjectNode validate(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ProblemException.invalid("body", "must be an OpenADR eventRequest object");
        }
        EventValidator v = new EventValidator();
        ObjectNode event = ((ObjectNode) body).deepCopy();
        event.remove(SERVER_FIELDS);
        v.check(event);
        if (!v.errors.isEmpty()) {
            String detail = v.errors.stream().map(e -> e.field() + ": " + e.message())
                    .reduce((a, b) -> a + "; " + b).orElse("");
            throw new ProblemException(ProblemType.VALIDATION_ERROR, detail, List.copyOf(v.errors), Map.of());
        }
        return event;
    }

    private void check(ObjectNode e) {
        e.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                error(f, "is not an eventRequest field");
            }
        });
        JsonNode programId = e.get("programID");
        if (programId == null || !programId.isTextual() || !ObjectIds.isValid(programId.asText())) {
            error("programID", "is required: an objectID (1..128 of a-z A-Z 0-9 _ -)");
        }
        nullableString(e, "eventName", 255);
        JsonNode priority = e.get("priority");
        if (present(priority) && (!priority.isIntegralNumber() || priority.asLong() < 0)) {
            error("priority", "must be an integer >= 0 (0 is the highest priority)");
        }
        JsonNode duration = e.get("duration");
        if (present(duration) && (!duration.isTextual() || !IsoDuration.isValid(duration.asText()))) {
            error("duration", "must be an ISO 8601 duration");
        }
        JsonNode targets = e.get("targets");
        if (present(targets)) {
            if (!targets.isArray()) {
                error("targets", "must be an array of strings");
            } else {
                for (int i = 0; i < targets.size(); i++) {
                    JsonNode t = targets.get(i);
                    if (!t.isTextual() || t.asText().isEmpty() || t.asText().length() > 128) {
                        error("targets[" + i + "]", "must be a string of 1..128 characters");
                    }
                }
            }
        }
        if (present(e.get("intervalPeriod"))) {
            intervalPeriod("intervalPeriod", e.get("intervalPeriod"));
        }
        payloadDescriptors(e.get("payloadDescriptors"));
        reportDescriptors(e.get("reportDescriptors"));
        intervals(e.get("intervals"));
    }

    private void intervalPeriod(String field, JsonNode p) {
        if (!p.isObject()) {
            error(field, "must be an intervalPeriod object");
            return;
        }
        JsonNode start = p.get("start");
        if (start == null || !start.isTextual() || !isDateTime(start.asText())) {
            error(field + ".start", "is required: an RFC 3339 date-time with offset");
        }
        JsonNode duration = p.get("duration");
        if (present(duration) && (!duration.isTextual() || !IsoDuration.isValid(duration.asText()))) {
            error(field + ".duration", "must be an ISO 8601 duration");
        }
        JsonNode randomize = p.get("randomizeStart");
        if (present(randomize) && (!randomize.isTextual() || !IsoDuration.isValid(randomize.asText()))) {
            error(field + ".randomizeStart", "must be an ISO 8601 duration");
        }
    }

    private void payloadDescriptors(JsonNode descriptors) {
        if (!present(descriptors)) {
            return;
        }
        if (!descriptors.isArray()) {
            error("payloadDescriptors", "must be an array");
            return;
        }
        for (int i = 0; i < descriptors.size(); i++) {
            JsonNode d = descriptors.get(i);
            String f = "payloadDescriptors[" + i + "]";
            if (!d.isObject()) {
                error(f, "must be an eventPayloadDescriptor object");
                continue;
            }
            if (!d.path("payloadType").isTextual() || d.path("payloadType").asText().isEmpty()) {
                error(f + ".payloadType", "is required");
            }
            JsonNode type = d.get("objectType");
            if (present(type) && !"EVENT_PAYLOAD_DESCRIPTOR".equals(type.asText())) {
                error(f + ".objectType", "must be EVENT_PAYLOAD_DESCRIPTOR");
            }
        }
    }

    private void reportDescriptors(JsonNode descriptors) {
        if (!present(descriptors)) {
            return;
        }
        if (!descriptors.isArray()) {
            error("reportDescriptors", "must be an array");
            return;
        }
        for (int i = 0; i < descriptors.size(); i++) {
            JsonNode d = descriptors.get(i);
            String f = "reportDescriptors[" + i + "]";
            if (!d.isObject() || !d.path("payloadType").isTextual() || d.path("payloadType").asText().isEmpty()) {
                error(f + ".payloadType", "is required");
                continue;
            }
            JsonNode repeat = d.get("repeat");
            if (present(repeat) && (!repeat.isIntegralNumber() || repeat.asLong() < -1)) {
                error(f + ".repeat", "must be an integer >= -1 (-1 = until the event ends)");
            }
        }
    }

    private void intervals(JsonNode intervals) {
        if (intervals == null || !intervals.isArray() || intervals.isEmpty()) {
            error("intervals", "is required: at least one interval");
            return;
        }
        for (int i = 0; i < intervals.size(); i++) {
            JsonNode interval = intervals.get(i);
            String f = "intervals[" + i + "]";
            if (!interval.isObject()) {
                error(f, "must be an interval object");
                continue;
            }
            if (!interval.path("id").isIntegralNumber()) {
                error(f + ".id", "is required: an integer");
            }
            if (present(interval.get("intervalPeriod"))) {
                intervalPeriod(f + ".intervalPeriod", interval.get("intervalPeriod"));
            }
            JsonNode payloads = interval.get("payloads");
            if (payloads == null || !payloads.isArray() || payloads.isEmpty()) {
                error(f + ".payloads", "is required: at least one valuesMap");
                continue;
            }
            for (int j = 0; j < payloads.size(); j++) {
                payload(f + ".payloads[" + j + "]", payloads.get(j));
            }
        }
    }

    private void payload(String f, JsonNode p) {
        String type = p.path("type").asText("");
        if (!p.path("type").isTextual() || type.isEmpty() || type.length() > 128) {
            error(f + ".type", "is required: a payload type of 1..128 characters");
            return;
        }
        JsonNode values = p.get("values");
        if (values == null || !values.isArray() || values.isEmpty()) {
            error(f + ".values", "is required: a non-empty array");
            return;
        }
        Rule rule = RULES.get(type);
        if (rule == null) {
            if (!OTHER_STANDARD.contains(type) && !type.startsWith("x-")) {
                error(f + ".type", type + " is neither an OpenADR 3.1 event payload type nor a private (x-) type");
            }
            return;
        }
        ArrayNode array = (ArrayNode) values;
        for (int k = 0; k < array.size(); k++) {
            value(f + ".values[" + k + "]", type, rule, array.get(k));
        }
    }

    private void value(String f, String type, Rule rule, JsonNode v) {
        switch (rule.kind()) {
            case STRING -> {
                if (!v.isTextual() || (rule.words() != null && !rule.words().contains(v.asText()))) {
                    error(f, type + " must be one of " + String.join(", ", rule.words().stream().sorted().toList()));
                }
            }
            case INTEGER, NUMBER -> {
                if (!v.isNumber() || (rule.kind() == Kind.INTEGER && !isWhole(v))) {
                    error(f, type + " must be " + (rule.kind() == Kind.INTEGER ? "an integer" : "a number"));
                    return;
                }
                double d = v.asDouble();
                if ((rule.min() != null && d < rule.min()) || (rule.max() != null && d > rule.max())) {
                    error(f, type + " must be " + range(rule) + signNote(type));
                }
            }
            default -> {
            }
        }
    }

    private static boolean isWhole(JsonNode v) {
        return v.isIntegralNumber() || (v.isFloatingPointNumber() && v.asDouble() == Math.rint(v.asDouble()));
    }

    private static String range(Rule rule) {
        if (rule.max() == null) {
            return ">= " + fmt(rule.min());
        }
        return "between " + fmt(rule.min()) + " and " + fmt(rule.max());
    }

    private static String signNote(String type) {
        return type.endsWith("_LIMIT") ? " (a limit is a magnitude in kW; 0 = stop)"
                : type.endsWith("SETPOINT") && !type.startsWith("CHARGE") ? " (kW; negative = discharge/export)" : "";
    }

    private static String fmt(Double d) {
        return d == Math.rint(d) ? String.valueOf(d.longValue()) : String.valueOf(d);
    }

    private void nullableString(ObjectNode e, String field, int max) {
        JsonNode v = e.get(field);
        if (present(v) && (!v.isTextual() || v.asText().length() > max)) {
            error(field, "must be a string of at most " + max + " characters");
        }
    }

    private static boolean present(JsonNode v) {
        return v != null && !v.isNull();
    }

    static boolean isDateTime(String text) {
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException ex) {
            return false;
        }
    }

    private void error(String field, String message) {
        errors.add(new Problem.FieldError(field, message));
    }
}
