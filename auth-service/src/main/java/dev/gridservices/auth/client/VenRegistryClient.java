package dev.gridservices.auth.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.gridservices.auth.config.AuthConfig;
import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.kit.problem.ProblemType;
import dev.gridservices.security.ServiceCredential;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Asks device-service's VEN registry who owns a VEN: {@code GET {auth.ven-registry.url}/internal/vens/{venId}}
 * with the service credential → 200 {@code {"venId","organizationId","venName"}} or 404. Not cached: a
 * binding is rare and must see the registry as it is.
 */
@ApplicationScoped
public class VenRegistryClient {

    /** What the registry tells about a VEN. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Ven(String venId, String organizationId, String venName) {
    }

    private static final Logger LOG = Logger.getLogger(VenRegistryClient.class);

    private final WebClient client;
    private final String baseUrl;
    private final long timeoutMillis;
    private final ServiceCredential credential;

    public VenRegistryClient(Vertx vertx, AuthConfig config, ServiceCredential credential) {
        this.client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false).setMaxPoolSize(4));
        this.baseUrl = config.venRegistry().url().replaceAll("/+$", "");
        this.timeoutMillis = config.venRegistry().timeout().toMillis();
        this.credential = credential;
    }

    /** The VEN, or empty when the registry does not know it. */
    public Uni<Optional<Ven>> find(String venId) {
        return client.getAbs(baseUrl + "/internal/vens/" + URLEncoder.encode(venId, StandardCharsets.UTF_8))
                .putHeader(ServiceCredential.HEADER, credential.value().orElse(""))
                .timeout(timeoutMillis)
                .send()
                .onFailure().transform(e -> {
                    LOG.warnf("VEN registry unreachable: %s", e.toString());
                    return unavailable();
                })
                .map(this::read);
    }

    private Optional<Ven> read(HttpResponse<?> response) {
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            LOG.warnf("VEN registry answered %d", response.statusCode());
            throw unavailable();
        }
        try {
            return Optional.of(new JsonObject(response.bodyAsString()).mapTo(Ven.class));
        } catch (RuntimeException e) {
            LOG.warnf("VEN registry answer unreadable: %s", e.toString());
            throw unavailable();
        }
    }

    private static ProblemException unavailable() {
        return new ProblemException(ProblemType.SERVICE_UNAVAILABLE,
                "The VEN registry cannot be asked right now; retry shortly", null, Map.of("Retry-After", "1"));
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
