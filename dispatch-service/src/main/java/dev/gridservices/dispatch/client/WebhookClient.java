package dev.gridservices.dispatch.client;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * POSTs webhook notifications to user-supplied callback URLs. The Vert.x defaults do not fit calling
 * strangers' URLs: the pool per host is explicit ({@code dispatch.webhook.pool-per-host}), the wait queue
 * bounded ({@code dispatch.webhook.wait-queue}, beyond it a send fails fast instead of piling up), keep-alive
 * on, redirects never followed (a redirect could point the bearer token anywhere), and every request times
 * out after {@code dispatch.webhook.timeout} (5 s).
 */
@ApplicationScoped
public class WebhookClient {

    /** What the receiver answered: a status, or (status 0) the transport error. */
    public record Outcome(int status, String error, long latencyMs) {
        public boolean delivered() {
            return status >= 200 && status < 300;
        }
    }

    /** Standard Webhooks headers of one delivery; {@code id} is stable across retries. */
    public record Signed(String id, long timestamp, String signature) {
    }

    // One Mac per thread (re-keyed for every signature): looking the algorithm up costs more than the HMAC itself.
    private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    });

    private final WebClient client;
    private final long timeoutMs;

    public WebhookClient(Vertx vertx,
                         @ConfigProperty(name = "dispatch.webhook.pool-per-host", defaultValue = "4") int poolPerHost,
                         @ConfigProperty(name = "dispatch.webhook.wait-queue", defaultValue = "64") int waitQueue,
                         @ConfigProperty(name = "dispatch.webhook.timeout", defaultValue = "5s")
                         Duration timeout) {
        this.timeoutMs = timeout.toMillis();
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setMaxPoolSize(poolPerHost)
                .setMaxWaitQueueSize(waitQueue)
                .setKeepAlive(true)
                .setFollowRedirects(false)
                .setConnectTimeout((int) timeoutMs)
                .setUserAgent("grid-services-dispatch/1.0"));
    }

    public Uni<Outcome> post(String url, String bearerToken, Signed signed, String body) {
        long started = System.nanoTime();
        HttpRequest<Buffer> request;
        try {
            request = client.requestAbs(HttpMethod.POST, url).timeout(timeoutMs)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("webhook-id", signed.id())
                    .putHeader("webhook-timestamp", String.valueOf(signed.timestamp()))
                    .putHeader("webhook-signature", signed.signature());
        } catch (RuntimeException e) {
            return Uni.createFrom().item(new Outcome(0, "invalid callbackUrl: " + e.getMessage(), 0));
        }
        if (bearerToken != null) {
            request.putHeader("Authorization", "Bearer " + bearerToken);
        }
        return request.sendBuffer(Buffer.buffer(body))
                .map(r -> new Outcome(r.statusCode(), null, elapsed(started)))
                .onFailure().recoverWithItem(e -> new Outcome(0, e.getClass().getSimpleName() + ": " + e.getMessage(),
                        elapsed(started)));
    }

    /**
     * Standard Webhooks signature: HMAC-SHA256 over {@code id.timestamp.body} with the secret's key
     * (the base64 after {@code whsec_}), as {@code v1,<base64>}.
     */
    public static Signed sign(String secret, String id, long timestamp, String body) {
        try {
            byte[] key = Base64.getDecoder().decode(secret.startsWith("whsec_") ? secret.substring(6) : secret);
            Mac mac = HMAC.get();
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] sig = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return new Signed(id, timestamp, "v1," + Base64.getEncoder().encodeToString(sig));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** How long a claimed delivery stays leased: past the request timeout, so a live send is never claimed twice. */
    public Duration leaseLength() {
        return Duration.ofMillis(timeoutMs).plusSeconds(10);
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
