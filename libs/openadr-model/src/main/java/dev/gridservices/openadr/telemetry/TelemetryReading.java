package dev.gridservices.openadr.telemetry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;

/**
 * One telemetry value: the payload of a {@value #TYPE} (version {@value #VERSION}) envelope on the Kafka
 * topic {@value #TOPIC}, produced by telemetry-ingest-service for every resource × interval × payload type
 * of an accepted report (one value per record, so consumers need no payload-map parsing and the topic's
 * key, {@code deviceId}, orders one device's readings).
 *
 * @param deviceId       the device (= OpenADR resource) id, {@code res_…}; the record key. Required.
 * @param resourceName   the resource's name within its VEN, as reported
 * @param venId          the VEN that reported it. Required.
 * @param organizationId the owning organization (also the envelope's tenant). Required.
 * @param deviceType     x-static:DEVICE_TYPE of the device (BATTERY, THERMOSTAT, …)
 * @param payloadType    report payload type (STORAGE_CHARGE_LEVEL, x-telemetry:CHARGING_STATE, …). Required.
 * @param value          the value: number, string or boolean, as reported. Required.
 * @param unit           unit, when the report's payload descriptor gives one
 * @param readingType    OpenADR readingType (DIRECT_READ, ESTIMATED, …), when given
 * @param start          interval start. Required.
 * @param duration       interval duration (ISO 8601), when given
 * @param eventId        the event the report answers, when it does
 * @param reportId       the report it came from
 * @param receivedAt     when telemetry-ingest accepted the report. Required.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TelemetryReading(String deviceId,
                               String resourceName,
                               String venId,
                               String organizationId,
                               String deviceType,
                               String payloadType,
                               JsonNode value,
                               String unit,
                               String readingType,
                               OffsetDateTime start,
                               String duration,
                               String eventId,
                               String reportId,
                               OffsetDateTime receivedAt) {

    public static final String TOPIC = "telemetry.raw";
    public static final String TYPE = "telemetry.reading";
    public static final int VERSION = 1;

    /** The first required field that is missing, or null when the record is complete. */
    public String missingField() {
        if (isBlank(deviceId)) {
            return "deviceId";
        } else if (isBlank(venId)) {
            return "venId";
        } else if (isBlank(organizationId)) {
            return "organizationId";
        } else if (isBlank(payloadType)) {
            return "payloadType";
        } else if (value == null || value.isNull()) {
            return "value";
        } else if (start == null) {
            return "start";
        } else if (receivedAt == null) {
            return "receivedAt";
        }
        return null;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
