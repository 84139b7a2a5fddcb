package dev.gridservices.testkit;

import dev.gridservices.testkit.auth.TestAuthServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Points a Quarkus test at the shared real infrastructure: PostgreSQL (JDBC for Flyway, reactive for
 * Hibernate Reactive), Kafka, the MQTT broker, and the {@link TestAuthServer} standing in for auth-service
 * (OIDC issuer and API-key introspection, for libs/security-kit) and the service credential of
 * {@code /internal/*} calls. Declare it once per module:
 * {@code @QuarkusTestResource(InfrastructureResource.class)}.
 */
public class InfrastructureResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(databaseConfig(database()));
        config.put("kafka.bootstrap.servers", Infrastructure.kafka().bootstrapServers());
        EmbeddedMqttBroker mqtt = Infrastructure.mqtt();
        config.put("mp.messaging.connector.smallrye-mqtt.host", mqtt.host());
        config.put("mp.messaging.connector.smallrye-mqtt.port", String.valueOf(mqtt.port()));
        config.put("mqtt.host", mqtt.host());
        config.put("mqtt.port", String.valueOf(mqtt.port()));
        String authServer = TestAuthServer.url();
        config.put("quarkus.oidc.auth-server-url", authServer);
        config.put("security.auth-service.url", authServer);
        // The secret every service presents to the others' /internal/* endpoints (the test auth server's too).
        config.put("security.service-credential", TestAuthServer.SERVICE_CREDENTIAL);
        return config;
    }

    /** The database this resource points at; the shared one unless a subclass brings its own. */
    protected EmbeddedPostgresServer database() {
        return Infrastructure.postgres();
    }

    static Map<String, String> databaseConfig(EmbeddedPostgresServer postgres) {
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(),
                "quarkus.datasource.reactive.url", postgres.reactiveUrl(),
                "quarkus.datasource.username", postgres.username(),
                "quarkus.datasource.password", "");
    }

    @Override
    public void stop() {
        // Shared infrastructure outlives one Quarkus application; Infrastructure stops it at JVM exit.
    }
}
