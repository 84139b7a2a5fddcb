package dev.gridservices.device.territory;

import java.time.ZoneId;
import net.iakovlev.timeshape.TimeZoneEngine;

/**
 * The IANA time zone of a point, from the real zone polygons (timeshape: timezone-boundary-builder's
 * OpenStreetMap-derived boundaries, release 2025b, ODbL), exact up to the data's resolution on both sides
 * of a zone line. Only the polygons within a box around the United States are loaded — the 50 states with
 * Alaska's Aleutians to 180°W and Hawaii, plus Puerto Rico and the US Virgin Islands — which keeps the
 * start-up cost to a fraction of the whole world's. A point the polygons do not cover (offshore, or a
 * territory outside the box) gets the state's principal zone ({@link UsStates}).
 */
public final class TimeZones {

    static final double MIN_LATITUDE = 17.5;
    static final double MAX_LATITUDE = 72.0;
    static final double MIN_LONGITUDE = -180.0;
    static final double MAX_LONGITUDE = -64.0;

    private final TimeZoneEngine engine;

    private TimeZones(TimeZoneEngine engine) {
        this.engine = engine;
    }

    /**
     * Reads the zone polygons in the box from timeshape's bundled data and indexes them ("accelerated":
     * a query costs microseconds instead of the milliseconds of a linear scan; measured in docs/benchmarks.md).
     */
    public static TimeZones load() {
        return new TimeZones(TimeZoneEngine.initialize(MIN_LATITUDE, MIN_LONGITUDE, MAX_LATITUDE, MAX_LONGITUDE,
                true));
    }

    /** The zone at the point, else the state's principal zone; null when neither is known. */
    public String zoneOf(String state, double latitude, double longitude) {
        return engine.query(latitude, longitude).map(ZoneId::getId).orElseGet(() -> UsStates.principalZone(state));
    }

    /** How many zones the loaded polygons name. */
    public int zones() {
        return engine.getKnownZoneIds().size();
    }
}
