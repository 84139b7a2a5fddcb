package dev.gridservices.telemetry.mapping;

import dev.gridservices.openadr.payload.DeviceType;
import dev.gridservices.openadr.payload.PayloadRegistry;
import dev.gridservices.openadr.payload.PayloadSpec;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Core API device state fields ↔ report payload types. The Direct API says its extension names "match the
 * Texture core API data model": {@code x-telemetry:CHARGE_RATE} ↔ {@code chargeRate}; the standard types
 * map as its tables note ({@code STORAGE_CHARGE_LEVEL} "maps to chargePercentage"). Enum words are
 * lower case in the core API ({@code "charging"}) and upper case in reports.
 */
public final class StateMapping {

    private static final PayloadRegistry REGISTRY = PayloadRegistry.standard();
    private static final Map<String, String> FIELD_TO_TYPE = Map.of(
            "chargePercentage", "STORAGE_CHARGE_LEVEL",
            "capacity", "STORAGE_USABLE_CAPACITY",
            "maxDischargeRate", "STORAGE_MAX_DISCHARGE_POWER",
            "maxChargeRate", "STORAGE_MAX_CHARGE_POWER",
            "charge", "x-telemetry:STORAGE_ENERGY_LEVEL",
            "ambientTemperature", "READING",
            "demand", "DEMAND",
            "usage", "USAGE");
    private static final Map<String, String> TYPE_TO_FIELD = new HashMap<>();

    static {
        FIELD_TO_TYPE.forEach((field, type) -> TYPE_TO_FIELD.put(type, field));
    }

    private StateMapping() {
    }

    /** The payload type a core API state field of {@code device} maps to, if the registry lists one. */
    public static Optional<PayloadSpec> payloadType(DeviceType device, String field) {
        String type = FIELD_TO_TYPE.getOrDefault(field, "x-telemetry:" + snake(field));
        return device == null ? Optional.empty() : REGISTRY.spec(device, type);
    }

    /** The core API field name of a payload type ({@code x-telemetry:GRID_STATUS} → {@code gridStatus}). */
    public static String field(String payloadType) {
        String mapped = TYPE_TO_FIELD.get(payloadType);
        if (mapped != null) {
            return mapped;
        }
        String name = payloadType.substring(payloadType.indexOf(':') + 1).toLowerCase(Locale.ROOT);
        StringBuilder camel = new StringBuilder(name.length());
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return camel.toString();
    }

    /** A value as the core API shows it: enum words in lower case. */
    public static Object coreValue(DeviceType device, String payloadType, Object value) {
        if (value instanceof String s && device != null && REGISTRY.spec(device, payloadType)
                .map(spec -> spec.kind() == PayloadSpec.Kind.ENUM).orElse(false)) {
            return s.toLowerCase(Locale.ROOT);
        }
        return value;
    }

    private static String snake(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_');
            }
            out.append(Character.toUpperCase(c));
        }
        return out.toString();
    }
}
