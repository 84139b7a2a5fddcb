package dev.gridservices.security;

import io.smallrye.mutiny.Uni;

/**
 * Tells whether an API key is live and what it may do. Every service uses the kit's default, which asks
 * auth-service over HTTP (cached 5 s); auth-service itself provides a bean of its own that reads its
 * database, so its admin endpoints go through the same authentication mechanism as everyone else's.
 */
public interface ApiKeyIntrospector {

    /** The answer for {@code key}; fails with {@link AuthServiceUnavailableException} when it cannot be known. */
    Uni<ApiKeyIntrospection> introspect(String key);
}
