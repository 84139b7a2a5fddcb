package dev.gridservices.mqtt.extension;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.events.client.ClientLifecycleEventListener;
import com.hivemq.extension.sdk.api.events.client.parameters.AuthenticationSuccessfulInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ConnectionStartInput;
import com.hivemq.extension.sdk.api.events.client.parameters.DisconnectEventInput;
import com.hivemq.extension.sdk.api.packets.disconnect.DisconnectReasonCode;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import dev.gridservices.mqtt.auth.JwksKeySet;
import dev.gridservices.mqtt.auth.ServiceCredential;
import dev.gridservices.mqtt.auth.TokenVerifier;
import dev.gridservices.mqtt.client.ActiveClientsClient;
import dev.gridservices.mqtt.config.BrokerConfig;
import dev.gridservices.mqtt.metrics.BrokerMetrics;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The broker's own extension, run in-process: access-token and service-credential authentication,
 * per-VEN topic authorization, disconnect at token expiry and on revocation. Its scheduler (JWKS
 * refresh, revocation poll, expiry disconnects, waits for an unknown kid) is its own, never a broker
 * network thread.
 */
public final class GridExtension implements ExtensionMain {

    private final BrokerConfig config;
    private final BrokerMetrics metrics;
    private ScheduledExecutorService scheduler;
    private JwksKeySet keys;
    private ConnectionRegistry registry;

    public GridExtension(BrokerConfig config, BrokerMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    @Override
    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2, runnable -> {
            Thread thread = new Thread(runnable, "mqtt-broker-auth");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        scheduler = executor;
        keys = new JwksKeySet(config.jwksUrl(), config.jwksRefreshInterval(), config.jwksMinRefetchInterval(),
                scheduler, Clock.systemUTC());
        TokenVerifier verifier = new TokenVerifier(keys, config.issuer(), config.audience());
        ActiveClientsClient activeClients = new ActiveClientsClient(config.authServiceUrl(),
                config.serviceCredential(), scheduler);
        registry = new ConnectionRegistry(scheduler, activeClients, (clientId, reason) -> {
            boolean expired = reason == ConnectionRegistry.Reason.TOKEN_EXPIRED;
            metrics.disconnected(expired ? BrokerMetrics.Disconnect.TOKEN_EXPIRED : BrokerMetrics.Disconnect.CLIENT_REVOKED);
            Services.clientService().disconnectClient(clientId, false,
                    expired ? DisconnectReasonCode.MAXIMUM_CONNECT_TIME : DisconnectReasonCode.NOT_AUTHORIZED,
                    expired ? "access token expired" : "OAuth client revoked");
        });
        metrics.connections(registry, connections -> connections.count(false), connections -> connections.count(true));
        TokenAuthenticator authenticator = new TokenAuthenticator(verifier, keys,
                new ServiceCredential(config.serviceCredential()), registry, scheduler, metrics);
        TopicAuthorizer authorizer = new TopicAuthorizer(registry, metrics);
        Services.securityRegistry().setAuthenticatorProvider(providerInput -> authenticator);
        Services.securityRegistry().setAuthorizerProvider(providerInput -> authorizer);
        Services.eventRegistry().setClientLifecycleEventListener(providerInput -> new Lifecycle(registry));
        keys.start();
        registry.start(config.revocationPollInterval());
    }

    @Override
    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
        keys.close();
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The registry of authenticated connections (for tests and metrics). */
    public ConnectionRegistry registry() {
        return registry;
    }

    /** Forgets a connection's principal when it goes, whichever way it goes. */
    private record Lifecycle(ConnectionRegistry registry) implements ClientLifecycleEventListener {

        @Override
        public void onMqttConnectionStart(ConnectionStartInput input) {
            // nothing to do before authentication
        }

        @Override
        public void onAuthenticationSuccessful(AuthenticationSuccessfulInput input) {
            // registered by the authenticator, together with the connection id
        }

        @Override
        public void onDisconnect(DisconnectEventInput input) {
            input.getConnectionInformation().getConnectionAttributeStore()
                    .getAsString(TokenAuthenticator.CONNECTION_ID)
                    .ifPresent(connectionId ->
                            registry.disconnected(input.getClientInformation().getClientId(), connectionId));
        }
    }
}
