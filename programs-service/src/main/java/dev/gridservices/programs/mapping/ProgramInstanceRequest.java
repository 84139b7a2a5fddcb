package dev.gridservices.programs.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gridservices.programs.repository.InstanceStatus;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of the instance writes (POST /v1/programInstances, POST /v1/programs/{slug}/instances,
 * POST /v1/programs/{slug}, PATCH /v1/programInstances/{id}). The two seed documents name some fields
 * differently; both names are accepted: title/name, programTerms/customTerms, metadata/customFields.
 */
@Schema(name = "ProgramInstanceBody")
public record ProgramInstanceRequest(
        @Schema(description = "Required on POST /v1/programInstances only") String programSlug,
        @Size(max = 128) @Pattern(regexp = ProgramMapper.SLUG_PATTERN,
                message = "must be URL safe: letters, digits, '-' or '_', starting with a letter or digit")
        String slug,
        @Size(max = 255) String title,
        @Size(max = 255) @Schema(description = "Same as title") String name,
        @Size(max = 20000) String description,
        @Schema(description = "Eligibility rules: a JSON object (or a plain text string)") JsonNode eligibilityCriteria,
        @Size(max = 20000) String programTerms,
        @Size(max = 20000) @Schema(description = "Same as programTerms") String customTerms,
        @Schema(description = "Enrollment form configuration (JSON object)") JsonNode formConfig,
        @Size(max = 2048) String logoUrl,
        OffsetDateTime startDate,
        OffsetDateTime endDate,
        InstanceStatus status,
        @Schema(description = "Custom fields (JSON object)") JsonNode metadata,
        @Schema(description = "Same as metadata") JsonNode customFields) {
}
