package dev.gridservices.enrollment.mapping;

/** Body of PUT /v1/enrollments/{id}/status. */
public record StatusInput(String status, String reason) {
}
