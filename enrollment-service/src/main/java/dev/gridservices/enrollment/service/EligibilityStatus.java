package dev.gridservices.enrollment.service;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The core API's eligibility statuses (schema Eligibility) and the moves PUT /v1/enrollments/{id}/status
 * may make. The spec lists the statuses but not the moves; these follow the review flow it implies:
 * candidate → eligible/ineligible → submitted → approved/rejected, and unenrolling → unenrolled to leave.
 * unenrolled is final.
 */
public enum EligibilityStatus {
    CANDIDATE, ELIGIBLE, INELIGIBLE, SUBMITTED, APPROVED, REJECTED, UNENROLLING, UNENROLLED;

    private static final Map<EligibilityStatus, Set<EligibilityStatus>> NEXT = Map.of(
            CANDIDATE, EnumSet.of(ELIGIBLE, INELIGIBLE, SUBMITTED, UNENROLLING),
            ELIGIBLE, EnumSet.of(INELIGIBLE, SUBMITTED, UNENROLLING),
            INELIGIBLE, EnumSet.of(CANDIDATE, ELIGIBLE, UNENROLLED),
            SUBMITTED, EnumSet.of(APPROVED, REJECTED, UNENROLLING),
            APPROVED, EnumSet.of(UNENROLLING),
            REJECTED, EnumSet.of(CANDIDATE, ELIGIBLE, UNENROLLED),
            UNENROLLING, EnumSet.of(UNENROLLED),
            UNENROLLED, EnumSet.noneOf(EligibilityStatus.class));

    public boolean canMoveTo(EligibilityStatus next) {
        return NEXT.get(this).contains(next);
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EligibilityStatus ofWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    public static Optional<EligibilityStatus> parse(String value) {
        for (EligibilityStatus s : values()) {
            if (s.wire().equals(value)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
