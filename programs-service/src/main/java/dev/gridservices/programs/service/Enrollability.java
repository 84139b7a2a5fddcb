package dev.gridservices.programs.service;

import dev.gridservices.programs.repository.InstanceStatus;
import dev.gridservices.programs.repository.ProgramInstance;
import java.time.OffsetDateTime;

/**
 * The one rule for "may a customer enroll into this instance now?": the instance is active (not
 * inactive, not archived), its program is active, and neither has ended. Published with every instance
 * event and returned as {@code acceptingEnrollments}, so enrollment-service does not re-derive it.
 */
public final class Enrollability {

    private Enrollability() {
    }

    public static boolean acceptsEnrollments(ProgramInstance instance, OffsetDateTime now) {
        return InstanceStatus.ACTIVE.value().equals(instance.status)
                && instance.program.active
                && (instance.endDate == null || instance.endDate.isAfter(now))
                && (instance.program.endTime == null || instance.program.endTime.isAfter(now));
    }
}
