package dev.gridservices.enrollment.mapping;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * Core API schema EnrollmentInput: the union of its four shapes, told apart by {@code identificationType}
 * (customerInfo, customerId, enrollmentId, leadId); which fields each requires is checked by the service.
 */
public record EnrollmentInput(String identificationType, String firstName, String lastName, String email,
                              Address address, String phone, List<String> manufacturerSlugs,
                              Map<String, Object> meta, String serialNumber, String referenceId,
                              String referenceDescription, List<String> tags, OffsetDateTime enrollmentStartDate,
                              EligibilityInput eligibility, String customerId, String enrollmentId, String leadId) {

    /** An initial eligibility the caller sets instead of the computed one. */
    public record EligibilityInput(String status, String reason) {
    }
}
