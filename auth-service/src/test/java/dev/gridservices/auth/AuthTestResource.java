package dev.gridservices.auth;

import dev.gridservices.testkit.InfrastructureResource;
import dev.gridservices.testkit.auth.TestVenRegistry;
import java.util.HashMap;
import java.util.Map;

/** The shared infrastructure plus the stand-in for device-service's VEN registry. */
public class AuthTestResource extends InfrastructureResource {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("auth.ven-registry.url", TestVenRegistry.url());
        return config;
    }
}
