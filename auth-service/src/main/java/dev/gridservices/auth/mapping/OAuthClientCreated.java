package dev.gridservices.auth.mapping;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The only answer that ever carries the client secret. */
public record OAuthClientCreated(
        @Schema(description = "Shown once; only its hash is kept") String clientSecret,
        String secretId,
        OAuthClientView client) {
}
