package dev.gridservices.auth.mapping;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gridservices.auth.repository.Organization;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of {@code GET /v1/organization}, as in the core API plus the organization's kind. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrganizationView(
        @Schema(required = true) String name,
        @Schema(required = true) String domain,
        @Schema(format = "uri") String logo,
        @Schema(format = "uri") String url,
        String industry,
        @Schema(required = true) String preferredTemperatureUnit,
        @Schema(required = true, enumeration = {"utility", "oem"}) String kind) {

    public static OrganizationView of(Organization o) {
        return new OrganizationView(o.name, o.domain, o.logo, o.url, o.industry, o.preferredTemperatureUnit, o.kind);
    }
}
