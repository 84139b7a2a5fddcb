package dev.gridservices.enrollment.mapping;

import com.fasterxml.jackson.databind.JsonNode;

/** Body of PATCH /v1/enrollments/{id}/metadata: keys to add or replace; values are strings (spec). */
public record MetadataInput(JsonNode metadata) {
}
