package dev.gridservices.enrollment.mapping;

import java.time.OffsetDateTime;
import java.util.List;

/** A device enrollment as its OEM sees it (Direct API). {@code history} only on GET by id. */
public record DirectEnrollmentView(String id, String resourceID, String resourceName, String venID, String siteID,
                                   String programID, String programInstanceId, String state, String stateReason,
                                   Consent consent, List<Step> history, OffsetDateTime createdAt,
                                   OffsetDateTime updatedAt) {

    public record Consent(boolean optIn, OffsetDateTime timestamp, String source, String termsVersion,
                          List<String> scope, OffsetDateTime revokedAt) {
    }

    public record Step(String from, String to, String cause, String actor, String detail, OffsetDateTime occurredAt) {
    }
}
