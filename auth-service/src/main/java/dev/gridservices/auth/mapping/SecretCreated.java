package dev.gridservices.auth.mapping;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record SecretCreated(
        String clientId,
        String secretId,
        @Schema(description = "Shown once; only its hash is kept") String clientSecret,
        String createdAt,
        @Schema(description = "When the previous secret(s) stop working unless revoked sooner") String previousSecretsExpireAt) {
}
