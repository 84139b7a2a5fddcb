package dev.gridservices.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Where the security kit finds auth-service, for API-key introspection. */
@ConfigMapping(prefix = "security.auth-service")
public interface SecurityKitConfig {

    /** Base URL of auth-service, e.g. {@code http://auth-service:8081}. */
    String url();

    /** How long one introspection call may take before the request is answered 503. */
    @WithDefault("2S")
    Duration timeout();
}
