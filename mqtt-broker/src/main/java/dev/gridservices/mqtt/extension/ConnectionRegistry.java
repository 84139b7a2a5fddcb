package dev.gridservices.mqtt.extension;

import dev.gridservices.mqtt.auth.Principal;
import dev.gridservices.mqtt.client.ActiveClientsClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authenticated connections, by MQTT client id, each with a connection id of its own (a takeover by
 * the same VEN replaces the entry; the old connection's late disconnect event must not remove the new
 * one). A VEN's connection is closed when its token expires, or when auth-service no longer lists its
 * OAuth client as active. Entries go when their connection does.
 */
public final class ConnectionRegistry {

    /** Closes a client's current connection (HiveMQ's ClientService in the broker). */
    public interface Disconnector {
        void disconnect(String clientId, Reason reason);
    }

    public enum Reason { TOKEN_EXPIRED, CLIENT_REVOKED }

    record Connection(String connectionId, Principal principal, ScheduledFuture<?> expiry) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionRegistry.class);

    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;
    private final ActiveClientsClient activeClients;
    private final Disconnector disconnector;

    public ConnectionRegistry(ScheduledExecutorService scheduler, ActiveClientsClient activeClients,
                              Disconnector disconnector) {
        this.scheduler = scheduler;
        this.activeClients = activeClients;
        this.disconnector = disconnector;
    }

    /** Starts the revocation poll. */
    public void start(Duration revocationPollInterval) {
        long millis = revocationPollInterval.toMillis();
        scheduler.scheduleWithFixedDelay(this::checkRevocations, millis, millis, TimeUnit.MILLISECONDS);
    }

    public void connected(String clientId, String connectionId, Principal principal) {
        ScheduledFuture<?> expiry = null;
        if (!principal.isService()) {
            long delay = Math.max(0, Duration.between(Instant.now(), principal.expiresAt()).toMillis());
            expiry = scheduler.schedule(() -> closeIfCurrent(clientId, connectionId, Reason.TOKEN_EXPIRED),
                    delay, TimeUnit.MILLISECONDS);
        }
        Connection previous = connections.put(clientId, new Connection(connectionId, principal, expiry));
        cancel(previous);
    }

    public void disconnected(String clientId, String connectionId) {
        Connection[] removed = new Connection[1];
        connections.computeIfPresent(clientId, (id, current) -> {
            if (current.connectionId().equals(connectionId)) {
                removed[0] = current;
                return null;
            }
            return current;
        });
        cancel(removed[0]);
    }

    /** The principal of exactly this connection, while it is registered. */
    public Optional<Principal> principal(String clientId, String connectionId) {
        Connection connection = connections.get(clientId);
        return connection != null && connection.connectionId().equals(connectionId)
                ? Optional.of(connection.principal())
                : Optional.empty();
    }

    public boolean registered(String clientId) {
        return connections.containsKey(clientId);
    }

    /** How many connections of platform services ({@code true}) or of VENs ({@code false}) are registered. */
    public long count(boolean services) {
        return connections.values().stream().filter(connection -> connection.principal().isService() == services).count();
    }

    /** One round of the revocation poll: disconnects VENs whose OAuth client auth-service no longer lists. */
    void checkRevocations() {
        try {
            Map<String, Connection> snapshot = Map.copyOf(connections);
            List<String> oauthClients = snapshot.values().stream()
                    .map(Connection::principal)
                    .filter(principal -> !principal.isService())
                    .map(Principal::oauthClientId)
                    .distinct()
                    .toList();
            if (oauthClients.isEmpty()) {
                return;
            }
            Optional<Set<String>> active = activeClients.active(oauthClients);
            if (active.isEmpty()) {
                return;
            }
            snapshot.forEach((clientId, connection) -> {
                Principal principal = connection.principal();
                if (!principal.isService() && !active.get().contains(principal.oauthClientId())) {
                    closeIfCurrent(clientId, connection.connectionId(), Reason.CLIENT_REVOKED);
                }
            });
        } catch (RuntimeException e) {
            // the poll must survive anything one round throws, or revocations would stop being enforced
            LOG.error("Revocation check failed", e);
        }
    }

    private void closeIfCurrent(String clientId, String connectionId, Reason reason) {
        if (principal(clientId, connectionId).isPresent()) {
            LOG.info("Closing MQTT client {}: {}", clientId, reason);
            disconnector.disconnect(clientId, reason);
        }
    }

    private static void cancel(Connection connection) {
        if (connection != null && connection.expiry() != null) {
            connection.expiry().cancel(false);
        }
    }
}
