package dev.gridservices.auth.mapping;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** RFC 6749 §5.2 error body (the OpenADR authError schema). */
public record TokenErrorBody(
        @Schema(required = true, enumeration = {"invalid_request", "invalid_client", "invalid_grant",
                "invalid_scope", "unauthorized_client", "unsupported_grant_type"}) String error,
        @JsonProperty("error_description") String errorDescription) {
}
