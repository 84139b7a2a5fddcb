package dev.gridservices.openadr.payload;

import java.util.List;

/**
 * What one payload type accepts for one device type: the kind of its values, bounds, allowed
 * words, unit, and whether every report of that device type must carry it.
 */
public record PayloadSpec(String type, boolean standard, boolean required, Kind kind, Double minimum,
                          Double maximum, List<String> allowed, String unit, String description) {

    /** The shape of a payload's values. */
    public enum Kind {
        NUMBER, INTEGER, BOOLEAN, ENUM, STRING_ARRAY, DATETIME,
        /** Free text, one value (e.g. {@code x-telemetry:COMMAND_FAILURE_REASON}). */
        STRING
    }

    /**
     * The rule a numeric value breaks, as a message naming value and bound
     * ("STORAGE_CHARGE_LEVEL 150 is above 100"), or null when it keeps within the bounds.
     */
    public String boundsViolation(double value) {
        if (maximum != null && value > maximum) {
            return type + " " + format(value) + " is above " + format(maximum);
        }
        if (minimum != null && value < minimum) {
            return type + " " + format(value) + " is below " + format(minimum);
        }
        return null;
    }

    static String format(double number) {
        return number == Math.rint(number) && !Double.isInfinite(number) ? String.valueOf((long) number)
                : String.valueOf(number);
    }
}
