package dev.gridservices.security;

import java.util.Locale;

/**
 * The two parties of the platform: a utility owns programs and dispatches events; an OEM (or TPDO) owns
 * VENs, sites, devices and customer consent. Carried in tokens as the {@code org_kind} claim and in API-key
 * introspection as {@code organizationKind}, lower case.
 */
public enum OrganizationKind {
    UTILITY,
    OEM;

    /** The wire form: {@code utility} or {@code oem}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the wire form; anything else is an {@link IllegalArgumentException}. */
    public static OrganizationKind ofWire(String value) {
        if (value == null) {
            throw new IllegalArgumentException("organization kind missing");
        }
        return switch (value) {
            case "utility" -> UTILITY;
            case "oem" -> OEM;
            default -> throw new IllegalArgumentException("Unknown organization kind " + value);
        };
    }
}
