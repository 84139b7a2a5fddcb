package dev.gridservices.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The shared secret services present to each other's {@code /internal/*} endpoints, in the header
 * {@value #HEADER}. Configured as {@code security.service-credential} (a secret of the deployment). Without
 * it a service refuses every internal call and sends an empty credential itself: internal endpoints fail
 * closed rather than open.
 */
@ApplicationScoped
public class ServiceCredential {

    public static final String HEADER = "Texture-Service-Credential";
    private static final Logger LOG = Logger.getLogger(ServiceCredential.class);

    private final Optional<String> value;
    private final byte[] digest;

    ServiceCredential(@ConfigProperty(name = "security.service-credential") Optional<String> value) {
        this.value = value.map(String::trim).filter(v -> !v.isEmpty());
        this.digest = this.value.map(ServiceCredential::sha256).orElse(null);
    }

    void warnIfMissing(@Observes StartupEvent event) {
        if (value.isEmpty()) {
            LOG.warn("security.service-credential is not set: every /internal/* call will be refused");
        }
    }

    /** The credential to send on internal calls; empty when none is configured. */
    public Optional<String> value() {
        return value;
    }

    /**
     * Whether {@code presented} is the configured credential. Both sides are hashed first, so the comparison
     * takes the same time whatever the presented value's length or content.
     */
    public boolean matches(String presented) {
        return digest != null && presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JRE has SHA-256", e);
        }
    }
}
