package dev.gridservices.device.territory;

import java.util.Map;

/**
 * The US states, DC and territories a site may name, each with the zone of (most of) its area. Not the way
 * a site's time zone is found — that is the point against the real zone polygons ({@link TimeZones}) — but
 * the answer where the polygons have none: a point offshore, or a territory outside the polygons' box
 * (Guam, American Samoa, the Northern Marianas).
 */
public final class UsStates {

    private static final Map<String, String> BY_STATE = Map.ofEntries(
            Map.entry("AL", "America/Chicago"), Map.entry("AK", "America/Anchorage"),
            Map.entry("AZ", "America/Phoenix"), Map.entry("AR", "America/Chicago"),
            Map.entry("CA", "America/Los_Angeles"), Map.entry("CO", "America/Denver"),
            Map.entry("CT", "America/New_York"), Map.entry("DE", "America/New_York"),
            Map.entry("DC", "America/New_York"), Map.entry("FL", "America/New_York"),
            Map.entry("GA", "America/New_York"), Map.entry("HI", "Pacific/Honolulu"),
            Map.entry("ID", "America/Boise"), Map.entry("IL", "America/Chicago"),
            Map.entry("IN", "America/Indiana/Indianapolis"), Map.entry("IA", "America/Chicago"),
            Map.entry("KS", "America/Chicago"), Map.entry("KY", "America/New_York"),
            Map.entry("LA", "America/Chicago"), Map.entry("ME", "America/New_York"),
            Map.entry("MD", "America/New_York"), Map.entry("MA", "America/New_York"),
            Map.entry("MI", "America/Detroit"), Map.entry("MN", "America/Chicago"),
            Map.entry("MS", "America/Chicago"), Map.entry("MO", "America/Chicago"),
            Map.entry("MT", "America/Denver"), Map.entry("NE", "America/Chicago"),
            Map.entry("NV", "America/Los_Angeles"), Map.entry("NH", "America/New_York"),
            Map.entry("NJ", "America/New_York"), Map.entry("NM", "America/Denver"),
            Map.entry("NY", "America/New_York"), Map.entry("NC", "America/New_York"),
            Map.entry("ND", "America/Chicago"), Map.entry("OH", "America/New_York"),
            Map.entry("OK", "America/Chicago"), Map.entry("OR", "America/Los_Angeles"),
            Map.entry("PA", "America/New_York"), Map.entry("RI", "America/New_York"),
            Map.entry("SC", "America/New_York"), Map.entry("SD", "America/Chicago"),
            Map.entry("TN", "America/Chicago"), Map.entry("TX", "America/Chicago"),
            Map.entry("UT", "America/Denver"), Map.entry("VT", "America/New_York"),
            Map.entry("VA", "America/New_York"), Map.entry("WA", "America/Los_Angeles"),
            Map.entry("WV", "America/New_York"), Map.entry("WI", "America/Chicago"),
            Map.entry("WY", "America/Denver"), Map.entry("PR", "America/Puerto_Rico"),
            Map.entry("VI", "America/St_Thomas"), Map.entry("GU", "Pacific/Guam"),
            Map.entry("AS", "Pacific/Pago_Pago"), Map.entry("MP", "Pacific/Saipan"));

    private UsStates() {
    }

    /** The zone of most of {@code state}; null for a code that is not a US state or territory. */
    public static String principalZone(String state) {
        return BY_STATE.get(state);
    }

    public static boolean isState(String code) {
        return BY_STATE.containsKey(code);
    }
}
