package dev.gridservices.auth.mapping;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gridservices.auth.repository.Organization;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of {@code GET /v1/organization}, as in the core API (no OEM specifics are configured yet). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrganizationView(
        @Schema(required = true) String name,
        @Schema(required = true) String domain,
        @Schema(format = "uri") String logo,
        @Schema(format = "uri") String url,
        String industry,
        @Schema(required = true) String preferredTemperatureUnit) {

    public static OrganizationView of(Organization o) {
        return new OrganizationView(o.name, o.domain, o.logo, o.url, o.industry, o.preferredTemperatureUnit);
    }
}
