package dev.gridservices.telemetry.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gridservices.kit.paging.Page;
import dev.gridservices.kit.paging.PageParams;
import dev.gridservices.kit.paging.PageRequest;
import dev.gridservices.kit.problem.Problem;
import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.kit.problem.ProblemType;
import dev.gridservices.openadr.payload.PayloadSpec;
import dev.gridservices.security.CallerContext;
import dev.gridservices.security.CredentialType;
import dev.gridservices.security.OrganizationKind;
import dev.gridservices.security.RequiresCredential;
import dev.gridservices.security.RequiresOrganizationKind;
import dev.gridservices.telemetry.mapping.StateMapping;
import dev.gridservices.telemetry.repository.HistoryRepository;
import dev.gridservices.telemetry.messaging.ReadModelCatchUp;
import dev.gridservices.telemetry.service.DeviceDirectory;
import dev.gridservices.telemetry.service.ParsedReport;
import dev.gridservices.telemetry.service.ReportService;
import dev.gridservices.telemetry.service.ReportValidator;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Core API telemetry: a MANUFACTURER key pushes a device's state (mapped to the same readings as an
 * OpenADR report, validated by the same rules, produced the same way), and the device's organization
 * reads its history, raw or rolled up.
 */
@Path("/v1/devices/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Device telemetry")
@APIResponse(responseCode = "401", description = "No or invalid credentials")
public class DeviceTelemetryResource {

    /** History granularities: raw readings, or rollups (§11: 5-minute, 15-minute, hourly). */
    public enum Granularity {
        RAW(0), FIVE_MINUTES(5), FIFTEEN_MINUTES(15), HOUR(60);

        final int minutes;

        Granularity(int minutes) {
            this.minutes = minutes;
        }
    }

    private final DeviceDirectory devices;
    private final ReportService reports;
    private final HistoryRepository history;
    private final CallerContext caller;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final ReadModelCatchUp catchUp;

    public DeviceTelemetryResource(DeviceDirectory devices, ReportService reports, HistoryRepository history,
                                   CallerContext caller, ObjectMapper mapper, Clock clock, ReadModelCatchUp catchUp) {
        this.devices = devices;
        this.reports = reports;
        this.history = history;
        this.caller = caller;
        this.mapper = mapper;
        this.clock = clock;
        this.catchUp = catchUp;
    }

    @POST
    @Path("/telemetry")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresCredential(CredentialType.MANUFACTURER_KEY)
    // Telemetry comes from the device's OEM; a utility's credential never pushes it (issue 13's 403 matrix).
    @RequiresOrganizationKind(OrganizationKind.OEM)
    @Operation(summary = "Push device telemetry", description = "The core API state object (e.g. chargePercentage, "
            + "chargingState) mapped to report payload types and validated like a report; 202 after Kafka acknowledged.")
    @APIResponse(responseCode = "202", description = "Accepted")
    @APIResponse(responseCode = "400", description = "Validation failed")
    @APIResponse(responseCode = "403", description = "Not a MANUFACTURER key of an OEM organization")
    @APIResponse(responseCode = "404", description = "No such device of the caller's organization")
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge in time, or the service is still "
            + "loading devices and events after a start; see Retry-After")
    public Response push(@PathParam("id") String id, JsonNode body) {
        catchUp.requireCaughtUp();
        DeviceDirectory.Device device = ownDevice(id);
        if (body == null || !body.path("state").isObject()) {
            throw ProblemException.invalid("state", "is required and must be an object");
        }
        Instant timestamp = body.hasNonNull("timestamp") ? instant("timestamp", body.get("timestamp").asText())
                : clock.instant();
        ParsedReport report = report(device, timestamp, (ObjectNode) body.get("state"));
        reports.ingestParsed(new ReportValidator.Sender(device.venId(), caller.organizationId(), null), report, "v1");
        return Response.accepted(Map.of("accepted", true, "deviceId", id, "timestamp", timestamp.toString())).build();
    }

    @GET
    @Path("/history")
    @Operation(summary = "Device history", description = "Readings between from and to (default now), oldest first, "
            + "paginated; granularity RAW (default), FIVE_MINUTES, FIFTEEN_MINUTES or HOUR (numeric values averaged "
            + "per bucket, others the bucket's last value).")
    @APIResponse(responseCode = "200", description = "History page")
    @APIResponse(responseCode = "400", description = "Invalid parameters")
    @APIResponse(responseCode = "404", description = "No such device of the caller's organization")
    @APIResponse(responseCode = "503", description = "The service is still loading devices after a start; see "
            + "Retry-After")
    public Page<ObjectNode> history(@PathParam("id") String id,
                                    @QueryParam("from") @Parameter(required = true) String from,
                                    @QueryParam("to") String to,
                                    @BeanParam PageParams paging,
                                    @QueryParam("granularity") @Parameter(description = "RAW, FIVE_MINUTES, "
                                            + "FIFTEEN_MINUTES, HOUR") String granularity) {
        // Whose device this is comes from the devices.changed read model: before it caught up, the caller's own
        // device would be a 404.
        catchUp.requireCaughtUp();
        DeviceDirectory.Device device = ownDevice(id);
        if (from == null || from.isEmpty()) {
            throw ProblemException.invalid("from", "is required");
        }
        Instant start = instant("from", from);
        Instant end = to == null || to.isEmpty() ? clock.instant() : instant("to", to);
        Granularity g = granularity(granularity);
        PageRequest request = paging.toPageRequest();
        HistoryRepository.Slice slice = g == Granularity.RAW
                ? history.raw(id, start, end, request.offset(), request.perPage())
                : history.rollup(id, g.minutes, start, end, request.offset(), request.perPage());
        List<ObjectNode> data = new ArrayList<>(slice.points().size());
        for (HistoryRepository.Point point : slice.points()) {
            data.add(state(device, point));
        }
        return Page.of(data, request, slice.total());
    }

    private DeviceDirectory.Device ownDevice(String id) {
        return devices.byId(id).filter(d -> d.organizationId().equals(caller.organizationId()))
                .orElseThrow(() -> ProblemException.notFound("Device", id));
    }

    private ObjectNode state(DeviceDirectory.Device device, HistoryRepository.Point point) {
        ObjectNode state = mapper.createObjectNode();
        state.put("id", device.id() + "@" + point.start());
        state.put("createdAt", point.start().toString());
        state.put("duration", point.duration());
        ObjectNode payloads;
        try {
            payloads = (ObjectNode) mapper.readTree(point.payloadsJson());
        } catch (Exception e) {
            throw new IllegalStateException("unreadable payloads in history", e);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = payloads.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode value = e.getValue();
            Object core = StateMapping.coreValue(device.deviceType(), e.getKey(), value.isTextual() ? value.asText() : null);
            state.set(StateMapping.field(e.getKey()), core instanceof String s ? state.textNode(s) : value);
        }
        state.set("payloads", payloads);
        return state;
    }

    /** The state object as one report interval; a field with no payload type is refused by name. */
    private ParsedReport report(DeviceDirectory.Device device, Instant timestamp, ObjectNode state) {
        ParsedReport report = new ParsedReport();
        report.clientName = device.venId();
        report.resourcesPresent = true;
        ParsedReport.Resource resource = new ParsedReport.Resource();
        resource.resourceName = device.resourceName();
        resource.start = timestamp.toString();
        ParsedReport.Interval interval = new ParsedReport.Interval();
        List<Problem.FieldError> unknown = new ArrayList<>();
        int index = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = state.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            PayloadSpec spec = StateMapping.payloadType(device.deviceType(), e.getKey()).orElse(null);
            if (spec == null) {
                unknown.add(new Problem.FieldError("state." + e.getKey(), "is not a " + device.deviceTypeName()
                        + " state field"));
                continue;
            }
            ParsedReport.Payload payload = new ParsedReport.Payload();
            payload.index = index++;
            payload.type = spec.type();
            payload.values = List.of(value(spec, e.getValue()));
            interval.payloads.add(payload);
        }
        if (!unknown.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_ERROR, unknown.get(0).field() + ": "
                    + unknown.get(0).message(), unknown, Map.of());
        }
        resource.intervals.add(interval);
        report.resources.add(resource);
        report.readingCount = 1;
        return report;
    }

    private static Object value(PayloadSpec spec, JsonNode v) {
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isTextual()) {
            return spec.kind() == PayloadSpec.Kind.ENUM ? v.asText().toUpperCase(Locale.ROOT) : v.asText();
        }
        return ParsedReport.OTHER;
    }

    private static Granularity granularity(String value) {
        if (value == null || value.isEmpty()) {
            return Granularity.RAW;
        }
        try {
            return Granularity.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("granularity", "must be one of RAW, FIVE_MINUTES, FIFTEEN_MINUTES, HOUR");
        }
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(name, "must be an RFC 3339 date-time");
        }
    }
}
