package dev.gridservices.auth.mapping;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /v1/organization}, as in the core API. */
public record OrganizationCreate(
        @Schema(description = "The name of the organization", required = true)
        @NotBlank @Size(max = 200) String name,
        @Schema(description = "The domain of the organization (e.g. 'example.com')", required = true)
        @NotBlank @Size(max = 253)
        @Pattern(regexp = "^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}$",
                message = "must be a domain name such as example.com") String domain,
        @Schema(description = "URL to the organization's logo", format = "uri")
        @Size(max = 2048) @Pattern(regexp = "^https?://\\S+$", message = "must be an http(s) URI") String logo,
        @Schema(description = "The industry of the organization")
        @Size(max = 200) String industry,
        @Schema(description = "The preferred temperature unit for the organization", enumeration = {"FAHRENHEIT", "CELSIUS"})
        @Pattern(regexp = "^(FAHRENHEIT|CELSIUS)$", message = "must be FAHRENHEIT or CELSIUS") String preferredTemperatureUnit,
        @Schema(description = "utility (programs, events) or oem (VENs, devices, reports); fixed at creation",
                enumeration = {"utility", "oem"}, required = true)
        @NotNull @Pattern(regexp = "^(utility|oem)$", message = "must be utility or oem") String kind) {
}
