package dev.gridservices.mqtt.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks auth-service which OAuth clients are still active:
 * {@code POST {auth}/internal/oauth-clients/active} with {@code {"clientIds":[...]}} and the
 * {@code Texture-Service-Credential} header; the answer {@code {"active":[...]}} lists those not revoked.
 * Large sets go in batches. Any failure yields {@link Optional#empty()}: the caller then disconnects nobody.
 */
public final class ActiveClientsClient {

    public static final String PATH = "/internal/oauth-clients/active";
    public static final String CREDENTIAL_HEADER = "Texture-Service-Credential";
    static final int BATCH_SIZE = 500;

    private static final Logger LOG = LoggerFactory.getLogger(ActiveClientsClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final URI endpoint;
    private final String serviceCredential;
    private final HttpClient http;

    public ActiveClientsClient(URI authServiceUrl, String serviceCredential, Executor executor) {
        String base = authServiceUrl.toString();
        this.endpoint = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + PATH);
        this.serviceCredential = serviceCredential;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor).build();
    }

    /** The subset of {@code clientIds} auth-service reports active, or empty if it could not be asked. */
    public Optional<Set<String>> active(Collection<String> clientIds) {
        List<String> ids = List.copyOf(new HashSet<>(clientIds));
        Set<String> active = new HashSet<>();
        for (int from = 0; from < ids.size(); from += BATCH_SIZE) {
            Optional<Set<String>> batch = ask(ids.subList(from, Math.min(ids.size(), from + BATCH_SIZE)));
            if (batch.isEmpty()) {
                return Optional.empty();
            }
            active.addAll(batch.get());
        }
        return Optional.of(active);
    }

    private Optional<Set<String>> ask(List<String> ids) {
        try {
            HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .header(CREDENTIAL_HEADER, serviceCredential)
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("clientIds", ids))))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                LOG.warn("{} answered {}; no MQTT connection is closed for revocation this round",
                        endpoint, response.statusCode());
                return Optional.empty();
            }
            JsonNode active = JSON.readTree(response.body()).get("active");
            if (active == null || !active.isArray()) {
                LOG.warn("{} answered without an 'active' array; no connection is closed this round", endpoint);
                return Optional.empty();
            }
            Set<String> result = new HashSet<>();
            active.forEach(id -> result.add(id.asText()));
            // only what we asked about counts: an answer cannot keep other clients alive
            result.retainAll(ids);
            return Optional.of(result);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.warn("{} unreachable ({}); no connection is closed this round", endpoint, e.toString());
            return Optional.empty();
        }
    }
}
