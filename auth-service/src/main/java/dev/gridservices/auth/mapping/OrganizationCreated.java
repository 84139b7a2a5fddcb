package dev.gridservices.auth.mapping;

import dev.gridservices.auth.repository.Organization;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The 201 answer of {@code POST /v1/organization}. */
public record OrganizationCreated(
        @Schema(required = true) String id,
        @Schema(required = true) String name,
        @Schema(required = true) String domain,
        @Schema(nullable = true) String logo,
        @Schema(nullable = true) String industry,
        @Schema(required = true) String preferredTemperatureUnit,
        @Schema(required = true, enumeration = {"utility", "oem"}) String kind,
        @Schema(required = true) String createdAt) {

    public static OrganizationCreated of(Organization o) {
        return new OrganizationCreated(o.id.toString(), o.name, o.domain, o.logo, o.industry,
                o.preferredTemperatureUnit, o.kind, o.createdAt.toString());
    }
}
