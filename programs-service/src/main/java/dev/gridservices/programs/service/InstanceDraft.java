package dev.gridservices.programs.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gridservices.programs.repository.InstanceStatus;
import java.time.OffsetDateTime;

/**
 * A program instance's writable fields, validated by the REST mapper. For a create, null means "not
 * given"; for a PATCH, null means "leave unchanged".
 */
public record InstanceDraft(String slug,
                            String title,
                            String description,
                            JsonNode eligibilityCriteria,
                            String programTerms,
                            JsonNode formConfig,
                            String logoUrl,
                            OffsetDateTime startDate,
                            OffsetDateTime endDate,
                            InstanceStatus status,
                            JsonNode metadata) {
}
