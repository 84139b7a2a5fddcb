package dev.gridservices.telemetry.service;

import dev.gridservices.telemetry.config.TelemetryConfig;
import dev.gridservices.telemetry.repository.MetricsRepository;
import dev.gridservices.telemetry.repository.MetricsRepository.Aggregate;
import dev.gridservices.telemetry.repository.MetricsRepository.Source;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The core API's /v1/metrics: which payloads each metric reads and how, for the caller organization's
 * devices (from the devices.changed read model), per device or summed per site, with the answer's
 * {@code meta}. Emissions are the grid import energy times the carbon intensity of the site's ISO.
 */
@ApplicationScoped
public class MetricsService {

    /** Each /v1/metrics path: its label and unit (as the spec's examples), source and aggregation. */
    public enum Metric {
        STORAGE("charge", "WATT_HOURS", "whr", Source.of("x-telemetry:STORAGE_ENERGY_LEVEL"), Aggregate.LATEST,
                null),
        GENERATION("energyProducedWhr", "WATT_HOURS", "whr", Source.of("x-telemetry:GENERATION_ENERGY"), Aggregate.SUM,
                new Rate("generationPower", "WATT", "w")),
        GRID_ENERGY("gridEnergy", "WATT_HOURS", "whr", Source.of("x-telemetry:GRID_ENERGY"), Aggregate.SUM,
                new Rate("gridPower", "WATT", "w")),
        CONSUMPTION("energyConsumedWhr", "WATT_HOURS", "whr", Source.of("x-telemetry:CHARGE_ENERGY_LIFETIME"),
                Aggregate.INCREASE, new Rate("chargePower", "WATT", "w")),
        PRODUCTION("energyProducedWhr", "WATT_HOURS", "whr", Source.of("x-telemetry:DISCHARGE_ENERGY_LIFETIME"),
                Aggregate.INCREASE, new Rate("dischargePower", "WATT", "w")),
        EMISSIONS("energyEmissions", "POUNDS_CO2", "lbs_co2",
                Source.positivePartOf("x-telemetry:GRID_IMPORT_ENERGY", "x-telemetry:GRID_ENERGY"), Aggregate.SUM,
                new Rate("emissionsRate", "POUNDS_CO2", "lbs_co2/h"));

        final String label;
        final String unit;
        final String displayUnit;
        final Source source;
        final Aggregate aggregate;
        /** The per-hour rate a bucket's value stands for; null for a level (stored energy has no rate). */
        final Rate rate;

        Metric(String label, String unit, String displayUnit, Source source, Aggregate aggregate, Rate rate) {
            this.label = label;
            this.unit = unit;
            this.displayUnit = displayUnit;
            this.source = source;
            this.aggregate = aggregate;
            this.rate = rate;
        }
    }

    private record Rate(String label, String unit, String displayUnit) {
    }

    /** A validated request: the caller's organization, filters, window and range. */
    public record Query(String organizationId, List<String> deviceIds, List<String> siteIds,
                        MetricsRepository.Window window, Instant from, Instant to, boolean bySite) {
    }

    private final MetricsRepository metrics;
    private final DeviceDirectory devices;
    private final TelemetryConfig.Emissions emissions;

    public MetricsService(MetricsRepository metrics, DeviceDirectory devices, TelemetryConfig config) {
        this.metrics = metrics;
        this.devices = devices;
        this.emissions = config.emissions();
    }

    public Map<String, Object> answer(Metric metric, Query q) {
        String org = q.organizationId();
        // Only the caller's devices of the read model: another organization's or an unknown id has no data
        // for this caller anyway, and an arbitrary string never reaches the database.
        List<String> wanted = new ArrayList<>(q.deviceIds().stream()
                .filter(id -> devices.byId(id).filter(d -> org.equals(d.organizationId())).isPresent()).toList());
        if (!q.deviceIds().isEmpty() && wanted.isEmpty()) {
            return body(metric, q.window(), List.of(), List.of());
        }
        if (!q.siteIds().isEmpty()) {
            Set<String> sites = Set.copyOf(q.siteIds());
            List<String> atSites = devices.all().stream()
                    .filter(d -> org.equals(d.organizationId()) && d.siteId() != null && sites.contains(d.siteId()))
                    .map(DeviceDirectory.Device::id).toList();
            wanted = wanted.isEmpty() ? atSites : wanted.stream().filter(atSites::contains).toList();
            if (wanted.isEmpty()) {
                return body(metric, q.window(), List.of(), List.of());
            }
        }
        List<MetricsRepository.Point> points = metrics.buckets(org, wanted, metric.source, metric.aggregate, q.window(),
                q.from(), q.to());
        List<Map<String, Object>> data = new ArrayList<>();
        Set<String> series = new LinkedHashSet<>();
        Map<String, Map<String, Object>> bucketSite = new LinkedHashMap<>();
        for (MetricsRepository.Point p : points) {
            DeviceDirectory.Device device = devices.byId(p.deviceId()).orElse(null);
            DeviceDirectory.Site site = device == null ? null : devices.siteOf(device).orElse(null);
            String siteId = device == null ? null : device.siteId();
            String customerId = site == null ? null : site.customerId();
            double v = metric == Metric.EMISSIONS ? p.value() / 1000 * lbCo2PerKwh(site) : p.value();
            if (q.bySite()) {
                Map<String, Object> row = bucketSite.computeIfAbsent(p.bucket() + "|" + siteId,
                        k -> point(p.bucket(), 0, null, siteId, customerId));
                row.put("v", (Double) row.get("v") + v);
                if (siteId != null) {
                    series.add(siteId);
                }
            } else {
                data.add(point(p.bucket(), v, p.deviceId(), siteId, customerId));
                series.add(p.deviceId());
            }
        }
        data.addAll(bucketSite.values());
        return body(metric, q.window(), data, List.copyOf(series));
    }

    private double lbCo2PerKwh(DeviceDirectory.Site site) {
        Double byIso = site == null || site.iso() == null ? null : emissions.iso().get(site.iso());
        return byIso != null ? byIso : emissions.defaultLbCo2PerKwh();
    }

    private static Map<String, Object> point(Instant ts, double v, String deviceId, String siteId, String customerId) {
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("ts", ts.toString());
        point.put("v", v);
        point.put("deviceId", deviceId);
        point.put("siteId", siteId);
        point.put("customerId", customerId);
        return point;
    }

    private static Map<String, Object> body(Metric metric, MetricsRepository.Window window,
                                            List<Map<String, Object>> data, List<String> series) {
        Map<String, Object> rate = new LinkedHashMap<>();
        if (metric.rate == null) {
            rate.put("unit", metric.unit);
            rate.put("displayUnit", metric.displayUnit);
            rate.put("scaleFactor", 1.0);
        } else {
            // v × scaleFactor = the bucket's average per hour (W for Wh buckets, lb/h for emissions).
            rate.put("unit", metric.rate.unit());
            rate.put("displayUnit", metric.rate.displayUnit());
            rate.put("scaleFactor", 1 / window.hours());
        }
        Map<String, Object> domainMeta = new LinkedHashMap<>();
        domainMeta.put("label", metric.rate == null ? metric.label : metric.rate.label());
        domainMeta.put("sparse", true);
        domainMeta.put("rate", rate);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("label", metric.label);
        meta.put("unit", metric.unit);
        meta.put("displayUnit", metric.displayUnit);
        // Buckets without readings are left out, not answered as zero.
        meta.put("sparse", true);
        meta.put("series", series);
        meta.put("domainMeta", domainMeta);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", data);
        body.put("meta", meta);
        return body;
    }
}
