package dev.gridservices.openadr.enrollment;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * What a read model keeps of one {@code enrollment.changed} record, read the same way by every consumer
 * (device-service's enrollment view, dispatch-service's targeting). Topic contract (producer:
 * enrollment-service {@code EnrollmentEvents}): key = device id (an enrollment without a device: its id); value =
 * the outbox library's envelope {@code {id, type: "enrollment.created|updated|ended", version: 1, tenant:
 * utilityOrganizationId, aggregateVersion: sequence, payload}} whose payload is the enrollment's whole current
 * state. A consumer keeps, per {@link #enrollmentId}, the change with the highest {@link #sequence}.
 * Text fields that are absent, null, blank or not a value read as null.
 *
 * @param changedAt when the change happened; null when absent or unreadable (a read model ordered by
 *                  {@code sequence} may use the envelope's time instead)
 */
public record EnrollmentChange(String enrollmentId, long sequence, String state, String programId,
                               String openadrProgramId, String programInstanceId, String utilityOrganizationId,
                               String oemOrganizationId, String venId, String deviceId, String resourceName,
                               boolean ended, OffsetDateTime changedAt) {

    public static final String TOPIC = "enrollment.changed";
    public static final String TYPE_PREFIX = "enrollment.";
    public static final int ENVELOPE_VERSION = 1;
    /** Lifecycle states in which an enrolled device counts and is dispatched to (direct-api-v2 §10.4). */
    public static final Set<String> LIVE_STATES = Set.of("enrolled", "active");

    /**
     * The change an envelope of {@code type} and {@code version} carries.
     *
     * @throws IllegalArgumentException naming what is wrong: not an {@code enrollment.*} v1 envelope, or a payload
     *                                  without {@code enrollmentId}, {@code utilityOrganizationId} or a positive
     *                                  {@code sequence}
     */
    public static EnrollmentChange of(String type, int version, JsonNode payload) {
        if (type == null || !type.startsWith(TYPE_PREFIX) || version != ENVELOPE_VERSION || payload == null
                || !payload.isObject()) {
            throw new IllegalArgumentException("not an " + TYPE_PREFIX + "* v" + ENVELOPE_VERSION + " envelope");
        }
        String enrollmentId = text(payload, "enrollmentId");
        String utility = text(payload, "utilityOrganizationId");
        JsonNode sequence = payload.path("sequence");
        if (enrollmentId == null || utility == null || !sequence.canConvertToLong() || sequence.asLong() < 1) {
            throw new IllegalArgumentException("an enrollment change without enrollmentId, utilityOrganizationId "
                    + "or a positive sequence");
        }
        return new EnrollmentChange(enrollmentId, sequence.asLong(), text(payload, "state"), text(payload, "programId"),
                text(payload, "openadrProgramId"), text(payload, "programInstanceId"), utility,
                text(payload, "oemOrganizationId"), text(payload, "venId"), text(payload, "deviceId"),
                text(payload, "resourceName"), payload.path("ended").asBoolean(false), time(payload.get("changedAt")));
    }

    /** Whether the device counts in its program: state enrolled or active, and the enrollment not ended. */
    public static boolean live(String state, boolean ended) {
        return !ended && state != null && LIVE_STATES.contains(state);
    }

    public boolean live() {
        return live(state, ended);
    }

    private static String text(JsonNode payload, String field) {
        JsonNode v = payload.get(field);
        return v == null || !v.isValueNode() || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }

    private static OffsetDateTime time(JsonNode value) {
        if (value == null || !value.isTextual()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
