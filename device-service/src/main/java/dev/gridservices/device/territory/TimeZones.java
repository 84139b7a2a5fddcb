package dev.gridservices.device.territory;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import net.iakovlev.timeshape.TimeZoneEngine;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The IANA time zone of a point, from the real zone polygons (timeshape: timezone-boundary-builder's
 * OpenStreetMap-derived boundaries, release 2025b, ODbL: license and attribution beside the data), exact
 * up to the data's resolution on both sides of a zone line. Only the zones within a box around the United
 * States ship and are loaded — the 50 states with Alaska's Aleutians to 180°W and Hawaii, plus Puerto Rico
 * and the US Virgin Islands. A point the polygons do not cover (offshore, or a territory outside the box)
 * gets the state's principal zone ({@link UsStates}).
 */
public final class TimeZones {

    static final String DATA = "/territory/timezones-us.tar.zst";
    static final double MIN_LATITUDE = 17.5;
    static final double MAX_LATITUDE = 72.0;
    static final double MIN_LONGITUDE = -180.0;
    static final double MAX_LONGITUDE = -64.0;

    private final TimeZoneEngine engine;

    private TimeZones(TimeZoneEngine engine) {
        this.engine = engine;
    }

    /**
     * Reads the zone polygons from the shipped subset ({@value #DATA}: the 67 zones of timeshape's world data
     * that reach into the box, a tenth of it, derived by tools/TimeZoneSubset.java) and indexes them
     * ("accelerated": a query costs microseconds instead of a linear scan's milliseconds). Figures in
     * docs/benchmarks.md.
     */
    public static TimeZones load() {
        try (InputStream data = TimeZones.class.getResourceAsStream(DATA)) {
            if (data == null) {
                throw new IllegalStateException(DATA + " is missing from the classpath");
            }
            return new TimeZones(TimeZoneEngine.initialize(MIN_LATITUDE, MIN_LONGITUDE, MAX_LATITUDE, MAX_LONGITUDE,
                    true, new TarArchiveInputStream(new ZstdInputStream(new BufferedInputStream(data, 1 << 16)))));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + DATA, e);
        }
    }

    /** The zone at the point, else the state's principal zone; null when neither is known. */
    public String zoneOf(String state, double latitude, double longitude) {
        // Etc/GMT±n are the data's nautical zones (open sea): the state's own zone is the better answer there.
        return engine.query(latitude, longitude).map(ZoneId::getId).filter(zone -> !zone.startsWith("Etc/"))
                .orElseGet(() -> UsStates.principalZone(state));
    }

    /** How many zones the loaded polygons name. */
    public int zones() {
        return engine.getKnownZoneIds().size();
    }
}
