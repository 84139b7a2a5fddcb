package dev.gridservices.enrollment.mapping;

import java.time.OffsetDateTime;
import java.util.Map;

/** A lead as GET /v1/leads lists it. */
public record LeadView(String id, String email, String firstName, String lastName, String phone, String address1,
                       String address2, String city, String state, String postalCode, String country,
                       Map<String, Object> metadata, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
