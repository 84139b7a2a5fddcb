package dev.gridservices.auth.service;

import dev.gridservices.security.ApiKeyIntrospection;
import dev.gridservices.security.ApiKeyIntrospector;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * auth-service answers API-key questions from its own database instead of calling itself over HTTP:
 * the security kit authenticates admin calls here exactly as it does in every other service, and a revoked
 * key stops working here at once (no cache).
 */
@ApplicationScoped
public class LocalApiKeyIntrospector implements ApiKeyIntrospector {

    private final ApiKeyService apiKeys;

    public LocalApiKeyIntrospector(ApiKeyService apiKeys) {
        this.apiKeys = apiKeys;
    }

    @Override
    public Uni<ApiKeyIntrospection> introspect(String key) {
        return apiKeys.introspect(key);
    }
}
