package dev.gridservices.programs.mapping;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A program in the core API (/v1): the spec's Program schema plus id, type, visibility and timestamps. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Program")
public record ProgramView(
        @Schema(description = "CUID of the program; also its OpenADR program id (/v2/programs/{id})") String id,
        @Schema(required = true, example = "nyc-battery-program-2025") String slug,
        @Schema(required = true, example = "NYC Battery Program 2025") String name,
        @Schema(required = true) String description,
        @Schema(required = true, example = "[\"NY\", \"NJ\"]") List<String> states,
        @Schema(required = true) boolean active,
        @Schema(enumeration = {"public", "private"}) String visibility,
        @Schema(required = true, nullable = true, example = "2025") @JsonInclude(JsonInclude.Include.ALWAYS) Integer year,
        OffsetDateTime startTime,
        OffsetDateTime endTime,
        @Schema(enumeration = {"demand_response", "grid_services", "rebate", "energy_efficiency", "vpp",
                "time_of_use"}) String programType,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {
}
