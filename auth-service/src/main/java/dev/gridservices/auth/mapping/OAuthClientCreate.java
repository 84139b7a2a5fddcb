package dev.gridservices.auth.mapping;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record OAuthClientCreate(
        @NotBlank @Size(max = 200) String name,
        @Schema(description = "Scopes the client may request; see README for the known set")
        @NotEmpty @Size(max = 20) List<@NotBlank String> scopes,
        @Schema(description = "The VEN this client acts as (OEM organizations only): a VEN id the VEN registry "
                + "(device-service) assigned to this organization; written into its tokens as ven_id")
        @Size(max = 128) @Pattern(regexp = "^[A-Za-z0-9._-]+$", message = "must be a VEN id") String venId,
        @Schema(description = "Confine the client to one workspace of the organization")
        UUID workspaceId,
        @Schema(description = "Algorithm of this client's access tokens", enumeration = {"ES256", "RS256"},
                defaultValue = "ES256")
        @Pattern(regexp = "^(ES256|RS256)$", message = "must be ES256 or RS256") String tokenSigningAlg) {
}
