package dev.gridservices.auth.mapping;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The only answer that ever carries the key. */
public record ApiKeyCreated(@Schema(description = "Shown once; only its hash is kept") String key, ApiKeyView apiKey) {
}
