package dev.gridservices.programs.mapping;

import dev.gridservices.programs.repository.ProgramType;
import dev.gridservices.programs.repository.Visibility;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of POST /v1/programs (programs.md, "Creating a Private Program"). */
@Schema(name = "CreateProgramBody")
public record CreateProgramRequest(
        @NotBlank @Size(max = 128) @Pattern(regexp = ProgramMapper.SLUG_PATTERN,
                message = "must be URL safe: letters, digits, '-' or '_', starting with a letter or digit")
        @Schema(required = true, example = "utility-xyz-battery-peak-shaving") String slug,
        @NotBlank @Size(max = 255) @Schema(required = true) String name,
        @Size(max = 20000) String description,
        @Schema(description = "US two-letter state codes", example = "[\"CA\"]") List<String> states,
        @Schema(defaultValue = "true") Boolean active,
        @Schema(defaultValue = "private") Visibility visibility,
        ProgramType programType,
        @Min(1900) @Max(2200) Integer year,
        OffsetDateTime startTime,
        OffsetDateTime endTime,
        @Schema(description = "The organization the program is for: a utility may name only its own; the platform "
                + "admin names the organization it creates a program for (without it, the platform owns the program)")
        String organizationId) {
}
