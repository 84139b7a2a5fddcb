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
        NUMBER, INTEGER, BOOLEAN, ENUM, STRING_ARRAY, DATETIME
    }
}
