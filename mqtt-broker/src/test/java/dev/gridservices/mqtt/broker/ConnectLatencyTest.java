package dev.gridservices.mqtt.broker;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Connect + authenticate latency of a VEN (CONNECT to CONNACK, new TCP connection each time), RS256 and
 * ES256 tokens, 200 each; printed for docs/mqtt.md. Every one of them must succeed.
 */
class ConnectLatencyTest {

    private static final int CONNECTS = 200;

    @Test
    void twoHundredVenConnectsWithRs256AndEs256Tokens() throws Exception {
        AuthStub auth = TestBroker.get().auth;
        System.out.printf("MQTT broker start (embedded HiveMQ CE + extension): %d ms%n", TestBroker.get().startMillis);
        measure("RS256", Credentials::token);
        measure("ES256", venId -> {
            try {
                return auth.es256Token(auth.currentEcKey(), venId, Credentials.oauthClientFor(venId), 600);
            } catch (org.jose4j.lang.JoseException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void measure(String algorithm, Function<String, String> tokenFor) {
        List<String> vens = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < CONNECTS + 20; i++) {
            String venId = "ven-lat-" + UUID.randomUUID().toString().substring(0, 8);
            vens.add(venId);
            tokens.add(tokenFor.apply(venId));
        }
        long[] micros = new long[CONNECTS];
        for (int i = 0; i < CONNECTS + 20; i++) {
            try (Client ven = Client.create(vens.get(i))) {
                long begin = System.nanoTime();
                assertThat(ven.connect(tokens.get(i), new byte[0])).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
                long elapsed = (System.nanoTime() - begin) / 1000;
                // the first 20 warm up the JIT and the client; they are not counted
                if (i >= 20) {
                    micros[i - 20] = elapsed;
                }
            }
        }
        Arrays.sort(micros);
        System.out.printf("VEN connect+auth (%s, %d connects): p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", algorithm,
                CONNECTS, micros[CONNECTS / 2] / 1000.0, micros[(int) (CONNECTS * 0.99) - 1] / 1000.0,
                micros[CONNECTS - 1] / 1000.0);
    }
}
