package dev.gridservices.programs.mapping;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A program instance in the core API: the union of both seed documents' fields (aliases carry the same
 * value) plus {@code acceptingEnrollments}, the platform's answer to "may a customer enroll now?".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ProgramInstance")
public record ProgramInstanceView(
        @Schema(required = true, example = "cllgn0u4r000008l7eazybfbo") String id,
        @Schema(required = true) String programId,
        @Schema(required = true) String programSlug,
        @Schema(required = true) ProgramView program,
        @Schema(required = true) String slug,
        @Schema(required = true) String title,
        @Schema(description = "Same as title") String name,
        String description,
        JsonNode eligibilityCriteria,
        String programTerms,
        @Schema(description = "Same as programTerms") String customTerms,
        JsonNode formConfig,
        String logoUrl,
        OffsetDateTime startDate,
        OffsetDateTime endDate,
        @Schema(enumeration = {"active", "inactive", "archived"}) String status,
        @Schema(description = "True when the instance is active, its program is active and neither has ended; "
                + "an archived or inactive instance accepts no enrollments") boolean acceptingEnrollments,
        JsonNode metadata,
        @Schema(description = "Same as metadata") JsonNode customFields,
        String organizationId,
        String workspaceId,
        @Schema(required = true) OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {
}
