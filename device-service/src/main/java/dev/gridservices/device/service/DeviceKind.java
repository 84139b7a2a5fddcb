package dev.gridservices.device.service;

import dev.gridservices.kit.problem.ProblemException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Device types of the Direct API ({@code x-static:DEVICE_TYPE}) with the attributes each requires
 * (direct-api-v2.md §5; VEHICLE as the core API knows it), and the core API's {@code type} for each.
 * UNKNOWN is for devices registered through /v1 whose type nobody told us.
 */
public enum DeviceKind {
    BATTERY("battery", List.of(Attributes.STORAGE_MAX_DISCHARGE_POWER, Attributes.STORAGE_USABLE_CAPACITY)),
    THERMOSTAT("thermostat", List.of()),
    EV_CHARGER("charger", List.of(Attributes.NAMEPLATE_KW)),
    SOLAR_INVERTER("inverter", List.of(Attributes.NAMEPLATE_KW)),
    SMART_METER("meter", List.of()),
    VEHICLE("vehicle", List.of()),
    UNKNOWN("unknown", List.of());

    /** The /v1 device types (core-api-v1 DeviceTypes). */
    public static final List<String> CORE_TYPES =
            List.of("battery", "charger", "inverter", "meter", "thermostat", "vehicle", "other", "unknown");

    private final String wire;
    /** Required beyond DEVICE_TYPE and SITE_ID, which every type needs; all of these are positive numbers. */
    private final List<String> requiredNumbers;

    DeviceKind(String wire, List<String> requiredNumbers) {
        this.wire = wire;
        this.requiredNumbers = requiredNumbers;
    }

    public String wire() {
        return wire;
    }

    public List<String> requiredNumbers() {
        return requiredNumbers;
    }

    /** The Direct API device type named {@code value}; else 400 naming the attribute. */
    public static DeviceKind ofRegistration(String value) {
        return Arrays.stream(values()).filter(k -> k != UNKNOWN && k.name().equals(value)).findFirst()
                .orElseThrow(() -> ProblemException.invalid("attributes." + Attributes.DEVICE_TYPE,
                        "must be one of BATTERY, THERMOSTAT, EV_CHARGER, SOLAR_INVERTER, SMART_METER, VEHICLE"));
    }

    /** The /v1 {@code type} of a stored device type. */
    public static String wireType(String deviceType) {
        return Arrays.stream(values()).filter(k -> k.name().equals(deviceType)).findFirst().map(DeviceKind::wire)
                .orElse("unknown");
    }

    /** The stored device type of a /v1 {@code type} filter value; null for one no device can have. */
    public static String ofWireType(String type) {
        String t = type.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.wire.equals(t)).findFirst().map(Enum::name).orElse(null);
    }
}
