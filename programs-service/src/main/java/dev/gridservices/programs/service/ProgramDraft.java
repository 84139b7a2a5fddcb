package dev.gridservices.programs.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gridservices.openadr.ValuesMap;
import dev.gridservices.programs.repository.ProgramType;
import dev.gridservices.programs.repository.Visibility;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A program as either API describes it, already validated by that API's mapper: the one model behind
 * POST /v1/programs and POST/PUT /v2/programs.
 */
public record ProgramDraft(String slug,
                           String name,
                           String description,
                           List<String> states,
                           boolean active,
                           Visibility visibility,
                           ProgramType programType,
                           Integer year,
                           OffsetDateTime startTime,
                           OffsetDateTime endTime,
                           String intervalDuration,
                           String randomizeStart,
                           List<String> descriptionUrls,
                           List<JsonNode> payloadDescriptors,
                           List<ValuesMap> extraAttributes,
                           List<String> targets) {
}
