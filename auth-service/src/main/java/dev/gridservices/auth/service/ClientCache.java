package dev.gridservices.auth.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.gridservices.auth.config.AuthConfig;
import dev.gridservices.auth.repository.ClientSecret;
import dev.gridservices.auth.repository.OAuthClient;
import dev.gridservices.auth.repository.Organization;
import dev.gridservices.security.OrganizationKind;
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
 * What the token endpoint needs to know about a client (including its secret hashes and its organization's
 * kind), kept for {@code auth.clients.cache-ttl} so that the hot path does not query the database. Changes
 * made through this replica invalidate the entry at once; another replica's changes (revocation, suspension,
 * secret revocation) reach this one within the TTL. Secret expiry is evaluated per request, never cached.
 * <p>
 * Clients that exist and ids that do not are kept in two caches of their own sizes: anyone can send random
 * client ids, and those must only ever compete with each other, never push a real client out.
 */
@ApplicationScoped
public class ClientCache {

    /** An immutable copy of a client row, its secrets and its organization's kind. */
    public record Snapshot(String clientId, UUID organizationId, OrganizationKind organizationKind, UUID workspaceId,
                           String venId, Set<String> scopes, SigningAlgorithm signingAlgorithm,
                           OAuthClient.Status status, List<SecretHash> secrets) {
    }

    public record SecretHash(String hash, Instant expiresAt, Instant revokedAt) {
        boolean usableAt(Instant now) {
            return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
        }
    }

    private final Cache<String, Snapshot> clients;
    private final Cache<String, Boolean> unknown;

    public ClientCache(AuthConfig config) {
        this.clients = Caffeine.newBuilder()
                .maximumSize(config.clients().cacheSize())
                .expireAfterWrite(config.clients().cacheTtl())
                .build();
        this.unknown = Caffeine.newBuilder()
                .maximumSize(config.clients().negativeCacheSize())
                .expireAfterWrite(config.clients().cacheTtl())
                .build();
    }

    /** The client, or empty when there is no such client. */
    public Uni<Optional<Snapshot>> get(String clientId) {
        Snapshot cached = clients.getIfPresent(clientId);
        if (cached != null) {
            return Uni.createFrom().item(Optional.of(cached));
        }
        if (unknown.getIfPresent(clientId) != null) {
            return Uni.createFrom().item(Optional.empty());
        }
        return Panache.withSession(() -> OAuthClient.<OAuthClient>find(
                                "select c from OAuthClient c left join fetch c.secrets where c.clientId = ?1", clientId)
                        .list()
                        .chain(found -> found.isEmpty() ? Uni.createFrom().item(Optional.<Snapshot>empty())
                                : Organization.<Organization>findById(found.get(0).organizationId)
                                        .map(organization -> Optional.of(snapshot(found.get(0), organization)))))
                .invoke(snapshot -> {
                    if (snapshot.isPresent()) {
                        clients.put(clientId, snapshot.get());
                    } else {
                        unknown.put(clientId, Boolean.TRUE);
                    }
                });
    }

    public void invalidate(String clientId) {
        clients.invalidate(clientId);
        unknown.invalidate(clientId);
    }

    /** For tests: whether the client is held, and how many unknown ids are remembered (after pending evictions). */
    public boolean holds(String clientId) {
        return clients.getIfPresent(clientId) != null;
    }

    public long unknownEntries() {
        unknown.cleanUp();
        return unknown.estimatedSize();
    }

    private static Snapshot snapshot(OAuthClient client, Organization organization) {
        List<SecretHash> secrets = client.secrets.stream().map(ClientCache::hash).toList();
        return new Snapshot(client.clientId, client.organizationId, OrganizationKind.ofWire(organization.kind),
                client.workspaceId, client.venId, Collections.unmodifiableSet(Scopes.parse(client.scopes)),
                SigningAlgorithm.valueOf(client.tokenSigningAlg), client.status, secrets);
    }

    private static SecretHash hash(ClientSecret secret) {
        return new SecretHash(secret.secretHash, secret.expiresAt, secret.revokedAt);
    }
}
