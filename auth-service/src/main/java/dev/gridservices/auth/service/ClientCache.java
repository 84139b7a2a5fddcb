package dev.gridservices.auth.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.gridservices.auth.config.AuthConfig;
import dev.gridservices.auth.repository.ClientSecret;
import dev.gridservices.auth.repository.OAuthClient;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What the token endpoint needs to know about a client (including its secret hashes), kept for
 * {@code auth.clients.cache-ttl} so that the hot path does not query the database. Changes made through
 * this replica invalidate the entry at once; another replica's changes (revocation, suspension, secret
 * revocation) reach this one within the TTL. Secret expiry is evaluated per request, never cached.
 */
@ApplicationScoped
public class ClientCache {

    /** An immutable copy of a client row and its secrets. */
    public record Snapshot(String clientId, UUID organizationId, UUID workspaceId, String venId, Set<String> scopes,
                           OAuthClient.Status status, List<SecretHash> secrets) {
    }

    public record SecretHash(String hash, Instant expiresAt, Instant revokedAt) {
        boolean usableAt(Instant now) {
            return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
        }
    }

    private final Cache<String, Optional<Snapshot>> cache;

    public ClientCache(AuthConfig config) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfterWrite(config.clients().cacheTtl())
                .build();
    }

    /** The client, or empty when there is no such client. */
    public Uni<Optional<Snapshot>> get(String clientId) {
        Optional<Snapshot> cached = cache.getIfPresent(clientId);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return Panache.withSession(() -> OAuthClient.<OAuthClient>find(
                                "select c from OAuthClient c left join fetch c.secrets where c.clientId = ?1", clientId)
                        .list())
                .map(found -> found.stream().findFirst().map(ClientCache::snapshot))
                .invoke(snapshot -> cache.put(clientId, snapshot));
    }

    public void invalidate(String clientId) {
        cache.invalidate(clientId);
    }

    private static Snapshot snapshot(OAuthClient client) {
        List<SecretHash> secrets = client.secrets.stream().map(ClientCache::hash).toList();
        return new Snapshot(client.clientId, client.organizationId, client.workspaceId, client.venId,
                Collections.unmodifiableSet(Scopes.parse(client.scopes)), client.status, secrets);
    }

    private static SecretHash hash(ClientSecret secret) {
        return new SecretHash(secret.secretHash, secret.expiresAt, secret.revokedAt);
    }
}
