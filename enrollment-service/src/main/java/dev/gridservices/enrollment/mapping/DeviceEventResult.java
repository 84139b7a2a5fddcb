package dev.gridservices.enrollment.mapping;

import java.util.List;

/**
 * What a change event did: {@code applied} (at least one enrollment changed), {@code stale} (older than what
 * each enrollment already reflects), {@code unchanged} (nothing to do in the enrollments' states), or
 * {@code no_enrollment}; {@code replayed} when the event id was seen.
 */
public record DeviceEventResult(String eventId, String type, String resourceID, String outcome, boolean replayed,
                                List<EnrollmentState> enrollments) {

    public record EnrollmentState(String id, String programID, String state) {
    }
}
