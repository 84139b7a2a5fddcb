package dev.gridservices.localstack.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moquette.broker.subscriptions.Topic;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MqttTopicPolicyTest {

    private static final MqttPrincipal VEN_A = MqttPrincipal.ven("ven-a");

    @ParameterizedTest
    @ValueSource(strings = {"texture/v2/ven-a/events/evt-1", "texture/v2/ven-a/events/#", "texture/v2/ven-a/#",
            "texture/v2/ven-a/+/evt-1", "texture/v2/ven-a/reports"})
    void aVenMayUseItsOwnTopics(String topic) {
        assertThat(MqttTopicPolicy.allows(VEN_A, topic)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"texture/v2/ven-b/events/evt-1", "texture/v2/ven-b/#", "texture/v2/#", "texture/#", "#",
            "texture/v2/+/events/#", "texture/v2/+/#", "+/v2/ven-a/events", "texture/+/ven-a/events",
            "texture/v2/ven-a", "texture/v2/ven-a-other/events", "texture/v2/ven/events", "texture/v2/ven-a/../ven-b/events",
            "texture/v2/../v2/ven-b/events", "texture/v2/./ven-a/events", "/texture/v2/ven-a/events",
            "Texture/v2/ven-a/events", "texture/v1/ven-a/events", "$share/g/texture/v2/ven-a/events", ""})
    void aVenMayNotReachBeyondItsOwnTopics(String topic) {
        assertThat(MqttTopicPolicy.allows(VEN_A, topic)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"texture/v2/ven-a/events/evt-1", "texture/v2/#", "texture/v2/+/events/#"})
    void aPlatformServiceMayUseAnyTopicUnderTextureV2(String topic) {
        assertThat(MqttTopicPolicy.allows(MqttPrincipal.platformService(), topic)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"#", "texture/#", "texture/v2", "other/v2/ven-a", "texture/v2/../../other"})
    void aPlatformServiceStaysUnderTextureV2(String topic) {
        assertThat(MqttTopicPolicy.allows(MqttPrincipal.platformService(), topic)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"+", "#", "a/b", "..", ".", ""})
    void aVenIdThatCouldActAsAWildcardOrSeparatorIsNoPrincipal(String venId) {
        assertThatThrownBy(() -> MqttPrincipal.ven(venId)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theBrokerAsksForTheConnectionsOwnPrincipal() {
        MqttTopicPolicy policy = new MqttTopicPolicy((client, user) ->
                client.equals("client-a") && user.equals("token-a") ? Optional.of(VEN_A) : Optional.empty());
        Topic own = new Topic("texture/v2/ven-a/events/#");

        assertThat(policy.canRead(own, "token-a", "client-a")).isTrue();
        assertThat(policy.canWrite(own, "token-a", "client-a")).isTrue();
        assertThat(policy.canRead(new Topic("texture/v2/#"), "token-a", "client-a")).isFalse();
        assertThat(policy.canRead(own, "token-b", "client-a")).isFalse();
        assertThat(policy.canRead(own, null, "client-a")).isFalse();
        assertThat(policy.canWrite(own, "token-a", "client-b")).isFalse();
    }
}
