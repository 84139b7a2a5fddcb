package dev.gridservices.auth.service;

import dev.gridservices.auth.config.AuthConfig;
import dev.gridservices.auth.mapping.ApiKeyCreate;
import dev.gridservices.auth.repository.ApiKey;
import dev.gridservices.auth.repository.Organization;
import dev.gridservices.kit.paging.Page;
import dev.gridservices.kit.paging.PageRequest;
import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.kit.problem.ProblemType;
import dev.gridservices.security.ApiKeyIntrospection;
import dev.gridservices.security.OrganizationKind;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/** API keys of an organization: created (shown once), listed by prefix, revoked, and introspected by other services. */
@ApplicationScoped
public class ApiKeyService {

    private static final Logger LOG = Logger.getLogger(ApiKeyService.class);

    /** A new key in clear, returned exactly once. */
    public record NewKey(ApiKey apiKey, String clearKey) {
    }

    /** What introspection answers for the platform-admin key: no tenant, no scopes. */
    public static final String PLATFORM_ADMIN_KEY_ID = "platform-admin";
    private static final ApiKeyIntrospection PLATFORM_ADMIN = new ApiKeyIntrospection(true, PLATFORM_ADMIN_KEY_ID,
            null, null, "PLATFORM_ADMIN", null, List.of(), null);

    private final OrganizationService organizations;
    private final Optional<String> adminKeyHash;

    public ApiKeyService(OrganizationService organizations, AuthConfig config) {
        this.organizations = organizations;
        this.adminKeyHash = config.admin().apiKeySha256().map(String::trim).map(String::toLowerCase);
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
        // A SERVER key administers its organization; if one could mint another, a leaked key would outlive its revocation.
        if (request.type() == ApiKey.Type.SERVER && !caller.platformAdmin()) {
            return Uni.createFrom().failure(new ProblemException(ProblemType.FORBIDDEN,
                    "Only the platform admin creates SERVER keys"));
        }
        return organizations.accessible(caller, organizationId)
                .invoke(organization -> {
                    if (request.type() == ApiKey.Type.MANUFACTURER && !OrganizationKind.OEM.wire().equals(organization.kind)) {
                        throw ProblemException.invalid("type", "MANUFACTURER keys are for OEM organizations only");
                    }
                })
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

    /**
     * The introspection answer for a presented key (the auth contract): the platform-admin key (only its
     * SHA-256 is configured, compared in constant time), else an unrevoked key found by one indexed lookup
     * by hash, with its organization's kind; anything else is inactive.
     */
    public Uni<ApiKeyIntrospection> introspect(String presentedKey) {
        String hash = Secrets.sha256Hex(presentedKey);
        if (adminKeyHash.isPresent() && Secrets.sameHash(adminKeyHash.get(), hash)) {
            return Uni.createFrom().item(PLATFORM_ADMIN);
        }
        return Panache.withSession(() -> ApiKey.<ApiKey>find("keyHash = ?1 and revokedAt is null", hash).firstResult()
                .chain(key -> key == null ? Uni.createFrom().<ApiKeyIntrospection>item(ApiKeyIntrospection.INACTIVE)
                        : Organization.<Organization>findById(key.organizationId).map(organization -> {
                            OrganizationKind kind = OrganizationKind.ofWire(organization.kind);
                            if (key.type == ApiKey.Type.MANUFACTURER && kind != OrganizationKind.OEM) {
                                // Only created for OEMs; one of an organization from before kinds (migrated to
                                // utility) or whose kind was corrected would let a utility register devices.
                                LOG.warnf("MANUFACTURER key %s of organization %s (kind %s) introspected as inactive",
                                        key.id, key.organizationId, kind.wire());
                                return ApiKeyIntrospection.INACTIVE;
                            }
                            return new ApiKeyIntrospection(true, key.id.toString(), key.organizationId.toString(),
                                    key.workspaceId == null ? null : key.workspaceId.toString(), key.type.name(),
                                    key.referenceId, ApiKeys.scopes(key.type, kind), kind.wire());
                        })))
                .invoke(answer -> {
                    if (!answer.active()) {
                        LOG.debugf("Introspected an unknown or revoked API key (prefix %s)", ApiKeys.displayPrefix(presentedKey));
                    }
                });
    }
}
