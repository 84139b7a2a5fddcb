package dev.gridservices.programs.mapping;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A program's offers: to every OEM organization, and/or to the named ones (ordered by id). */
@Schema(name = "ProgramOffers")
public record ProgramOffersView(
        @Schema(required = true) String programId,
        @Schema(required = true) String programSlug,
        @Schema(required = true, description = "Offered to every OEM organization") boolean allOems,
        @Schema(required = true, description = "OEM organizations it is offered to by name") List<String> organizationIds) {
}
