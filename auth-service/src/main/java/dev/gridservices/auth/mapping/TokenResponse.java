package dev.gridservices.auth.mapping;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** RFC 6749 §5.1 (snake case, as the OpenADR clientCredentialResponse). No refresh token, ever. */
public record TokenResponse(
        @JsonProperty("access_token") @Schema(required = true) String accessToken,
        @JsonProperty("token_type") @Schema(required = true, enumeration = "Bearer") String tokenType,
        @JsonProperty("expires_in") long expiresIn,
        @JsonProperty("scope") String scope) {
}
