package dev.gridservices.openadr.payload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The report payload types the platform understands: the OpenADR 3.1 report enumeration plus the
 * Direct API's per-device-type telemetry table ({@code x-telemetry:}, {@code x-capacity:}), loaded
 * from {@code telemetry-payloads.json}. Validation answers with messages a client can act on
 * ("STORAGE_CHARGE_LEVEL must be between 0 and 100"), never with a bare false.
 */
public final class PayloadRegistry {

    private static final String RESOURCE = "/dev/gridservices/openadr/payload/telemetry-payloads.json";
    private static final PayloadRegistry DEFAULT = load();

    private final Set<String> openadrReportTypes;
    private final Map<DeviceType, Map<String, PayloadSpec>> byDevice;
    private final Map<String, Set<String>> unitWords;
    private final Set<String> readingTypes;

    private PayloadRegistry(Set<String> openadrReportTypes, Map<DeviceType, Map<String, PayloadSpec>> byDevice,
                            Map<String, Set<String>> unitWords, Set<String> readingTypes) {
        this.openadrReportTypes = openadrReportTypes;
        this.byDevice = byDevice;
        this.unitWords = unitWords;
        this.readingTypes = readingTypes;
    }

    public static PayloadRegistry standard() {
        return DEFAULT;
    }

    private static PayloadRegistry load() {
        ObjectMapper mapper = new ObjectMapper();
        try (InputStream in = PayloadRegistry.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            JsonNode root = mapper.readTree(in);
            Set<String> openadr = new TreeSet<>();
            root.get("openadrReportPayloadTypes").forEach(t -> openadr.add(t.asText()));
            Map<DeviceType, Map<String, PayloadSpec>> byDevice = new EnumMap<>(DeviceType.class);
            List<PayloadSpec> common = new ArrayList<>();
            root.path("commonTypes").forEach(node -> common.add(mapper.convertValue(node, PayloadSpec.class)));
            root.get("deviceTypes").properties().forEach(entry -> {
                Map<String, PayloadSpec> specs = new LinkedHashMap<>();
                entry.getValue().forEach(node -> {
                    PayloadSpec spec = mapper.convertValue(node, PayloadSpec.class);
                    specs.put(spec.type(), spec);
                });
                // Types every device may report (command status of an event response); a device's own row wins.
                common.forEach(spec -> specs.putIfAbsent(spec.type(), spec));
                byDevice.put(DeviceType.valueOf(entry.getKey()), Map.copyOf(specs));
            });
            Map<String, Set<String>> units = new LinkedHashMap<>();
            root.path("units").properties().forEach(entry -> {
                Set<String> words = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
                entry.getValue().forEach(word -> words.add(word.asText()));
                units.put(entry.getKey(), words);
            });
            Set<String> readingTypes = new TreeSet<>();
            root.path("readingTypes").forEach(t -> readingTypes.add(t.asText()));
            return new PayloadRegistry(Set.copyOf(openadr), byDevice, Map.copyOf(units), Set.copyOf(readingTypes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True for a report payload type of the OpenADR 3.1 enumeration. */
    public boolean isOpenadrReportType(String type) {
        return openadrReportTypes.contains(type);
    }

    /**
     * Whether a payloadDescriptor's {@code units} fit the table's unit of {@code spec}: the table writes
     * "%" or "kW", descriptors use OpenADR words ("PERCENT", "KW"). A type without a unit accepts any.
     */
    public boolean unitsMatch(PayloadSpec spec, String units) {
        if (units == null || spec.unit() == null) {
            return true;
        }
        Set<String> words = unitWords.get(spec.unit());
        return words == null ? spec.unit().equalsIgnoreCase(units) : words.contains(units);
    }

    /** The descriptor words accepted for the unit of {@code spec}, for error messages. */
    public String unitWords(PayloadSpec spec) {
        Set<String> words = unitWords.get(spec.unit());
        return words == null ? spec.unit() : String.join(", ", words);
    }

    /** An OpenADR 3.1 readingType, or a private ({@code x-}) one, which the standard allows. */
    public boolean isKnownReadingType(String readingType) {
        return readingType == null || readingTypes.contains(readingType) || readingType.startsWith("x-");
    }

    public Set<String> readingTypes() {
        return readingTypes;
    }

    public Optional<PayloadSpec> spec(DeviceType device, String type) {
        return Optional.ofNullable(byDevice.get(device).get(type));
    }

    public Collection<PayloadSpec> specs(DeviceType device) {
        return byDevice.get(device).values();
    }

    /** Required payload types of {@code device} that {@code present} lacks, in table order. */
    public List<String> missingRequired(DeviceType device, Set<String> present) {
        return specs(device).stream().filter(PayloadSpec::required).map(PayloadSpec::type)
                .filter(type -> !present.contains(type)).sorted().toList();
    }

    /**
     * Checks one payload's values for a device type. A type the table does not list for that device
     * is accepted when it is a standard OpenADR report type or a private ({@code x-}) type — the
     * standard allows both — and rejected otherwise.
     */
    public List<String> validate(DeviceType device, String type, JsonNode values) {
        List<String> problems = new ArrayList<>();
        if (values == null || !values.isArray() || values.isEmpty()) {
            problems.add(type + " must have a non-empty values array");
            return problems;
        }
        Optional<PayloadSpec> found = spec(device, type);
        if (found.isEmpty()) {
            if (!isOpenadrReportType(type) && !type.startsWith("x-")) {
                problems.add(type + " is not a known payload type");
            }
            return problems;
        }
        PayloadSpec spec = found.get();
        if (spec.kind() != PayloadSpec.Kind.STRING_ARRAY && values.size() != 1) {
            problems.add(type + " takes exactly one value");
            return problems;
        }
        for (JsonNode value : values) {
            check(spec, value).ifPresent(problems::add);
        }
        return problems;
    }

    private static Optional<String> check(PayloadSpec spec, JsonNode value) {
        String type = spec.type();
        return switch (spec.kind()) {
            case BOOLEAN -> value.isBoolean() ? Optional.empty() : Optional.of(type + " must be true or false");
            case ENUM -> value.isTextual() && spec.allowed().contains(value.asText()) ? Optional.empty()
                    : Optional.of(type + " must be one of " + String.join(", ", spec.allowed()));
            case STRING_ARRAY -> value.isTextual() ? Optional.empty() : Optional.of(type + " values must be strings");
            case STRING -> value.isTextual() ? Optional.empty() : Optional.of(type + " must be a string");
            case DATETIME -> isDateTime(value) ? Optional.empty()
                    : Optional.of(type + " must be an ISO 8601 date-time");
            case INTEGER -> value.isIntegralNumber() || (value.isNumber() && value.asDouble() == Math.rint(value.asDouble()))
                    ? bounds(spec, value.asDouble()) : Optional.of(type + " must be an integer");
            case NUMBER -> value.isNumber() ? bounds(spec, value.asDouble()) : Optional.of(type + " must be a number");
        };
    }

    private static Optional<String> bounds(PayloadSpec spec, double value) {
        if (spec.minimum() != null && spec.maximum() != null && (value < spec.minimum() || value > spec.maximum())) {
            return Optional.of(spec.type() + " must be between " + format(spec.minimum()) + " and " + format(spec.maximum()));
        }
        if (spec.minimum() != null && value < spec.minimum()) {
            return Optional.of(spec.type() + " must be at least " + format(spec.minimum()));
        }
        return Optional.empty();
    }

    private static boolean isDateTime(JsonNode value) {
        if (!value.isTextual()) {
            return false;
        }
        try {
            OffsetDateTime.parse(value.asText());
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String format(double bound) {
        return bound == Math.rint(bound) ? String.valueOf((long) bound) : String.valueOf(bound);
    }
}
