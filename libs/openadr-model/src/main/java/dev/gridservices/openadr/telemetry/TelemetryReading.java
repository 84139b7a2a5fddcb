package dev.gridservices.openadr.telemetry;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * The payload of one {@code telemetry.raw} record: one resource × one interval of a report, after
 * validation. Topic contract: key = {@link #deviceId} (the resource id {@code res_…}); value = the
 * outbox library's envelope {@code {id, type: "telemetry.reading", version: 1, occurredAt, tenant:
 * organizationId, payload: this}}. {@code payloads} maps a payload type to its value: a number, string or
 * boolean, or a list of strings for the array types ({@code x-telemetry:ALLOWED_MODES}).
 *
 * @param start    RFC 3339 start of the interval
 * @param duration ISO 8601 duration of the interval ({@code PT0S} for a point-in-time reading)
 * @param eventId  the event the report answers, or null for routine telemetry
 * @param programId the program of that event, or null
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TelemetryReading(String deviceId, String venId, String organizationId, String deviceType,
                               String start, String duration, String eventId, String programId, String reportId,
                               Map<String, Object> payloads, Instant receivedAt) {

    public static final String TOPIC = "telemetry.raw";
    public static final String ENVELOPE_TYPE = "telemetry.reading";
    public static final int ENVELOPE_VERSION = 1;
}
