package dev.gridservices.auth.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything auth-service reads from configuration; defaults are the production values. */
@ConfigMapping(prefix = "auth")
public interface AuthConfig {

    /** The issuer URL written into every token and into the discovery document. */
    String issuer();

    Token token();

    Clients clients();

    SigningKeys signingKeys();

    Admin admin();

    VenRegistry venRegistry();

    interface Token {
        @WithDefault("PT1H")
        Duration lifetime();

        @WithDefault("grid-services")
        String audience();

        RateLimit rateLimit();
    }

    interface RateLimit {
        /** Spec §11: 30 token requests per minute per client. */
        @WithDefault("30")
        int requestsPerMinute();

        /** Per-client overrides, e.g. {@code auth.token.rate-limit.per-client."bench-client"=100000}. */
        Map<String, Integer> perClient();

        /**
         * Failed client authentications per source address per minute; beyond it every token request from
         * that address answers 429 until the budget refills, so guessing secrets is slow from any one host.
         */
        @WithDefault("20")
        int failuresPerAddressPerMinute();

        /**
         * The gateway's addresses: only a request coming from one of them has its {@code X-Forwarded-For}
         * honoured (its last entry, the one the gateway appended). Empty = the header is ignored.
         */
        Optional<List<String>> trustedGateway();
    }

    interface Clients {
        /** How long the previous secret keeps working after a rotation unless it is revoked sooner. */
        @WithDefault("P7D")
        Duration secretOverlap();

        /** How long a replica may answer token requests from its copy of a client (0 = always read the database). */
        @WithDefault("PT5S")
        Duration cacheTtl();

        /** Clients kept by the token endpoint's cache (only clients that exist). */
        @WithDefault("10000")
        int cacheSize();

        /** Unknown client ids remembered as unknown, separately, so random ids cannot push real clients out. */
        @WithDefault("1000")
        int negativeCacheSize();
    }

    interface SigningKeys {
        /** Base64 of a 256-bit AES key that encrypts the private signing keys at rest. No default on purpose. */
        String encryptionKey();

        /** How often a replica re-reads the key table (the other replicas' rotations reach it within this). */
        @WithDefault("PT10S")
        Duration refreshInterval();

        /** A waiting key must have been published at least this long before a rotation may make it sign. */
        @WithDefault("PT10M")
        Duration nextKeyMinAge();

        /** Clock skew allowed to verifiers: a retired key stays published this long after its last token expires. */
        @WithDefault("PT5M")
        Duration clockSkew();
    }

    /** device-service's VEN registry, asked before a client is bound to a VEN. */
    interface VenRegistry {
        /** Base URL of device-service, e.g. {@code http://device-service:8084}. */
        String url();

        @WithDefault("2S")
        Duration timeout();
    }

    interface Admin {
        /** Hex SHA-256 of the platform-admin API key; absent = no platform admin. */
        Optional<String> apiKeySha256();
    }
}
