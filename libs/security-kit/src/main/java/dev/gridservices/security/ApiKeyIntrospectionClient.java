package dev.gridservices.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.DefaultBean;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;

/**
 * Asks auth-service whether an API key is live. Answers, live or not, are cached for 5 s (the cache's
 * {@code expire-after-write}), so a revoked key stops working within seconds without one call per
 * request; failures are not cached.
 */
@ApplicationScoped
@DefaultBean
class ApiKeyIntrospectionClient implements ApiKeyIntrospector {

    static final String CACHE = "api-key-introspection";
    static final String PATH = "/internal/api-keys/introspect";

    private final WebClient client;
    private final ObjectMapper mapper;
    private final Cache cache;
    private final String url;
    private final long timeoutMillis;
    private final ServiceCredential credential;

    ApiKeyIntrospectionClient(Vertx vertx, ObjectMapper mapper, SecurityKitConfig config, @CacheName(CACHE) Cache cache,
                              ServiceCredential credential) {
        this.client = WebClient.create(vertx);
        this.mapper = mapper;
        this.cache = cache;
        this.url = config.url().replaceAll("/+$", "") + PATH;
        this.timeoutMillis = config.timeout().toMillis();
        this.credential = credential;
    }

    @Override
    public Uni<ApiKeyIntrospection> introspect(String key) {
        return cache.getAsync(key, this::call);
    }

    private Uni<ApiKeyIntrospection> call(String key) {
        return client.postAbs(url)
                .putHeader(ServiceCredential.HEADER, credential.value().orElse(""))
                .timeout(timeoutMillis)
                .sendJsonObject(new JsonObject().put("key", key))
                .map(this::read)
                .onFailure(e -> !(e instanceof AuthServiceUnavailableException))
                .transform(e -> new AuthServiceUnavailableException("API key introspection failed: " + e, e));
    }

    private ApiKeyIntrospection read(HttpResponse<?> response) {
        if (response.statusCode() != 200) {
            throw new AuthServiceUnavailableException("API key introspection answered " + response.statusCode(), null);
        }
        try {
            return mapper.readValue(response.bodyAsString(), ApiKeyIntrospection.class);
        } catch (IOException e) {
            throw new AuthServiceUnavailableException("API key introspection answer unreadable", e);
        }
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
