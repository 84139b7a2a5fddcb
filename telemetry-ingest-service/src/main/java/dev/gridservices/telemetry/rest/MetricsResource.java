package dev.gridservices.telemetry.rest;

import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.security.CallerContext;
import dev.gridservices.telemetry.repository.MetricsRepository;
import dev.gridservices.telemetry.service.DeviceDirectory;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Core API metrics from telemetry history, for the caller organization's devices: stored energy (latest
 * per bucket), generated energy and net grid energy (sums per bucket), per device or grouped by site.
 */
@Path("/v1/metrics")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Metrics")
@APIResponse(responseCode = "400", description = "Invalid parameters")
@APIResponse(responseCode = "401", description = "No or invalid credentials")
public class MetricsResource {

    private static final Pattern RELATIVE = Pattern.compile("^([1-9]\\d?)([hwdmMy])$");

    private final MetricsRepository metrics;
    private final DeviceDirectory devices;
    private final CallerContext caller;
    private final Clock clock;

    public MetricsResource(MetricsRepository metrics, DeviceDirectory devices, CallerContext caller, Clock clock) {
        this.metrics = metrics;
        this.devices = devices;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @Path("/storage")
    @Operation(summary = "Energy stored (Wh): the latest x-telemetry:STORAGE_ENERGY_LEVEL per bucket")
    @APIResponse(responseCode = "200", description = "Buckets")
    public Map<String, Object> storage(@QueryParam("filterDeviceId") List<String> deviceIds,
                                       @QueryParam("filterSiteId") List<String> siteIds,
                                       @QueryParam("filterRangeRelative") String relative,
                                       @QueryParam("filterRangeAfter") String after, @QueryParam("filterRangeBefore") String before,
                                       @QueryParam("windowSize") String window, @QueryParam("groupBy") String groupBy) {
        return metric("charge", "x-telemetry:STORAGE_ENERGY_LEVEL", MetricsRepository.Aggregate.LATEST, deviceIds, siteIds,
                relative, after, before, window, groupBy);
    }

    @GET
    @Path("/generation")
    @Operation(summary = "Energy generated (Wh): the sum of x-telemetry:GENERATION_ENERGY per bucket")
    @APIResponse(responseCode = "200", description = "Buckets")
    public Map<String, Object> generation(@QueryParam("filterDeviceId") List<String> deviceIds,
                                          @QueryParam("filterSiteId") List<String> siteIds,
                                          @QueryParam("filterRangeRelative") String relative,
                                          @QueryParam("filterRangeAfter") String after, @QueryParam("filterRangeBefore") String before,
                                          @QueryParam("windowSize") String window, @QueryParam("groupBy") String groupBy) {
        return metric("energyProducedWhr", "x-telemetry:GENERATION_ENERGY", MetricsRepository.Aggregate.SUM, deviceIds,
                siteIds, relative, after, before, window, groupBy);
    }

    @GET
    @Path("/grid-energy")
    @Operation(summary = "Net grid energy (Wh, positive = import): the sum of x-telemetry:GRID_ENERGY per bucket")
    @APIResponse(responseCode = "200", description = "Buckets")
    public Map<String, Object> gridEnergy(@QueryParam("filterDeviceId") List<String> deviceIds,
                                          @QueryParam("filterSiteId") List<String> siteIds,
                                          @QueryParam("filterRangeRelative") String relative,
                                          @QueryParam("filterRangeAfter") String after, @QueryParam("filterRangeBefore") String before,
                                          @QueryParam("windowSize") String window, @QueryParam("groupBy") String groupBy) {
        return metric("gridEnergyWhr", "x-telemetry:GRID_ENERGY", MetricsRepository.Aggregate.SUM, deviceIds, siteIds,
                relative, after, before, window, groupBy);
    }

    private Map<String, Object> metric(String label, String payloadType, MetricsRepository.Aggregate aggregate,
                                       List<String> deviceIds, List<String> siteIds, String relative, String after,
                                       String before, String windowSize, String groupBy) {
        boolean bySite = groupBy != null && !groupBy.isEmpty();
        if (bySite && !"SITE".equals(groupBy)) {
            throw ProblemException.invalid("groupBy", "must be SITE");
        }
        MetricsRepository.Window window = window(windowSize);
        Instant to = before == null || before.isEmpty() ? clock.instant() : instant("filterRangeBefore", before);
        Instant from = after != null && !after.isEmpty() ? instant("filterRangeAfter", after)
                : minus(to, relative == null || relative.isEmpty() ? "1d" : relative);
        String org = caller.organizationId();
        // Only the caller's devices of the read model: another organization's or an unknown id has no data
        // for this caller anyway, and an arbitrary string (NUL, huge) never reaches the database.
        List<String> wanted = new ArrayList<>(deviceIds == null ? List.of() : deviceIds.stream()
                .filter(id -> devices.byId(id).filter(d -> org.equals(d.organizationId())).isPresent()).toList());
        if (deviceIds != null && !deviceIds.isEmpty() && wanted.isEmpty()) {
            return body(label, List.of(), List.of());
        }
        if (siteIds != null && !siteIds.isEmpty()) {
            // Devices of the caller at those sites (from the devices.changed read model).
            List<String> atSites = siteIds.stream().flatMap(site -> devicesAtSite(org, site).stream()).toList();
            wanted = wanted.isEmpty() ? atSites : wanted.stream().filter(atSites::contains).toList();
            if (wanted.isEmpty()) {
                return body(label, List.of(), List.of());
            }
        }
        List<MetricsRepository.Point> points = metrics.buckets(org, wanted, payloadType, aggregate, window, from, to);
        List<Map<String, Object>> data = new ArrayList<>();
        List<String> series = new ArrayList<>();
        if (bySite) {
            Map<String, Map<String, Object>> bucketSite = new LinkedHashMap<>();
            for (MetricsRepository.Point p : points) {
                String site = devices.byId(p.deviceId()).map(DeviceDirectory.Device::siteId).orElse(null);
                Map<String, Object> row = bucketSite.computeIfAbsent(p.bucket() + "|" + site, k -> point(p.bucket(), 0, null, site));
                row.put("v", ((Double) row.get("v")) + p.value());
                if (site != null && !series.contains(site)) {
                    series.add(site);
                }
            }
            data.addAll(bucketSite.values());
        } else {
            for (MetricsRepository.Point p : points) {
                data.add(point(p.bucket(), p.value(), p.deviceId(), devices.byId(p.deviceId())
                        .map(DeviceDirectory.Device::siteId).orElse(null)));
                if (!series.contains(p.deviceId())) {
                    series.add(p.deviceId());
                }
            }
        }
        return body(label, data, series);
    }

    private List<String> devicesAtSite(String org, String site) {
        return devices.all().stream().filter(d -> org.equals(d.organizationId()) && site.equals(d.siteId()))
                .map(DeviceDirectory.Device::id).toList();
    }

    private static Map<String, Object> point(Instant ts, double v, String deviceId, String siteId) {
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("ts", ts.toString());
        point.put("v", v);
        point.put("deviceId", deviceId);
        point.put("siteId", siteId);
        point.put("customerId", null);
        return point;
    }

    private static Map<String, Object> body(String label, List<Map<String, Object>> data, List<String> series) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("label", label);
        meta.put("unit", "WATT_HOURS");
        meta.put("displayUnit", "whr");
        meta.put("sparse", false);
        meta.put("series", series);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", data);
        body.put("meta", meta);
        return body;
    }

    private static MetricsRepository.Window window(String value) {
        if (value == null || value.isEmpty()) {
            return MetricsRepository.Window.HOUR;
        }
        try {
            return MetricsRepository.Window.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("windowSize", "must be one of FIFTEEN_MINUTES, HOUR, DAY, WEEK, MONTH, YEAR");
        }
    }

    /** {@code to} minus a relative range: h hours, d days, w weeks, m minutes, M months, y years. */
    private static Instant minus(Instant to, String relative) {
        Matcher m = RELATIVE.matcher(relative);
        if (!m.matches()) {
            throw ProblemException.invalid("filterRangeRelative", "must match ^([1-9]\\d{0,1}[hwdmMy])$, e.g. 24h");
        }
        int n = Integer.parseInt(m.group(1));
        return switch (m.group(2)) {
            case "h" -> to.minus(Duration.ofHours(n));
            case "d" -> to.minus(Duration.ofDays(n));
            case "w" -> to.minus(Duration.ofDays(7L * n));
            case "m" -> to.minus(Duration.ofMinutes(n));
            case "M" -> to.atOffset(ZoneOffset.UTC).minus(Period.ofMonths(n)).toInstant();
            default -> to.atOffset(ZoneOffset.UTC).minus(Period.ofYears(n)).toInstant();
        };
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(name, "must be an RFC 3339 date-time");
        }
    }
}
