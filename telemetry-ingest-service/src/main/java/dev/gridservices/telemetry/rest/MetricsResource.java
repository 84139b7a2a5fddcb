package dev.gridservices.telemetry.rest;

import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.security.CallerContext;
import dev.gridservices.telemetry.messaging.ReadModelCatchUp;
import dev.gridservices.telemetry.repository.MetricsRepository;
import dev.gridservices.telemetry.service.MetricsService;
import dev.gridservices.telemetry.service.MetricsService.Metric;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Core API metrics from telemetry history, for the caller organization's devices (MetricsService says what
 * each one reads). Parameters as the spec: filterDeviceId, filterSiteId (repeatable), filterRangeRelative
 * (default 1d), filterRangeAfter/Before, windowSize (default HOUR), groupBy=SITE.
 */
@Path("/v1/metrics")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Metrics")
@APIResponse(responseCode = "200", description = "Buckets: {data: [{ts, v, deviceId, siteId, customerId}], meta}")
@APIResponse(responseCode = "400", description = "Invalid parameters")
@APIResponse(responseCode = "401", description = "No or invalid credentials")
@APIResponse(responseCode = "503", description = "The service is still loading devices after a start; see Retry-After")
public class MetricsResource {

    private static final Pattern RELATIVE = Pattern.compile("^([1-9]\\d?)([hwdmMy])$");
    private static final Duration MINIMUM_RANGE = Duration.ofMinutes(15);
    /** Filter values one request may name (each becomes part of one query's array parameter). */
    static final int MAX_FILTER_VALUES = 100;

    private final MetricsService metrics;
    private final CallerContext caller;
    private final Clock clock;
    private final ReadModelCatchUp catchUp;

    public MetricsResource(MetricsService metrics, CallerContext caller, Clock clock, ReadModelCatchUp catchUp) {
        this.metrics = metrics;
        this.caller = caller;
        this.clock = clock;
        this.catchUp = catchUp;
    }

    @GET
    @Path("/storage")
    @Operation(summary = "Energy stored (Wh): the latest x-telemetry:STORAGE_ENERGY_LEVEL per bucket")
    public Map<String, Object> storage(@BeanParam Params params) {
        return answer(Metric.STORAGE, params);
    }

    @GET
    @Path("/generation")
    @Operation(summary = "Energy generated (Wh): the sum of x-telemetry:GENERATION_ENERGY per bucket")
    public Map<String, Object> generation(@BeanParam Params params) {
        return answer(Metric.GENERATION, params);
    }

    @GET
    @Path("/grid-energy")
    @Operation(summary = "Net grid energy (Wh, positive = import): the sum of x-telemetry:GRID_ENERGY per bucket")
    public Map<String, Object> gridEnergy(@BeanParam Params params) {
        return answer(Metric.GRID_ENERGY, params);
    }

    @GET
    @Path("/consumption")
    @Operation(summary = "Energy consumed by batteries (Wh): the increase of x-telemetry:CHARGE_ENERGY_LIFETIME per bucket")
    public Map<String, Object> consumption(@BeanParam Params params) {
        return answer(Metric.CONSUMPTION, params);
    }

    @GET
    @Path("/production")
    @Operation(summary = "Energy produced/discharged by batteries (Wh): the increase of "
            + "x-telemetry:DISCHARGE_ENERGY_LIFETIME per bucket")
    public Map<String, Object> production(@BeanParam Params params) {
        return answer(Metric.PRODUCTION, params);
    }

    @GET
    @Path("/emissions")
    @Operation(summary = "Emissions (lb CO2): grid import energy per bucket (x-telemetry:GRID_IMPORT_ENERGY, else "
            + "the positive part of x-telemetry:GRID_ENERGY) times the carbon intensity of the site's ISO")
    public Map<String, Object> emissions(@BeanParam Params params) {
        return answer(Metric.EMISSIONS, params);
    }

    /** The query parameters every metrics endpoint takes, as the spec names them. */
    public static class Params {

        @QueryParam("filterDeviceId")
        List<String> deviceIds;
        @QueryParam("filterSiteId")
        List<String> siteIds;
        @QueryParam("filterRangeRelative")
        String relative;
        @QueryParam("filterRangeAfter")
        String after;
        @QueryParam("filterRangeBefore")
        String before;
        @QueryParam("windowSize")
        String windowSize;
        @QueryParam("groupBy")
        String groupBy;
    }

    private Map<String, Object> answer(Metric metric, Params params) {
        // Which devices are the caller's, and their sites, come from the devices.changed read model: before it
        // caught up an answer would silently leave devices out.
        catchUp.requireCaughtUp();
        String groupBy = params.groupBy;
        String relative = params.relative;
        String after = params.after;
        String before = params.before;
        boolean bySite = groupBy != null && !groupBy.isEmpty();
        if (bySite && !"SITE".equals(groupBy)) {
            throw ProblemException.invalid("groupBy", "must be SITE");
        }
        MetricsRepository.Window window = window(params.windowSize);
        Instant now = clock.instant();
        Instant to = blank(before) ? now : instant("filterRangeBefore", before);
        Instant from;
        if (!blank(after)) {
            from = instant("filterRangeAfter", after);
            if (!from.isBefore(now)) {
                throw ProblemException.invalid("filterRangeAfter", "Start time must be in the past");
            }
        } else {
            from = minus(to, blank(relative) ? "1d" : relative);
        }
        if (Duration.between(from, to).compareTo(MINIMUM_RANGE) < 0) {
            throw ProblemException.invalid(blank(after) ? "filterRangeRelative" : "filterRangeAfter",
                    "Minimum range is 15 minutes");
        }
        return metrics.answer(metric, new MetricsService.Query(caller.organizationId(), values("filterDeviceId", params.deviceIds),
                values("filterSiteId", params.siteIds), window, from, to, bySite));
    }

    private static List<String> values(String name, List<String> values) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > MAX_FILTER_VALUES) {
            throw ProblemException.invalid(name, "at most " + MAX_FILTER_VALUES + " values");
        }
        return values.stream().filter(v -> !v.isEmpty()).toList();
    }

    private static boolean blank(String value) {
        return value == null || value.isEmpty();
    }

    private static MetricsRepository.Window window(String value) {
        if (blank(value)) {
            return MetricsRepository.Window.HOUR;
        }
        try {
            return MetricsRepository.Window.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("windowSize", "must be one of FIFTEEN_MINUTES, HOUR, DAY, WEEK, MONTH, YEAR");
        }
    }

    /**
     * {@code to} minus a relative range: h hours, d days, w weeks, m or M months, y years (the spec's
     * "Nh, Nd, Nw, Nm, Ny"; its pattern also admits M).
     */
    private static Instant minus(Instant to, String relative) {
        Matcher m = RELATIVE.matcher(relative);
        if (!m.matches()) {
            throw ProblemException.invalid("filterRangeRelative",
                    "Relative time must be in the format Nh, Nd, Nw, Nm, Ny (N from 1 to 99)");
        }
        int n = Integer.parseInt(m.group(1));
        return switch (m.group(2)) {
            case "h" -> to.minus(Duration.ofHours(n));
            case "d" -> to.minus(Duration.ofDays(n));
            case "w" -> to.minus(Duration.ofDays(7L * n));
            case "m", "M" -> to.atOffset(ZoneOffset.UTC).minus(Period.ofMonths(n)).toInstant();
            default -> to.atOffset(ZoneOffset.UTC).minus(Period.ofYears(n)).toInstant();
        };
    }

    private static Instant instant(String name, String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(name, "must be an RFC 3339 date-time with offset, e.g. 2021-01-01T00:00:00Z");
        }
    }
}
