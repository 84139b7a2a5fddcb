package dev.gridservices.device.territory;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Geocodes an address offline (the caller's coordinates, else the ZIP centroid), matches the point
 * against the territory index and finds its time zone in the zone polygons. Both are loaded eagerly at
 * start-up, side by side, so the first site creation pays nothing.
 * Which polygons count as "distribution utilities" was decided when the index was built
 * (tools/commongrid_territories.py): IOUs, co-ops, municipal utilities and public utility districts,
 * never federal power marketing administrations such as WAPA.
 */
@Startup
@ApplicationScoped
public class TerritoryMatcher {

    private static final Logger LOG = Logger.getLogger(TerritoryMatcher.class);

    private final MeterRegistry registry;
    private TerritoryIndex index;
    private ZipCentroids zips;
    private TimeZones timeZones;
    private final AtomicLong loadMillis = new AtomicLong();
    private final AtomicLong timeZoneMillis = new AtomicLong();

    public TerritoryMatcher(MeterRegistry registry) {
        this.registry = registry;
    }

    @PostConstruct
    void load() {
        long start = System.nanoTime();
        // The zone polygons take the longest to read: on a thread of their own, beside the territories.
        CompletableFuture<TimeZones> zones = new CompletableFuture<>();
        Thread zoneLoader = new Thread(() -> {
            try {
                TimeZones loaded = TimeZones.load();
                timeZoneMillis.set((System.nanoTime() - start) / 1_000_000);
                zones.complete(loaded);
            } catch (RuntimeException | Error e) {
                zones.completeExceptionally(e);
            }
        }, "timezone-index-load");
        zoneLoader.start();
        index = TerritoryIndex.load();
        zips = ZipCentroids.load();
        long territoryMillis = (System.nanoTime() - start) / 1_000_000;
        timeZones = zones.join();
        long millis = (System.nanoTime() - start) / 1_000_000;
        loadMillis.set(millis);
        registry.gauge("territory.index.load.millis", loadMillis);
        registry.gauge("timezone.index.load.millis", timeZoneMillis);
        LOG.infof("Territory index loaded in %d ms: %d territories, %d polygons, %d ZIP centroids (%s) in %d ms; "
                        + "time zone polygons (%d zones) in %d ms alongside", millis, index.territories(),
                index.polygons(), zips.size(), index.source(), territoryMillis, timeZones.zones(),
                timeZoneMillis.get());
    }

    /**
     * Matches an address. {@code latitude}/{@code longitude} (both or neither) take precedence over the
     * ZIP's centroid; a ZIP that is not a ZCTA with no coordinates cannot be geocoded.
     */
    public TerritoryMatch match(String state, String zip5, Double latitude, Double longitude) {
        double lat;
        double lon;
        String source;
        if (latitude != null && longitude != null) {
            lat = latitude;
            lon = longitude;
            source = TerritoryMatch.FROM_CALLER;
        } else {
            ZipCentroids.Point point = zips.centroid(zip5).orElse(null);
            if (point == null) {
                return new TerritoryMatch(null, null, null, null, null, List.of(), null, null);
            }
            lat = point.latitude();
            lon = point.longitude();
            source = TerritoryMatch.FROM_ZIP;
        }
        List<Territory> found = index.containing(lat, lon);
        List<Territory> utilities = found.stream().filter(t -> t.layer() == Territory.Layer.UTILITY).toList();
        Territory cca = found.stream().filter(t -> t.layer() == Territory.Layer.CCA).findFirst().orElse(null);
        Territory iso = found.stream().filter(t -> t.layer() == Territory.Layer.ISO).findFirst().orElse(null);
        return new TerritoryMatch(lat, lon, source, timeZones.zoneOf(state, lat, lon),
                utilities.size() == 1 ? utilities.get(0) : null, utilities, cca, iso);
    }
}
