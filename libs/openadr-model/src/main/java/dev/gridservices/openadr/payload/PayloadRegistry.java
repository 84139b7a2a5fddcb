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

    private PayloadRegistry(Set<String> openadrReportTypes, Map<DeviceType, Map<String, PayloadSpec>> byDevice) {
        this.openadrReportTypes = openadrReportTypes;
        this.byDevice = byDevice;
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
            root.get("deviceTypes").fields().forEachRemaining(entry -> {
                Map<String, PayloadSpec> specs = new LinkedHashMap<>();
                entry.getValue().forEach(node -> {
                    PayloadSpec spec = mapper.convertValue(node, PayloadSpec.class);
                    specs.put(spec.type(), spec);
                });
                byDevice.put(DeviceType.valueOf(entry.getKey()), Map.copyOf(specs));
            });
            return new PayloadRegistry(Set.copyOf(openadr), byDevice);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True for a report payload type of the OpenADR 3.1 enumeration. */
    public boolean isOpenadrReportType(String type) {
        return openadrReportTypes.contains(type);
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
