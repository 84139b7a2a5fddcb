package dev.gridservices.enrollment.mapping;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * Core API schema Enrollment, plus what a device enrollment adds for the utility ({@code kind},
 * {@code programId}, {@code state}): the enrolled device's summary is in {@code devices}, nothing more of the OEM.
 */
public record EnrollmentView(String id, String kind, String identificationType, String leadId, String customerId,
                             String firstName, String lastName, String email, String phone,
                             List<String> manufacturerSlugs, Map<String, Object> meta, String serialNumber,
                             String referenceId, String referenceDescription, String programInstanceId,
                             String programId, OffsetDateTime enrollmentStartDate, List<String> tags,
                             List<Device> devices, Address address, Eligibility eligibility, String state,
                             OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    public record Device(String id, String type) {
    }

    public record Eligibility(String status, String reason, String programInstanceId) {
    }
}
