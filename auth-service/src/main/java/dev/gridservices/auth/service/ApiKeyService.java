package dev.gridservices.auth.service;

import dev.gridservices.auth.mapping.ApiKeyCreate;
import dev.gridservices.auth.repository.ApiKey;
import dev.gridservices.kit.paging.Page;
import dev.gridservices.kit.paging.PageRequest;
import dev.gridservices.kit.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/** API keys of an organization: created (shown once), listed by prefix, revoked, and introspected by other services. */
@ApplicationScoped
public class ApiKeyService {

    private static final Logger LOG = Logger.getLogger(ApiKeyService.class);

    /** A new key in clear, returned exactly once. */
    public record NewKey(ApiKey apiKey, String clearKey) {
    }

    private final OrganizationService organizations;

    public ApiKeyService(OrganizationService organizations) {
        this.organizations = organizations;
    }

    @WithTransaction
    public Uni<NewKey> create(Caller caller, UUID organizationId, ApiKeyCreate request) {
        boolean scoped = request.type() == ApiKey.Type.SCOPED;
        if (scoped && request.referenceId() == null) {
            return Uni.createFrom().failure(ProblemException.invalid("referenceId", "is required for a SCOPED key"));
        }
        if (!scoped && request.referenceId() != null) {
            return Uni.createFrom().failure(ProblemException.invalid("referenceId", "is only allowed for a SCOPED key"));
        }
        return organizations.accessible(caller, organizationId)
                .chain(() -> organizations.requireWorkspace(organizationId, request.workspaceId()))
                .chain(() -> {
                    String clear = ApiKeys.newKey(request.type());
                    ApiKey key = new ApiKey();
                    key.id = UUID.randomUUID();
                    key.organizationId = organizationId;
                    key.workspaceId = request.workspaceId();
                    key.type = request.type();
                    key.referenceId = request.referenceId();
                    key.name = request.name().trim();
                    key.keyPrefix = ApiKeys.displayPrefix(clear);
                    key.keyHash = Secrets.sha256Hex(clear);
                    key.createdAt = Instant.now();
                    return key.persistAndFlush()
                            .invoke(() -> LOG.infof("Created %s API key %s (%s…) in organization %s",
                                    key.type, key.id, key.keyPrefix, organizationId))
                            .replaceWith(new NewKey(key, clear));
                });
    }

    @WithSession
    public Uni<Page<ApiKey>> list(Caller caller, UUID organizationId, PageRequest page) {
        return organizations.accessible(caller, organizationId)
                .chain(() -> ApiKey.count("organizationId", organizationId))
                .chain(total -> ApiKey.<ApiKey>find("organizationId = ?1 order by createdAt, id", organizationId)
                        .range(page.offset(), page.offset() + page.perPage() - 1).list()
                        .map(list -> Page.of(list, page, total)));
    }

    @WithSession
    public Uni<ApiKey> get(Caller caller, UUID organizationId, UUID keyId) {
        return organizations.accessible(caller, organizationId)
                .chain(() -> ApiKey.<ApiKey>find("id = ?1 and organizationId = ?2", keyId, organizationId).<ApiKey>firstResult())
                .onItem().ifNull().failWith(() -> ProblemException.notFound("API key", keyId));
    }

    /** Effective at once here; consumers cache introspection answers for at most 5 s. */
    @WithTransaction
    public Uni<Void> revoke(Caller caller, UUID organizationId, UUID keyId) {
        return get(caller, organizationId, keyId).invoke(key -> {
            if (key.revokedAt == null) {
                key.revokedAt = Instant.now();
                LOG.infof("Revoked API key %s (%s…) of organization %s", key.id, key.keyPrefix, organizationId);
            }
        }).replaceWithVoid();
    }

    /** The key behind a presented value, if it exists and is not revoked: one indexed lookup by hash. */
    @WithSession
    public Uni<ApiKey> active(String presentedKey) {
        return ApiKey.<ApiKey>find("keyHash = ?1 and revokedAt is null", Secrets.sha256Hex(presentedKey)).firstResult();
    }
}
