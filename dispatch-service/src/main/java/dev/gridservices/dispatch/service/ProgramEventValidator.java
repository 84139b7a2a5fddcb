package dev.gridservices.dispatch.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gridservices.kit.problem.Problem;
import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.kit.problem.ProblemType;
import dev.gridservices.openadr.ObjectIds;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The core API's program event request ({@code POST /v1/program-events}): every violation is named in
 * the 400 problem's {@code errors[].field}. A dispatch's {@code input} is checked against its command
 * type's input as the core API's command endpoints define it (fields, kinds, ranges, enums, what is
 * required); unknown fields are refused everywhere, so a typo never becomes a silently ignored setting.
 */
public final class ProgramEventValidator {

    /** What one accepted request holds, parsed. */
    public record Request(String programInstanceId, String type, OffsetDateTime startsAt, OffsetDateTime endsAt,
                          List<Dispatch> dispatches) {
    }

    /** One accepted dispatch; {@code input} as sent (already validated). */
    public record Dispatch(String tag, OffsetDateTime startsAt, OffsetDateTime endsAt, String type, JsonNode input) {
    }

    static final int MAX_DISPATCHES = 100;
    private static final Set<String> FIELDS = Set.of("programInstanceId", "type", "startsAt", "endsAt", "dispatches");
    private static final Set<String> DISPATCH_FIELDS = Set.of("tag", "startsAt", "endsAt", "type", "input");

    private enum Kind { NUMBER, INTEGER, BOOLEAN, STRING, STRING_ARRAY }

    /** One input field: kind, bounds ({@code exclusiveMin}: above {@code min}), allowed values. */
    private record Field(Kind kind, Double min, Double max, boolean exclusiveMin, Set<String> values) {
        static Field number(double min, double max) {
            return new Field(Kind.NUMBER, min, max, false, null);
        }

        static Field positive() {
            return new Field(Kind.NUMBER, 0.0, null, true, null);
        }

        static Field positive(double max) {
            return new Field(Kind.NUMBER, 0.0, max, true, null);
        }

        static Field bool() {
            return new Field(Kind.BOOLEAN, null, null, false, null);
        }

        static Field oneOf(String... values) {
            return new Field(Kind.STRING, null, null, false, Set.of(values));
        }
    }

    /** A command type's input: its fields and which are always required. */
    private record Input(Map<String, Field> fields, Set<String> required) {
    }

    private static final Field HOME = Field.bool();
    static final Map<String, Input> COMMANDS = commands();

    private final List<Problem.FieldError> errors = new ArrayList<>();

    private ProgramEventValidator() {
    }

    private static Map<String, Input> commands() {
        Map<String, Input> c = new LinkedHashMap<>();
        c.put("battery:set-reserve", new Input(Map.of("chargePercentage", Field.number(0, 100)),
                Set.of("chargePercentage")));
        c.put("battery:set-operating-mode", new Input(Map.of(
                "operatingMode", Field.oneOf("charge", "discharge", "idle", "reset"),
                "minimumBatteryReserve", Field.number(0, 100),
                "maximumBatteryReserve", Field.number(0, 100),
                "enableGridInteraction", Field.bool(),
                "executionPriority", new Field(Kind.STRING_ARRAY, null, null, false,
                        Set.of("grid_services", "baseline")),
                "dischargePowerRate", Field.positive(),
                "dischargePowerPercent", Field.positive(100),
                "dischargeStrategy", Field.oneOf("smooth", "max")), Set.of("operatingMode")));
        c.put("charger:set-operating-mode", new Input(Map.of(
                "operatingMode", Field.oneOf("start-charging", "stop-charging")), Set.of("operatingMode")));
        c.put("thermostat:set-operating-mode", new Input(Map.of(
                "operatingMode", Field.oneOf("off", "heat", "cool", "auto", "eco"),
                "heatTarget", Field.number(40, 99),
                "coolTarget", Field.number(40, 99)), Set.of("operatingMode")));
        c.put("thermostat:set-fan-mode", new Input(Map.of("fanMode", Field.oneOf("auto", "on", "circulate", "off")),
                Set.of("fanMode")));
        c.put("thermostat:pause-schedule", new Input(Map.of(), Set.of()));
        c.put("thermostat:resume-schedule", new Input(Map.of(), Set.of()));
        c.put("vehicle:set-charge-limit", new Input(Map.of(
                "chargeLimit", new Field(Kind.INTEGER, 0.0, 100.0, false, null),
                "requireHomeLocation", HOME, "homeRadiusMeters", Field.positive()), Set.of("chargeLimit")));
        c.put("vehicle:set-operating-mode", new Input(Map.of(
                "operatingMode", Field.oneOf("start-charging", "stop-charging"),
                "requireHomeLocation", HOME, "homeRadiusMeters", Field.positive()), Set.of("operatingMode")));
        return Map.copyOf(c);
    }

    /** The parsed request, or a 400 problem listing every violation. */
    public static Request validate(JsonNode body, OffsetDateTime now) {
        if (body == null || !body.isObject()) {
            throw ProblemException.invalid("body", "must be a program event object");
        }
        ProgramEventValidator v = new ProgramEventValidator();
        Request request = v.check(body, now);
        if (!v.errors.isEmpty()) {
            String detail = v.errors.stream().map(e -> e.field() + ": " + e.message())
                    .reduce((a, b) -> a + "; " + b).orElse("");
            throw new ProblemException(ProblemType.VALIDATION_ERROR, detail, List.copyOf(v.errors), Map.of());
        }
        return request;
    }

    private Request check(JsonNode body, OffsetDateTime now) {
        unknown("", body, FIELDS);
        JsonNode instance = body.get("programInstanceId");
        if (instance == null || !instance.isTextual() || !ObjectIds.isValid(instance.asText())) {
            error("programInstanceId", "is required: the id of one of your program instances");
        }
        String type = text(body, "type", "type", 64);
        OffsetDateTime startsAt = time(body, "startsAt", "startsAt");
        OffsetDateTime endsAt = time(body, "endsAt", "endsAt");
        if (startsAt != null && endsAt != null) {
            if (!endsAt.isAfter(startsAt)) {
                error("endsAt", "must be after startsAt");
            } else if (!endsAt.isAfter(now)) {
                error("endsAt", "must be in the future: an event that has ended cannot be dispatched");
            }
        }
        List<Dispatch> dispatches = new ArrayList<>();
        JsonNode list = body.get("dispatches");
        if (list == null || !list.isArray() || list.isEmpty()) {
            error("dispatches", "is required: 1.." + MAX_DISPATCHES + " command batches");
        } else if (list.size() > MAX_DISPATCHES) {
            error("dispatches", "must hold at most " + MAX_DISPATCHES + " command batches");
        } else {
            for (int i = 0; i < list.size(); i++) {
                Dispatch d = dispatch("dispatches[" + i + "]", list.get(i), startsAt, endsAt);
                if (d != null) {
                    dispatches.add(d);
                }
            }
        }
        return new Request(instance == null ? null : instance.asText(), type, startsAt, endsAt, dispatches);
    }

    private Dispatch dispatch(String f, JsonNode d, OffsetDateTime eventStart, OffsetDateTime eventEnd) {
        if (!d.isObject()) {
            error(f, "must be an object {tag, startsAt, endsAt, type, input}");
            return null;
        }
        unknown(f + ".", d, DISPATCH_FIELDS);
        String tag = text(d, "tag", f + ".tag", 128);
        OffsetDateTime startsAt = time(d, "startsAt", f + ".startsAt");
        OffsetDateTime endsAt = time(d, "endsAt", f + ".endsAt");
        if (startsAt != null && endsAt != null) {
            if (!endsAt.isAfter(startsAt)) {
                error(f + ".endsAt", "must be after startsAt");
            }
            if (eventStart != null && startsAt.isBefore(eventStart)) {
                error(f + ".startsAt", "must not be before the event's startsAt");
            }
            if (eventEnd != null && endsAt.isAfter(eventEnd)) {
                error(f + ".endsAt", "must not be after the event's endsAt");
            }
        }
        JsonNode typeNode = d.get("type");
        Input input = typeNode != null && typeNode.isTextual() ? COMMANDS.get(typeNode.asText()) : null;
        if (input == null) {
            error(f + ".type", "is required: one of " + String.join(", ", COMMANDS.keySet().stream().sorted().toList()));
        }
        JsonNode in = d.get("input");
        if (in == null || !in.isObject()) {
            error(f + ".input", "is required: an object (the command's input)");
        } else if (input != null) {
            input(f + ".input", typeNode.asText(), input, in);
        }
        return new Dispatch(tag, startsAt, endsAt, typeNode == null ? null : typeNode.asText(), in);
    }

    private void input(String f, String type, Input spec, JsonNode in) {
        unknown(f + ".", in, spec.fields().keySet());
        for (String name : spec.required()) {
            if (!present(in.get(name))) {
                error(f + "." + name, "is required for " + type);
            }
        }
        spec.fields().forEach((name, field) -> {
            JsonNode v = in.get(name);
            if (present(v)) {
                value(f + "." + name, field, v);
            }
        });
        if (type.equals("thermostat:set-operating-mode") && in.path("operatingMode").isTextual()) {
            String mode = in.get("operatingMode").asText();
            boolean heat = Set.of("heat", "auto", "eco").contains(mode);
            boolean cool = Set.of("cool", "auto", "eco").contains(mode);
            if (heat && !present(in.get("heatTarget"))) {
                error(f + ".heatTarget", "is required for operatingMode " + mode);
            }
            if (cool && !present(in.get("coolTarget"))) {
                error(f + ".coolTarget", "is required for operatingMode " + mode);
            }
            if (!heat && present(in.get("heatTarget"))) {
                error(f + ".heatTarget", "is not an input of operatingMode " + mode);
            }
            if (!cool && present(in.get("coolTarget"))) {
                error(f + ".coolTarget", "is not an input of operatingMode " + mode);
            }
        }
    }

    private void value(String f, Field field, JsonNode v) {
        switch (field.kind()) {
            case BOOLEAN -> {
                if (!v.isBoolean()) {
                    error(f, "must be true or false");
                }
            }
            case STRING -> {
                if (!v.isTextual() || !field.values().contains(v.asText())) {
                    error(f, "must be one of " + String.join(", ", field.values().stream().sorted().toList()));
                }
            }
            case STRING_ARRAY -> {
                if (!v.isArray()) {
                    error(f, "must be an array");
                    return;
                }
                for (int i = 0; i < v.size(); i++) {
                    if (!v.get(i).isTextual() || !field.values().contains(v.get(i).asText())) {
                        error(f + "[" + i + "]", "must be one of "
                                + String.join(", ", field.values().stream().sorted().toList()));
                    }
                }
            }
            case NUMBER, INTEGER -> {
                if (!v.isNumber() || (field.kind() == Kind.INTEGER && !v.isIntegralNumber())) {
                    error(f, field.kind() == Kind.INTEGER ? "must be an integer" : "must be a number");
                    return;
                }
                double n = v.asDouble();
                boolean low = field.min() != null && (field.exclusiveMin() ? n <= field.min() : n < field.min());
                boolean high = field.max() != null && n > field.max();
                if (low || high) {
                    error(f, "must be " + range(field));
                }
            }
            default -> throw new IllegalStateException(field.kind().name());
        }
    }

    private static String range(Field field) {
        String min = field.min() == null ? null : (field.exclusiveMin() ? "> " : ">= ") + trim(field.min());
        String max = field.max() == null ? null : "<= " + trim(field.max());
        return min == null ? max : max == null ? min : min + " and " + max;
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private void unknown(String prefix, JsonNode object, Set<String> known) {
        object.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                error(prefix + name, "is not a known field");
            }
        });
    }

    private String text(JsonNode node, String name, String f, int max) {
        JsonNode v = node.get(name);
        if (v == null || !v.isTextual() || v.asText().isBlank() || v.asText().length() > max) {
            error(f, "is required: a string of 1.." + max + " characters");
            return null;
        }
        return v.asText();
    }

    private OffsetDateTime time(JsonNode node, String name, String f) {
        JsonNode v = node.get(name);
        if (v != null && v.isTextual()) {
            try {
                return OffsetDateTime.parse(v.asText());
            } catch (DateTimeParseException ignored) {
                // reported below
            }
        }
        error(f, "is required: an RFC 3339 date-time with offset, e.g. 2025-01-01T00:00:00Z");
        return null;
    }

    private static boolean present(JsonNode v) {
        return v != null && !v.isNull();
    }

    private void error(String field, String message) {
        errors.add(new Problem.FieldError(field, message));
    }
}
