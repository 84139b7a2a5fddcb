package dev.gridservices.mqtt.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * Who an MQTT connection authenticated as: one VEN (an access token with {@code ven_id}; its OAuth client
 * and expiry are kept to disconnect it on revocation or expiry) or a platform service (service credential).
 */
public record Principal(Kind kind, String name, String oauthClientId, Instant expiresAt) {

    public enum Kind { VEN, SERVICE }

    public Principal {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    public static Principal ven(String venId, String oauthClientId, Instant expiresAt) {
        if (!TopicPolicy.isVenId(venId)) {
            throw new IllegalArgumentException("A VEN id must be one plain MQTT topic level without ':'");
        }
        return new Principal(Kind.VEN, venId, Objects.requireNonNull(oauthClientId, "oauthClientId"),
                Objects.requireNonNull(expiresAt, "expiresAt"));
    }

    public static Principal service(String serviceName) {
        return new Principal(Kind.SERVICE, serviceName, null, null);
    }

    public boolean isService() {
        return kind == Kind.SERVICE;
    }

    /** The VEN id; only for a VEN. */
    public String venId() {
        if (isService()) {
            throw new IllegalStateException("a platform service has no VEN id");
        }
        return name;
    }
}
