package dev.gridservices.mqtt.extension;

import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import dev.gridservices.mqtt.auth.JwksKeySet;
import dev.gridservices.mqtt.auth.Principal;
import dev.gridservices.mqtt.auth.ServiceCredential;
import dev.gridservices.mqtt.auth.TokenVerifier;
import dev.gridservices.mqtt.auth.TopicPolicy;
import dev.gridservices.mqtt.metrics.BrokerMetrics;
import dev.gridservices.mqtt.metrics.BrokerMetrics.Refusal;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;

/**
 * CONNECT: a VEN sends its access token as username (password empty or ignored), a platform service
 * {@code service:<name>} and the platform service credential. The token is checked against the keys in
 * memory; a kid not (yet) known asks the key set for a throttled refetch and the CONNECT waits for it
 * asynchronously (never on a broker thread). Tokens and credentials are never logged.
 */
final class TokenAuthenticator implements SimpleAuthenticator {

    static final String CONNECTION_ID = "gridservices.connection-id";
    /** Longer than a JWKS fetch can take (5 s connect + 5 s response timeouts). */
    private static final Duration UNKNOWN_KEY_WAIT = Duration.ofSeconds(15);

    private final TokenVerifier verifier;
    private final JwksKeySet keys;
    private final ServiceCredential serviceCredential;
    private final ConnectionRegistry registry;
    private final Executor executor;
    private final BrokerMetrics metrics;

    TokenAuthenticator(TokenVerifier verifier, JwksKeySet keys, ServiceCredential serviceCredential,
                       ConnectionRegistry registry, Executor executor, BrokerMetrics metrics) {
        this.verifier = verifier;
        this.keys = keys;
        this.serviceCredential = serviceCredential;
        this.registry = registry;
        this.executor = executor;
        this.metrics = metrics;
    }

    @Override
    public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        ConnectPacket connect = input.getConnectPacket();
        String clientId = connect.getClientId();
        Optional<String> username = connect.getUserName().filter(name -> !name.isEmpty());
        if (username.isEmpty()) {
            refuse(output, ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "username required");
            return;
        }
        String connectionId = UUID.randomUUID().toString();
        if (ServiceCredential.isServiceUsername(username.get())) {
            Optional<Principal> service = serviceCredential.authenticate(username.get(), bytes(connect.getPassword()));
            if (service.isEmpty()) {
                refuse(output, ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "bad service credential");
                return;
            }
            accept(input, output, clientId, connectionId, service.get());
            return;
        }
        TokenVerifier.Result result = verifier.verify(username.get());
        if (result instanceof TokenVerifier.UnknownKey) {
            Async<SimpleAuthOutput> async = output.async(UNKNOWN_KEY_WAIT, TimeoutFallback.FAILURE,
                    ConnackReasonCode.NOT_AUTHORIZED, "signing key unavailable");
            keys.refreshForUnknownKid().whenCompleteAsync((ignored, failure) -> {
                try {
                    finish(input, output, clientId, connectionId, verifier.verify(username.get()));
                } finally {
                    async.resume();
                }
            }, executor);
            return;
        }
        finish(input, output, clientId, connectionId, result);
    }

    private void finish(SimpleAuthInput input, SimpleAuthOutput output, String clientId, String connectionId,
                        TokenVerifier.Result result) {
        if (result instanceof TokenVerifier.Accepted accepted) {
            if (!TopicPolicy.mayUseClientId(accepted.principal(), clientId)) {
                // another VEN's client id would take over its session
                refuse(output, ConnackReasonCode.NOT_AUTHORIZED,
                        "client id must be the venID or start with 'venID:'");
                return;
            }
            accept(input, output, clientId, connectionId, accepted.principal());
        } else if (result instanceof TokenVerifier.Rejected rejected) {
            refuse(output, ConnackReasonCode.NOT_AUTHORIZED, rejected.reason());
        } else {
            refuse(output, ConnackReasonCode.NOT_AUTHORIZED, "unknown signing key");
        }
    }

    private void accept(SimpleAuthInput input, SimpleAuthOutput output, String clientId, String connectionId,
                        Principal principal) {
        if (clientId == null || clientId.isEmpty()) {
            refuse(output, ConnackReasonCode.CLIENT_IDENTIFIER_NOT_VALID, "client id required");
            return;
        }
        input.getConnectionInformation().getConnectionAttributeStore().putAsString(CONNECTION_ID, connectionId);
        registry.connected(clientId, connectionId, principal);
        output.authenticateSuccessfully();
    }

    private void refuse(SimpleAuthOutput output, ConnackReasonCode code, String reason) {
        metrics.refused(switch (code) {
            case BAD_USER_NAME_OR_PASSWORD -> Refusal.BAD_CREDENTIALS;
            case CLIENT_IDENTIFIER_NOT_VALID -> Refusal.CLIENT_ID;
            default -> Refusal.NOT_AUTHORIZED;
        });
        output.failAuthentication(code, reason);
    }

    private static byte[] bytes(Optional<ByteBuffer> password) {
        if (password.isEmpty()) {
            return null;
        }
        ByteBuffer buffer = password.get().asReadOnlyBuffer();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
