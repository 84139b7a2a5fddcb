package dev.gridservices.mqtt.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import dev.gridservices.testkit.auth.TestToken;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;

/** A connection lives as long as its token and its OAuth client: expiry, revocation, key rotation, cleanup. */
class ConnectionLifetimeTest {

    private static String newVen() {
        return "ven-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void theBrokerClosesAVenConnectionWhenItsTokenExpires() throws Exception {
        String venId = newVen();
        String token = TestToken.forOrganization("org-mqtt").client(Credentials.oauthClientFor(venId)).ven(venId)
                .scopes("read_events").expiresIn(Duration.ofSeconds(3)).mint();
        Instant expiresAt = Instant.ofEpochSecond(new JwtConsumerBuilder().setSkipAllValidators()
                .setDisableRequireSignature().setSkipSignatureVerification().build()
                .processToClaims(token).getExpirationTime().getValue());
        try (Client ven = Client.create(venId)) {
            assertThat(ven.connect(token, new byte[0])).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
            await().atMost(Duration.between(Instant.now(), expiresAt).plusSeconds(5)).until(() -> !ven.isConnected());
            assertThat(ven.serverDisconnectReason()).contains(Mqtt5DisconnectReasonCode.MAXIMUM_CONNECT_TIME);
            assertThat(ven.disconnectedAt().orElseThrow()).isAfterOrEqualTo(expiresAt.minusMillis(50));
        }
    }

    @Test
    void theBrokerClosesTheConnectionsOfARevokedOauthClientAndKeepsTheOthers() {
        AuthStub auth = TestBroker.get().auth;
        String revokedVen = newVen();
        String activeVen = newVen();
        try (Client revoked = Client.create(revokedVen); Client active = Client.create(activeVen)) {
            assertThat(revoked.connect(Credentials.token(revokedVen), new byte[0])).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
            assertThat(active.connect(Credentials.token(activeVen), new byte[0])).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
            // the poll names both connected OAuth clients
            await().atMost(Duration.ofSeconds(10)).until(() -> auth.activeQueries().stream().anyMatch(query ->
                    query.contains(Credentials.oauthClientFor(revokedVen)) && query.contains(Credentials.oauthClientFor(activeVen))));

            auth.revoke(Credentials.oauthClientFor(revokedVen));
            await().atMost(Duration.ofSeconds(10)).until(() -> !revoked.isConnected());
            assertThat(revoked.serverDisconnectReason()).contains(Mqtt5DisconnectReasonCode.NOT_AUTHORIZED);

            // a full poll round after the disconnect, and the other VEN is still connected and served
            int rounds = auth.activeQueries().size();
            await().atMost(Duration.ofSeconds(10)).until(() -> auth.activeQueries().size() > rounds + 1);
            assertThat(active.isConnected()).isTrue();
            assertThat(active.subscribe("texture/v2/" + activeVen + "/events/#")).isEqualTo(Mqtt5SubAckReasonCode.GRANTED_QOS_1);
            assertThat(auth.refusedQueries()).isZero();
        }
    }

    @Test
    void aTokenSignedByANewlyPublishedKeyConnectsAfterARefetch() throws Exception {
        AuthStub auth = TestBroker.get().auth;
        String venId = newVen();
        EllipticCurveJsonWebKey rotated = auth.publishNewEcKey();
        String token = auth.es256Token(rotated, venId, Credentials.oauthClientFor(venId), 600);
        int fetchesBefore = auth.jwksFetches();
        // the first try may fall in the refetch throttle (1 s here) after another test's fetch
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).until(() -> {
            try (Client ven = Client.create(venId)) {
                return ven.connect(token, new byte[0]) == Mqtt5ConnAckReasonCode.SUCCESS;
            }
        });
        assertThat(auth.jwksFetches()).isGreaterThan(fetchesBefore);
    }

    @Test
    void tokensWithUnknownKidsTriggerAtMostOneFetchPerThrottleInterval() throws Exception {
        AuthStub auth = TestBroker.get().auth;
        String venId = newVen();
        EllipticCurveJsonWebKey neverPublished = org.jose4j.jwk.EcJwkGenerator.generateJwk(
                org.jose4j.keys.EllipticCurves.P256);
        neverPublished.setKeyId("never-published-" + UUID.randomUUID());
        String token = auth.es256Token(neverPublished, venId, Credentials.oauthClientFor(venId), 600);
        int fetchesBefore = auth.jwksFetches();
        long begin = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            try (Client ven = Client.create(venId + ":" + i)) {
                assertThat(ven.connect(token, new byte[0])).isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);
            }
        }
        long seconds = Duration.ofNanos(System.nanoTime() - begin).toSeconds();
        // one fetch per started second of the 1 s throttle, at most, however many tokens arrive
        assertThat(auth.jwksFetches() - fetchesBefore).isLessThanOrEqualTo((int) seconds + 1);
    }

    @Test
    void aDisconnectedClientsPrincipalIsForgotten() {
        String venId = newVen();
        Client ven = Client.create(venId);
        assertThat(ven.connect(Credentials.token(venId), new byte[0])).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        assertThat(TestBroker.get().broker.connections().registered(venId)).isTrue();
        ven.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> !TestBroker.get().broker.connections().registered(venId));
    }

    @Test
    void aReconnectOfTheSameVenKeepsItsGrantsWhenTheOldConnectionGoes() {
        String venId = newVen();
        String token = Credentials.token(venId);
        Client first = Client.create(venId);
        assertThat(first.connect(token, new byte[0])).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        try (Client second = Client.create(venId)) {
            assertThat(second.connect(token, new byte[0])).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
            // the first connection was taken over by the same VEN; its late disconnect leaves the new grant alone
            await().atMost(Duration.ofSeconds(10)).until(() -> !first.isConnected());
            assertThat(first.serverDisconnectReason()).contains(Mqtt5DisconnectReasonCode.SESSION_TAKEN_OVER);
            assertThat(second.subscribe("texture/v2/" + venId + "/events/#")).isEqualTo(Mqtt5SubAckReasonCode.GRANTED_QOS_1);
        }
    }

    @Test
    void aWillMessageOnAnotherVensTopicIsRefusedAtConnect() {
        String venId = newVen();
        try (Client ven = Client.create(venId)) {
            assertThat(ven.connectWithWill(Credentials.token(venId), new byte[0], "texture/v2/" + newVen() + "/events/x"))
                    .isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);
        }
        // the token itself was fine; the refused CONNECT leaves no principal behind
        await().atMost(Duration.ofSeconds(10)).until(() -> !TestBroker.get().broker.connections().registered(venId));
        String own = newVen();
        try (Client ven = Client.create(own)) {
            assertThat(ven.connectWithWill(Credentials.token(own), new byte[0], "texture/v2/" + own + "/status"))
                    .isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        }
    }
}
