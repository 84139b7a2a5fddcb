package dev.gridservices.telemetry.service;

import dev.gridservices.openadr.IsoDuration;
import dev.gridservices.openadr.payload.DeviceType;
import dev.gridservices.openadr.payload.PayloadRegistry;
import dev.gridservices.openadr.payload.PayloadSpec;
import dev.gridservices.telemetry.config.TelemetryConfig;
import dev.gridservices.telemetry.mapping.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Every rule a report must keep, checked against the payload registry and the local read models, in one
 * pass over the parsed report. All violations are collected (up to a limit) so a client fixes a batch in
 * one round trip; a report with any violation yields no reading at all (the whole batch is refused).
 */
@ApplicationScoped
public class ReportValidator {

    /** Who sends the report: the VEN it speaks for, and (REST) the resource the MQTT topic names. */
    public record Sender(String venId, String organizationId, String topicResourceName) {
    }

    /** The outcome: readings when {@code violations} is empty. */
    public record Result(List<Reading> readings, List<Violation> violations, String eventId, String programId,
                         String utilityOrganizationId, int violationCount, String clientName) {
    }

    private static final String DESCRIPTOR_OBJECT_TYPE = "REPORT_PAYLOAD_DESCRIPTOR";

    private final PayloadRegistry registry = PayloadRegistry.standard();
    /** Required payload types per device type: when a reading has them all, no list of missing ones is built. */
    private final Map<DeviceType, Long> requiredCount = new EnumMap<>(DeviceType.class);
    private final DeviceDirectory devices;
    private final EventDirectory events;
    private final TelemetryConfig.Ingest config;
    private final Clock clock;

    public ReportValidator(DeviceDirectory devices, EventDirectory events, TelemetryConfig config, Clock clock) {
        this.devices = devices;
        this.events = events;
        this.config = config.ingest();
        this.clock = clock;
        for (DeviceType type : DeviceType.values()) {
            requiredCount.put(type, registry.specs(type).stream().filter(PayloadSpec::required).count());
        }
    }

    public Result validate(ParsedReport report, List<Violation> parseViolations, Sender sender) {
        Errors errors = new Errors(config.maxErrors());
        parseViolations.forEach(errors::add);
        if (report.clientName == null || report.clientName.isEmpty()) {
            errors.add("clientName", "required", "clientName is required");
        }
        if (!report.resourcesPresent || report.resources.isEmpty()) {
            errors.add("resources", "required", "resources must list at least one resource");
        }
        if (report.resources.size() > config.maxResources()) {
            errors.add("resources", "batch-size", "a report carries at most " + config.maxResources()
                    + " resources, this one " + report.resources.size());
        }
        if (report.readingCount > config.maxReadings()) {
            errors.add("resources", "batch-size", "a report carries at most " + config.maxReadings()
                    + " readings, this one " + report.readingCount);
        }
        if (errors.count > 0 && report.resources.size() > config.maxResources()) {
            return errors.result();
        }
        Map<String, ParsedReport.Descriptor> descriptors = descriptors(report, errors);
        Set<String> unitsChecked = new HashSet<>();
        Instant now = clock.instant();
        Instant oldest = now.minus(config.maxAge());
        Instant latest = now.plus(config.maxFuture());
        List<Reading> readings = new ArrayList<>(report.readingCount);
        Parsed parsed = new Parsed();
        for (ParsedReport.Resource resource : report.resources) {
            String path = "resources[" + resource.index + "]";
            DeviceDirectory.Device device = device(resource, path, sender, errors);
            if (resource.intervals.isEmpty()) {
                errors.add(path + ".intervals", "required", "intervals must list at least one interval");
                continue;
            }
            Instant resourceStart = resource.start == null ? null
                    : parsed.instant(resource.start, path, ".intervalPeriod.start", errors);
            String resourceDuration = parsed.duration(resource.duration, path, ".intervalPeriod.duration", errors);
            for (ParsedReport.Interval interval : resource.intervals) {
                String intervalPath = path + ".intervals[" + interval.index + "]";
                Instant start;
                String duration = interval.duration != null
                        ? parsed.duration(interval.duration, intervalPath, ".intervalPeriod.duration", errors)
                        : resourceDuration;
                if (interval.start != null) {
                    start = parsed.instant(interval.start, intervalPath, ".intervalPeriod.start", errors);
                } else if (resourceStart != null) {
                    start = offset(resourceStart, resourceDuration, interval.index);
                } else {
                    if (resource.start == null) {
                        errors.add(intervalPath, "intervalPeriod",
                                "no start: set intervalPeriod.start on the resource or the interval");
                    }
                    start = null;
                }
                if (start != null && (start.isBefore(oldest) || start.isAfter(latest))) {
                    errors.add(intervalPath, "start-range", "start " + start + " is outside the accepted window ("
                            + config.maxAge().toDays() + " days back, " + config.maxFuture().toHours() + " hours ahead)");
                }
                Map<String, Object> values = payloads(interval, intervalPath, device, descriptors, unitsChecked, errors);
                if (device != null && start != null && duration != null && errors.count == 0) {
                    readings.add(new Reading(device.id(), device.venId(), device.organizationId(),
                            device.deviceTypeName(), start, duration, values));
                }
            }
        }
        String programId = null;
        String utility = null;
        if (report.eventId != null) {
            EventDirectory.Event event = events.find(report.eventId).orElse(null);
            if (event == null || !event.reaches(sender.venId())) {
                // One message for "no such event" and "not yours": a VEN learns nothing about others' events.
                errors.add("eventID", "event", "no event " + report.eventId + " targets VEN " + sender.venId());
            } else {
                programId = event.programId();
                utility = event.organizationId();
            }
        }
        if (errors.count > 0) {
            return errors.result();
        }
        return new Result(readings, List.of(), report.eventId, programId, utility, 0, report.clientName);
    }

    private Map<String, ParsedReport.Descriptor> descriptors(ParsedReport report, Errors errors) {
        Map<String, ParsedReport.Descriptor> byType = new HashMap<>();
        for (ParsedReport.Descriptor d : report.descriptors) {
            String path = "payloadDescriptors[" + d.index() + "]";
            if (d.objectType() != null && !DESCRIPTOR_OBJECT_TYPE.equals(d.objectType())) {
                errors.add(path + ".objectType", "descriptor", "objectType must be " + DESCRIPTOR_OBJECT_TYPE);
            }
            if (d.payloadType() == null) {
                errors.add(path + ".payloadType", "required", "payloadType is required");
                continue;
            }
            if (!registry.isKnownReadingType(d.readingType())) {
                errors.add(path + ".readingType", "readingType", "readingType " + d.readingType()
                        + " is not one of " + String.join(", ", registry.readingTypes()) + " (or a private x- type)");
            }
            if (byType.putIfAbsent(d.payloadType(), d) != null) {
                errors.add(path + ".payloadType", "descriptor", d.payloadType() + " is described twice");
            }
        }
        return byType;
    }

    private DeviceDirectory.Device device(ParsedReport.Resource resource, String path, Sender sender, Errors errors) {
        if (resource.resourceName == null || resource.resourceName.isEmpty()) {
            errors.add(path + ".resourceName", "required", "resourceName is required");
            return null;
        }
        if (sender.topicResourceName() != null && !sender.topicResourceName().equals(resource.resourceName)) {
            errors.add(path + ".resourceName", "topic-resource", "resource " + resource.resourceName
                    + " does not match the topic's resource " + sender.topicResourceName());
            return null;
        }
        DeviceDirectory.Device device = devices.byVenAndName(sender.venId(), resource.resourceName).orElse(null);
        if (device == null || (sender.organizationId() != null && !sender.organizationId().equals(device.organizationId()))) {
            // The same answer for unknown and foreign resources: another VEN's device names stay private.
            errors.add(path + ".resourceName", "unknown-resource", "resource " + resource.resourceName
                    + " is not registered for VEN " + sender.venId());
            return null;
        }
        return device;
    }

    private Map<String, Object> payloads(ParsedReport.Interval interval, String intervalPath,
                                         DeviceDirectory.Device device, Map<String, ParsedReport.Descriptor> descriptors,
                                         Set<String> unitsChecked, Errors errors) {
        Map<String, Object> values = new LinkedHashMap<>();
        DeviceType type = device == null ? null : device.deviceType();
        int required = 0;
        if (interval.payloads.isEmpty()) {
            errors.add(intervalPath + ".payloads", "required", "payloads must list at least one payload");
        }
        for (ParsedReport.Payload payload : interval.payloads) {
            // Built only for a violation: most payloads have none, and this is per payload.
            int index = payload.index;
            Supplier<String> path = () -> intervalPath + ".payloads[" + index + "]";
            if (payload.type == null) {
                errors.add(path.get() + ".type", "required", "type is required");
                continue;
            }
            if (values.containsKey(payload.type)) {
                errors.add(path.get(), "duplicate-payload", payload.type + " appears twice in one interval");
                continue;
            }
            if (payload.values == null) {
                errors.add(path.get() + ".values", "values", payload.type + " values must be an array");
                continue;
            }
            if (payload.values.isEmpty()) {
                errors.add(path.get() + ".values", "values", payload.type + " values must not be empty");
                continue;
            }
            if (device == null) {
                continue;
            }
            PayloadSpec spec = type == null ? null : registry.spec(type, payload.type).orElse(null);
            Object value = spec != null ? checked(spec, payload, path, errors) : unlisted(type, device, payload, path, errors);
            values.put(payload.type, value);
            if (spec != null && spec.required()) {
                required++;
            }
            if (spec != null) {
                ParsedReport.Descriptor d = descriptors.get(payload.type);
                if (d != null && d.units() != null && unitsChecked.add(type + "/" + payload.type)
                        && !registry.unitsMatch(spec, d.units())) {
                    errors.add("payloadDescriptors[" + d.index() + "].units", "units", payload.type + " of a " + type
                            + " is measured in " + spec.unit() + ", not " + d.units() + " (use " + registry.unitWords(spec) + ")");
                }
            }
        }
        if (type != null && !interval.payloads.isEmpty() && required < requiredCount.get(type)) {
            for (String missing : registry.missingRequired(type, values.keySet())) {
                errors.add(intervalPath + ".payloads", "required-payload", "a " + type + " reading must include " + missing);
            }
        }
        return values;
    }

    /** A type the device's table does not list: OpenADR's own types and private x- types are allowed. */
    private Object unlisted(DeviceType type, DeviceDirectory.Device device, ParsedReport.Payload payload, Supplier<String> path,
                            Errors errors) {
        String name = payload.type;
        boolean textureNamespace = name.startsWith("x-telemetry:") || name.startsWith("x-capacity:")
                || name.startsWith("x-static:");
        if (textureNamespace && type != null) {
            errors.add(path.get() + ".type", "payload-type", name + " is not a " + type + " payload type");
        } else if (!registry.isOpenadrReportType(name) && !name.startsWith("x-")) {
            errors.add(path.get() + ".type", "payload-type", name + " is not a known payload type");
        } else if (payload.values.contains(ParsedReport.OTHER)) {
            errors.add(path.get() + ".values", "type", name + " values must be numbers, strings or booleans");
        }
        return payload.values.size() == 1 ? payload.values.get(0) : List.copyOf(payload.values);
    }

    private Object checked(PayloadSpec spec, ParsedReport.Payload payload, Supplier<String> path, Errors errors) {
        String name = spec.type();
        if (spec.kind() == PayloadSpec.Kind.STRING_ARRAY) {
            for (Object v : payload.values) {
                if (!(v instanceof String)) {
                    errors.add(path.get() + ".values", "type", name + " values must be strings, not " + render(v));
                    break;
                }
            }
            return List.copyOf(payload.values);
        }
        if (payload.values.size() != 1) {
            errors.add(path.get() + ".values", "values", name + " takes exactly one value, not " + payload.values.size());
            return null;
        }
        Object v = payload.values.get(0);
        switch (spec.kind()) {
            case NUMBER -> {
                if (v instanceof Number n) {
                    bounds(spec, n.doubleValue(), path, errors);
                } else {
                    errors.add(path.get(), "type", name + " must be a number, not " + render(v));
                }
            }
            case INTEGER -> {
                if (v instanceof Long || (v instanceof Double d && d == Math.rint(d) && !d.isInfinite())) {
                    bounds(spec, ((Number) v).doubleValue(), path, errors);
                } else {
                    errors.add(path.get(), "type", name + " must be an integer, not " + render(v));
                }
            }
            case BOOLEAN -> {
                if (!(v instanceof Boolean)) {
                    errors.add(path.get(), "type", name + " must be true or false, not " + render(v));
                }
            }
            case ENUM -> {
                if (!(v instanceof String s) || !spec.allowed().contains(s)) {
                    errors.add(path.get(), "enum", name + " " + render(v) + " is not one of " + String.join(", ", spec.allowed()));
                }
            }
            case DATETIME -> {
                if (!(v instanceof String s) || !isDateTime(s)) {
                    errors.add(path.get(), "type", name + " must be an RFC 3339 date-time, not " + render(v));
                }
            }
            case STRING -> {
                if (!(v instanceof String)) {
                    errors.add(path.get(), "type", name + " must be a string, not " + render(v));
                }
            }
            default -> throw new IllegalStateException("unhandled kind " + spec.kind());
        }
        return v;
    }

    private static void bounds(PayloadSpec spec, double value, Supplier<String> path, Errors errors) {
        String violation = spec.boundsViolation(value);
        if (violation != null) {
            errors.add(path.get(), spec.maximum() != null && value > spec.maximum() ? "maximum" : "minimum", violation);
        }
    }

    private static String render(Object v) {
        return v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
    }

    private static boolean isDateTime(String text) {
        try {
            Timestamps.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /**
     * Starts and durations as one report's resources give them: parsed (or checked) once per distinct text in a
     * row, since a fleet's report usually gives every resource the same start and duration; a text that
     * differs from the previous one is parsed on its own.
     */
    private static final class Parsed {
        private String startText;
        private Instant start;
        private String validDuration;

        /** {@link Instant#parse} reads offsets too (RFC 3339); {@link Timestamps} has its fast path for UTC. */
        Instant instant(String text, String path, String field, Errors errors) {
            if (text.equals(startText)) {
                return start;
            }
            try {
                Instant parsed = Timestamps.parse(text);
                startText = text;
                start = parsed;
                return parsed;
            } catch (DateTimeParseException e) {
                errors.add(path + field, "intervalPeriod", "start \"" + text + "\" is not an RFC 3339 date-time");
                return null;
            }
        }

        String duration(String text, String path, String field, Errors errors) {
            if (text == null) {
                return "PT0S";
            }
            if (text.equals(validDuration)) {
                return text;
            }
            if (!IsoDuration.isValid(text) || text.startsWith("-")) {
                errors.add(path + field, "intervalPeriod", "duration \"" + text + "\" is not an ISO 8601 duration");
                return null;
            }
            validDuration = text;
            return text;
        }
    }

    /** Interval n of a resource whose intervalPeriod gives the first start: start + n × duration. */
    private static Instant offset(Instant start, String duration, int n) {
        if (n == 0 || duration == null) {
            return start;
        }
        IsoDuration d = IsoDuration.parse(duration);
        OffsetDateTime at = start.atOffset(ZoneOffset.UTC);
        for (int i = 0; i < n; i++) {
            at = d.addTo(at);
        }
        return at.toInstant();
    }

    private static final class Errors {
        private final int max;
        private final List<Violation> listed = new ArrayList<>();
        private int count;

        Errors(int max) {
            this.max = max;
        }

        void add(String field, String rule, String message) {
            add(new Violation(field, rule, message));
        }

        void add(Violation violation) {
            count++;
            if (listed.size() < max) {
                listed.add(violation);
            }
        }

        Result result() {
            return new Result(List.of(), List.copyOf(listed), null, null, null, count, null);
        }
    }
}
