package dev.gridservices.auth.service;

import dev.gridservices.auth.config.AuthConfig;
import dev.gridservices.auth.repository.ApiKey;
import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.kit.problem.ProblemType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Authenticates admin calls by their {@code Texture-Api-Key}: the platform-admin key (only its SHA-256
 * is configured, compared in constant time) or an unrevoked SERVER key of an organization. Scoped and
 * manufacturer keys never administer anything.
 */
@ApplicationScoped
public class CallerAuthenticator {

    public static final String HEADER = "Texture-Api-Key";
    private static final Logger LOG = Logger.getLogger(CallerAuthenticator.class);
    private static final Map<String, String> CHALLENGE =
            Map.of("WWW-Authenticate", "ApiKey realm=\"grid-services\", header=\"" + HEADER + "\"");

    private final Optional<String> adminKeyHash;

    public CallerAuthenticator(AuthConfig config) {
        this.adminKeyHash = config.admin().apiKeySha256().map(String::trim).map(String::toLowerCase);
    }

    public Uni<Caller> authenticate(String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            return Uni.createFrom().failure(unauthorized("Send an API key in the " + HEADER + " header"));
        }
        String hash = Secrets.sha256Hex(apiKey);
        if (adminKeyHash.isPresent() && Secrets.sameHash(adminKeyHash.get(), hash)) {
            return Uni.createFrom().item(Caller.admin());
        }
        return Panache.withSession(() -> ApiKey.<ApiKey>find("keyHash = ?1 and revokedAt is null", hash).firstResult())
                .map(key -> {
                    if (key == null) {
                        LOG.infof("Admin call with an unknown or revoked API key (prefix %s)", ApiKeys.displayPrefix(apiKey));
                        throw unauthorized("Unknown or revoked API key");
                    }
                    if (key.type != ApiKey.Type.SERVER) {
                        throw new ProblemException(ProblemType.FORBIDDEN,
                                "Only a SERVER key or the platform admin may call this endpoint");
                    }
                    return Caller.organization(key.organizationId, key.id.toString());
                });
    }

    /** For endpoints only the platform operator may call (creating organizations, rotating signing keys). */
    public Uni<Caller> authenticateAdmin(String apiKey) {
        return authenticate(apiKey).invoke(caller -> {
            if (!caller.platformAdmin()) {
                throw new ProblemException(ProblemType.FORBIDDEN, "Only the platform admin may call this endpoint");
            }
        });
    }

    private static ProblemException unauthorized(String detail) {
        return new ProblemException(ProblemType.UNAUTHORIZED, detail, null, CHALLENGE);
    }
}
