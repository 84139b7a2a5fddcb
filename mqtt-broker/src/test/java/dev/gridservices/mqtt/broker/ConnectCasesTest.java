package dev.gridservices.mqtt.broker;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import dev.gridservices.mqtt.Cases;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** mqtt-cases.yaml "connects": who may connect, with which client id, against the real broker. */
class ConnectCasesTest {

    @TestFactory
    Stream<DynamicTest> everyConnectCase() {
        return Cases.load().connects().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            String self = "ven-" + UUID.randomUUID().toString().substring(0, 8);
            String other = "ven-" + UUID.randomUUID().toString().substring(0, 8);
            Client victim = null;
            if (c.whileConnected() != null) {
                String venId = Cases.resolve(c.whileConnected(), self, other);
                victim = Client.create(venId);
                assertThat(victim.connect(Credentials.token(venId), new byte[0], false, 300))
                        .isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
            }
            Credentials.Login login = Credentials.login(c.credential(), self, other);
            try (Client client = Client.create(Cases.resolve(c.clientId(), self, other))) {
                assertThat(client.connect(login.username(), login.password()))
                        .isEqualTo(Mqtt5ConnAckReasonCode.valueOf(c.expect()));
                assertThat(client.isConnected()).isEqualTo("SUCCESS".equals(c.expect()));
            }
            if (victim != null) {
                // the refused takeover left the rightful connection alone: it is still served
                assertThat(victim.subscribe("texture/v2/" + Cases.resolve(c.whileConnected(), self, other) + "/events/#"))
                        .isEqualTo(Mqtt5SubAckReasonCode.GRANTED_QOS_1);
                assertThat(victim.isConnected()).isTrue();
                victim.close();
            }
        }));
    }
}
