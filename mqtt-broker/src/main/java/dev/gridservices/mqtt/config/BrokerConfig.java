package dev.gridservices.mqtt.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the broker needs, from {@code mqtt-broker.*} properties or the matching
 * {@code MQTT_BROKER_*} environment variables (docs/mqtt.md lists them).
 *
 * @param host                     address the MQTT listener binds to
 * @param port                     MQTT (TCP) port
 * @param dataDir                  where sessions, queued messages and retained messages are kept
 * @param issuer                   auth-service's token issuer ({@code iss})
 * @param jwksUrl                  auth-service's JWKS
 * @param audience                 the audience every token must carry
 * @param authServiceUrl           base URL of auth-service's internal API (revocation checks)
 * @param serviceCredential        the platform service credential: platform services' MQTT password and
 *                                 the broker's {@code Texture-Service-Credential} towards auth-service
 * @param revocationPollInterval   how often connected VENs' OAuth clients are checked for revocation
 * @param jwksRefreshInterval      how often the key set is refetched in the background
 * @param jwksMinRefetchInterval   the least time between two fetches (a token with an unknown kid may
 *                                 trigger one, at most this often)
 * @param maxSessionExpiry         upper bound on the session expiry a client may ask for
 * @param maxQueuedMessages        QoS 1/2 messages kept per offline session
 * @param metricsPort              HTTP port of {@code GET /q/metrics} (Prometheus), on {@code host}; 0 = none
 */
public record BrokerConfig(
        String host,
        int port,
        Path dataDir,
        String issuer,
        URI jwksUrl,
        String audience,
        URI authServiceUrl,
        String serviceCredential,
        Duration revocationPollInterval,
        Duration jwksRefreshInterval,
        Duration jwksMinRefetchInterval,
        Duration maxSessionExpiry,
        long maxQueuedMessages,
        int metricsPort) {

    public static final String PREFIX = "mqtt-broker.";
    public static final String DEFAULT_AUDIENCE = "grid-services";
    public static final int DEFAULT_METRICS_PORT = 9000;

    public BrokerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "data-dir");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(jwksUrl, "jwks-url");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(authServiceUrl, "auth-service-url");
        if (serviceCredential == null || serviceCredential.length() < 16) {
            throw new IllegalArgumentException(PREFIX + "service-credential must be set (at least 16 characters)");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(PREFIX + "port must be 0-65535, was " + port);
        }
        requirePositive("revocation-poll-interval", revocationPollInterval);
        requirePositive("jwks-refresh-interval", jwksRefreshInterval);
        requirePositive("jwks-min-refetch-interval", jwksMinRefetchInterval);
        requirePositive("max-session-expiry", maxSessionExpiry);
        if (metricsPort < 0 || metricsPort > 65535) {
            throw new IllegalArgumentException(PREFIX + "metrics-port must be 0-65535, was " + metricsPort);
        }
        if (maxQueuedMessages < 1) {
            throw new IllegalArgumentException(PREFIX + "max-queued-messages must be at least 1");
        }
    }

    /** The defaults for everything but the issuer, the data folder and the credential. */
    public static BrokerConfig defaults(String issuer, Path dataDir, String serviceCredential) {
        String base = stripSlash(issuer);
        return new BrokerConfig("0.0.0.0", 1883, dataDir, issuer, URI.create(base + "/.well-known/jwks.json"),
                DEFAULT_AUDIENCE, URI.create(base), serviceCredential, Duration.ofSeconds(30),
                Duration.ofMinutes(5), Duration.ofSeconds(10), Duration.ofDays(7), 1000, DEFAULT_METRICS_PORT);
    }

    /**
     * Reads {@code mqtt-broker.<key>} from {@code properties}, falling back to {@code MQTT_BROKER_<KEY>}
     * in {@code environment}. Required: issuer, service-credential.
     */
    public static BrokerConfig from(Map<String, String> properties, Map<String, String> environment) {
        Settings settings = new Settings(properties, environment);
        String issuer = settings.require("issuer");
        BrokerConfig d = defaults(issuer, Path.of(settings.get("data-dir", "mqtt-data")),
                settings.require("service-credential"));
        return new BrokerConfig(
                settings.get("host", d.host()),
                Integer.parseInt(settings.get("port", String.valueOf(d.port()))),
                d.dataDir(),
                issuer,
                URI.create(settings.get("jwks-url", d.jwksUrl().toString())),
                settings.get("audience", d.audience()),
                URI.create(settings.get("auth-service-url", d.authServiceUrl().toString())),
                d.serviceCredential(),
                settings.seconds("revocation-poll-interval", d.revocationPollInterval()),
                settings.seconds("jwks-refresh-interval", d.jwksRefreshInterval()),
                settings.seconds("jwks-min-refetch-interval", d.jwksMinRefetchInterval()),
                settings.seconds("max-session-expiry", d.maxSessionExpiry()),
                Long.parseLong(settings.get("max-queued-messages", String.valueOf(d.maxQueuedMessages()))),
                Integer.parseInt(settings.get("metrics-port", String.valueOf(d.metricsPort()))));
    }

    public BrokerConfig withListener(String host, int port) {
        return new BrokerConfig(host, port, dataDir, issuer, jwksUrl, audience, authServiceUrl, serviceCredential,
                revocationPollInterval, jwksRefreshInterval, jwksMinRefetchInterval, maxSessionExpiry,
                maxQueuedMessages, metricsPort);
    }

    public BrokerConfig withJwksUrl(URI url) {
        return new BrokerConfig(host, port, dataDir, issuer, url, audience, authServiceUrl, serviceCredential,
                revocationPollInterval, jwksRefreshInterval, jwksMinRefetchInterval, maxSessionExpiry,
                maxQueuedMessages, metricsPort);
    }

    public BrokerConfig withAuthServiceUrl(URI url) {
        return new BrokerConfig(host, port, dataDir, issuer, jwksUrl, audience, url, serviceCredential,
                revocationPollInterval, jwksRefreshInterval, jwksMinRefetchInterval, maxSessionExpiry,
                maxQueuedMessages, metricsPort);
    }

    public BrokerConfig withRevocationPollInterval(Duration interval) {
        return new BrokerConfig(host, port, dataDir, issuer, jwksUrl, audience, authServiceUrl, serviceCredential,
                interval, jwksRefreshInterval, jwksMinRefetchInterval, maxSessionExpiry, maxQueuedMessages, metricsPort);
    }

    public BrokerConfig withJwksIntervals(Duration refresh, Duration minRefetch) {
        return new BrokerConfig(host, port, dataDir, issuer, jwksUrl, audience, authServiceUrl, serviceCredential,
                revocationPollInterval, refresh, minRefetch, maxSessionExpiry, maxQueuedMessages, metricsPort);
    }

    public BrokerConfig withMetricsPort(int port) {
        return new BrokerConfig(host, this.port, dataDir, issuer, jwksUrl, audience, authServiceUrl, serviceCredential,
                revocationPollInterval, jwksRefreshInterval, jwksMinRefetchInterval, maxSessionExpiry,
                maxQueuedMessages, port);
    }

    /** The credential never appears in logs or exception messages. */
    @Override
    public String toString() {
        return "BrokerConfig[host=" + host + ", port=" + port + ", dataDir=" + dataDir + ", issuer=" + issuer
                + ", jwksUrl=" + jwksUrl + ", audience=" + audience + ", authServiceUrl=" + authServiceUrl
                + ", revocationPollInterval=" + revocationPollInterval + ", jwksRefreshInterval="
                + jwksRefreshInterval + ", jwksMinRefetchInterval=" + jwksMinRefetchInterval
                + ", maxSessionExpiry=" + maxSessionExpiry + ", maxQueuedMessages=" + maxQueuedMessages
                + ", metricsPort=" + metricsPort + "]";
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(PREFIX + name + " must be a positive duration");
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private record Settings(Map<String, String> properties, Map<String, String> environment) {

        String get(String key, String fallback) {
            String value = properties.get(PREFIX + key);
            if (value == null) {
                value = environment.get("MQTT_BROKER_" + key.toUpperCase(Locale.ROOT).replace('-', '_'));
            }
            return value == null || value.isBlank() ? fallback : value.trim();
        }

        String require(String key) {
            String value = get(key, null);
            if (value == null) {
                throw new IllegalArgumentException(PREFIX + key + " (or MQTT_BROKER_"
                        + key.toUpperCase(Locale.ROOT).replace('-', '_') + ") must be set");
            }
            return value;
        }

        Duration seconds(String key, Duration fallback) {
            String value = get(key, null);
            return value == null ? fallback : Duration.ofSeconds(Long.parseLong(value));
        }
    }
}
