package dev.gridservices.auth.service;

import dev.gridservices.auth.client.VenRegistryClient;
import dev.gridservices.auth.config.AuthConfig;
import dev.gridservices.auth.mapping.OAuthClientCreate;
import dev.gridservices.auth.repository.ClientSecret;
import dev.gridservices.auth.repository.OAuthClient;
import dev.gridservices.kit.paging.Page;
import dev.gridservices.kit.paging.PageRequest;
import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.security.OrganizationKind;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/** OAuth clients of an organization and their secrets. */
@ApplicationScoped
public class ClientService {

    private static final Logger LOG = Logger.getLogger(ClientService.class);
    /** At most the current and the previous secret: a rotation must finish before the next begins. */
    private static final int MAX_USABLE_SECRETS = 2;

    /** A new secret in clear, returned exactly once. */
    public record NewSecret(OAuthClient client, ClientSecret secret, String clearSecret, Instant previousExpireAt) {
    }

    private final OrganizationService organizations;
    private final AuthConfig config;
    private final VenRegistryClient venRegistry;

    public ClientService(OrganizationService organizations, AuthConfig config, VenRegistryClient venRegistry) {
        this.organizations = organizations;
        this.config = config;
        this.venRegistry = venRegistry;
    }

    /**
     * Creates a client. Its scopes must belong to its organization's kind; a VEN binding is accepted only for
     * an OEM organization and only for a VEN the registry says that organization owns. Another organization's
     * VEN and a VEN that does not exist get the same answer, so the registry's contents never leak.
     */
    public Uni<NewSecret> create(Caller caller, UUID organizationId, OAuthClientCreate request) {
        Set<String> scopes = new LinkedHashSet<>(request.scopes());
        List<String> unknown = scopes.stream().filter(s -> !Scopes.KNOWN.contains(s)).toList();
        if (!unknown.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.invalid("scopes", "unknown scope(s): " + unknown));
        }
        return organizations.accessible(caller, organizationId)
                .chain(organization -> {
                    OrganizationKind kind = OrganizationKind.ofWire(organization.kind);
                    List<String> otherKind = scopes.stream().filter(s -> !Scopes.forKind(kind).contains(s)).toList();
                    if (!otherKind.isEmpty()) {
                        throw ProblemException.invalid("scopes", "not available to an organization of kind "
                                + kind.wire() + ": " + otherKind);
                    }
                    return request.venId() == null ? Uni.createFrom().voidItem() : requireOwnVen(organization.id, kind, request.venId());
                })
                .chain(() -> Panache.withTransaction(() -> organizations.requireWorkspace(organizationId, request.workspaceId())
                        .chain(() -> {
                            Instant now = Instant.now();
                            OAuthClient client = new OAuthClient();
                            client.clientId = Secrets.random("cl_", 15);
                            client.organizationId = organizationId;
                            client.workspaceId = request.workspaceId();
                            client.name = request.name().trim();
                            client.venId = request.venId();
                            client.scopes = Scopes.join(scopes);
                            client.tokenSigningAlg = request.tokenSigningAlg() == null
                                    ? SigningAlgorithm.DEFAULT.name() : request.tokenSigningAlg();
                            client.status = OAuthClient.Status.ACTIVE;
                            client.createdAt = now;
                            String clear = newSecretValue();
                            ClientSecret secret = newSecret(client, clear, now);
                            client.secrets.add(secret);
                            return client.persistAndFlush()
                                    .invoke(() -> LOG.infof("Created OAuth client %s in organization %s with scopes [%s]%s",
                                            client.clientId, organizationId, client.scopes,
                                            client.venId == null ? "" : ", bound to VEN " + client.venId))
                                    .replaceWith(new NewSecret(client, secret, clear, null));
                        })));
    }

    private Uni<Void> requireOwnVen(UUID organizationId, OrganizationKind kind, String venId) {
        if (kind != OrganizationKind.OEM) {
            return Uni.createFrom().failure(ProblemException.invalid("venId",
                    "only an OEM organization's clients can be bound to a VEN"));
        }
        return venRegistry.find(venId).invoke(ven -> {
            if (ven.isEmpty() || !organizationId.toString().equals(ven.get().organizationId())) {
                LOG.infof("Refused to bind a client of organization %s to VEN %s: %s", organizationId, venId,
                        ven.isEmpty() ? "unknown to the registry" : "owned by another organization");
                throw ProblemException.invalid("venId", "unknown VEN");
            }
        }).replaceWithVoid();
    }

    /** The broker's revocation check: which of these clients are still ACTIVE, in the order asked. */
    @WithSession
    public Uni<List<String>> active(List<String> clientIds) {
        if (clientIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return OAuthClient.<OAuthClient>list("clientId in ?1 and status = ?2", clientIds, OAuthClient.Status.ACTIVE)
                .map(found -> {
                    Set<String> active = found.stream().map(c -> c.clientId).collect(Collectors.toSet());
                    return clientIds.stream().distinct().filter(active::contains).toList();
                });
    }

    @WithSession
    public Uni<Page<OAuthClient>> list(Caller caller, UUID organizationId, PageRequest page) {
        return organizations.accessible(caller, organizationId)
                .chain(() -> OAuthClient.count("organizationId", organizationId))
                .chain(total -> OAuthClient.<OAuthClient>find("organizationId = ?1 order by createdAt, clientId", organizationId)
                        .range(page.offset(), page.offset() + page.perPage() - 1).list()
                        .chain(clients -> withSecrets(clients).map(list -> Page.of(list, page, total))));
    }

    @WithSession
    public Uni<OAuthClient> get(Caller caller, UUID organizationId, String clientId) {
        return organizations.accessible(caller, organizationId).chain(() -> find(organizationId, clientId));
    }

    @WithTransaction
    public Uni<OAuthClient> changeStatus(Caller caller, UUID organizationId, String clientId, OAuthClient.Status status) {
        return get(caller, organizationId, clientId).invoke(client -> {
            if (client.status == OAuthClient.Status.REVOKED) {
                if (status == OAuthClient.Status.REVOKED) {
                    return;
                }
                throw ProblemException.conflict("OAuth client " + clientId + " is revoked");
            }
            client.status = status;
            if (status == OAuthClient.Status.REVOKED) {
                client.revokedAt = Instant.now();
            }
            LOG.infof("OAuth client %s of organization %s is now %s", clientId, organizationId, status);
        });
    }

    /**
     * Adds a secret; the usable ones stop working after the overlap window unless revoked sooner, so
     * deployments can switch to the new secret without downtime.
     */
    @WithTransaction
    public Uni<NewSecret> rotateSecret(Caller caller, UUID organizationId, String clientId, Long overlapSeconds) {
        return get(caller, organizationId, clientId).chain(client -> {
            if (client.status == OAuthClient.Status.REVOKED) {
                throw ProblemException.conflict("OAuth client " + clientId + " is revoked");
            }
            Instant now = Instant.now();
            List<ClientSecret> usable = client.secrets.stream().filter(s -> s.usableAt(now)).toList();
            if (usable.size() >= MAX_USABLE_SECRETS) {
                throw ProblemException.conflict("OAuth client " + clientId
                        + " already has two usable secrets; revoke the old one before rotating again");
            }
            Duration overlap = overlapSeconds == null ? config.clients().secretOverlap() : Duration.ofSeconds(overlapSeconds);
            Instant previousExpireAt = now.plus(overlap);
            for (ClientSecret previous : usable) {
                if (previous.expiresAt == null || previous.expiresAt.isAfter(previousExpireAt)) {
                    previous.expiresAt = previousExpireAt;
                }
            }
            String clear = newSecretValue();
            ClientSecret secret = newSecret(client, clear, now);
            return secret.persistAndFlush()
                    .invoke(() -> LOG.infof("Rotated secret of OAuth client %s: new secret %s, previous usable until %s",
                            clientId, secret.id, previousExpireAt))
                    .replaceWith(new NewSecret(client, secret, clear, usable.isEmpty() ? null : previousExpireAt));
        });
    }

    @WithTransaction
    public Uni<Void> revokeSecret(Caller caller, UUID organizationId, String clientId, UUID secretId) {
        return get(caller, organizationId, clientId).invoke(client -> {
            ClientSecret secret = client.secrets.stream().filter(s -> s.id.equals(secretId)).findFirst()
                    .orElseThrow(() -> ProblemException.notFound("Secret", secretId));
            if (secret.revokedAt == null) {
                secret.revokedAt = Instant.now();
                LOG.infof("Revoked secret %s of OAuth client %s", secretId, clientId);
            }
        }).replaceWithVoid();
    }

    private Uni<OAuthClient> find(UUID organizationId, String clientId) {
        return OAuthClient.<OAuthClient>find("select c from OAuthClient c left join fetch c.secrets "
                        + "where c.clientId = ?1 and c.organizationId = ?2", clientId, organizationId)
                .list()
                .map(found -> found.isEmpty() ? null : found.get(0))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("OAuth client", clientId));
    }

    /** Loads the secrets of a page of clients in one query instead of one per client. */
    private Uni<List<OAuthClient>> withSecrets(List<OAuthClient> clients) {
        if (clients.isEmpty()) {
            return Uni.createFrom().item(clients);
        }
        List<String> ids = clients.stream().map(c -> c.clientId).toList();
        return ClientSecret.<ClientSecret>list("client.clientId in ?1 order by createdAt", ids).map(secrets -> {
            Map<String, List<ClientSecret>> byClient = secrets.stream()
                    .collect(Collectors.groupingBy(s -> s.client.clientId, Collectors.toCollection(ArrayList::new)));
            return clients.stream().map(c -> detached(c, byClient.getOrDefault(c.clientId, List.of()))).toList();
        });
    }

    /** A read-only copy carrying its secrets, so views never touch a lazy collection outside the session. */
    private static OAuthClient detached(OAuthClient source, List<ClientSecret> secrets) {
        OAuthClient copy = new OAuthClient();
        copy.clientId = source.clientId;
        copy.organizationId = source.organizationId;
        copy.workspaceId = source.workspaceId;
        copy.name = source.name;
        copy.venId = source.venId;
        copy.scopes = source.scopes;
        copy.tokenSigningAlg = source.tokenSigningAlg;
        copy.status = source.status;
        copy.createdAt = source.createdAt;
        copy.revokedAt = source.revokedAt;
        copy.secrets = new ArrayList<>(secrets);
        return copy;
    }

    private static String newSecretValue() {
        return Secrets.random("cs_", 32);
    }

    private static ClientSecret newSecret(OAuthClient client, String clear, Instant now) {
        ClientSecret secret = new ClientSecret();
        secret.id = UUID.randomUUID();
        secret.client = client;
        secret.secretHash = Secrets.sha256Hex(clear);
        secret.createdAt = now;
        return secret;
    }
}
