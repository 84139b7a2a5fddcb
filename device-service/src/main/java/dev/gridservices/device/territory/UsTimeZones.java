package dev.gridservices.device.territory;

import java.util.Map;

/**
 * The IANA time zone of a US point. No time zone polygons ship with the service, so the zone comes from
 * the state, and for the states a zone line crosses, from the point's longitude/latitude against that
 * line (approximated by a meridian or a few corner points). Exact away from those lines; within tens of
 * kilometres of one it may name the neighbouring zone.
 */
public final class UsTimeZones {

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

    private UsTimeZones() {
    }

    /** The zone of the point in {@code state}; null for a state code that is not a US state or territory. */
    public static String zoneOf(String state, double latitude, double longitude) {
        String zone = BY_STATE.get(state);
        if (zone == null) {
            return null;
        }
        return switch (state) {
            // Far west Texas (El Paso, Hudspeth) is Mountain time.
            case "TX" -> longitude < -104.9 ? "America/Denver" : zone;
            // The Florida panhandle west of the Apalachicola River is Central.
            case "FL" -> longitude < -85.0 && latitude > 29.6 ? "America/Chicago" : zone;
            // Western Kentucky is Central.
            case "KY" -> longitude < -86.0 ? "America/Chicago" : zone;
            // East Tennessee is Eastern.
            case "TN" -> longitude > -85.3 ? "America/New_York" : zone;
            // North-west and south-west Indiana (Chicago and Evansville areas) are Central.
            case "IN" -> longitude < -86.9 && (latitude > 40.9 || latitude < 38.5) ? "America/Chicago" : zone;
            // The western Upper Peninsula counties bordering Wisconsin are Central.
            case "MI" -> longitude < -87.6 && latitude > 45.0 ? "America/Menominee" : zone;
            // Western Nebraska and the Kansas border counties are Mountain.
            case "NE" -> longitude < -101.0 ? "America/Denver" : zone;
            case "KS" -> longitude < -101.5 ? "America/Denver" : zone;
            // West river South Dakota and south-west North Dakota are Mountain.
            case "SD" -> longitude < -100.5 ? "America/Denver" : zone;
            case "ND" -> longitude < -101.5 && latitude < 47.5 ? "America/Denver" : zone;
            // Northern Idaho (the panhandle, north of the Salmon River) is Pacific.
            case "ID" -> latitude > 45.5 ? "America/Los_Angeles" : zone;
            // Malheur County, Oregon is Mountain.
            case "OR" -> longitude > -118.0 && latitude < 44.5 ? "America/Boise" : zone;
            // The Aleutians west of 169°30'W are Hawaii-Aleutian time.
            case "AK" -> longitude < -169.5 ? "America/Adak" : zone;
            default -> zone;
        };
    }

    public static boolean isState(String code) {
        return BY_STATE.containsKey(code);
    }
}
