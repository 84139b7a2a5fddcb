package dev.gridservices.programs.mapping;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of POST /v1/programs/{programSlug}/offers: named OEM organizations, every OEM organization, or both. */
@Schema(name = "ProgramOfferBody")
public record OfferRequest(
        @Size(max = 100) @Schema(description = "OEM organizations to offer the program to (at most 100 per request)",
                example = "[\"9b2f6a8e-5c1d-4e3f-8a7b-1c2d3e4f5a6b\"]")
        List<@NotBlank @Size(max = 128) String> organizationIds,
        @Schema(description = "true: offer it to every OEM organization", defaultValue = "false") Boolean allOems) {
}
