package dev.gridservices.mqtt.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gridservices.mqtt.Cases;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The same topic cases the broker tests run, against the policy alone; and the client-id rule. */
class TopicPolicyTest {

    private static final Principal VEN = Principal.ven("ven-1", "cl-1", Instant.now().plusSeconds(60));
    private static final Principal SERVICE = Principal.service("dispatch-service");

    @TestFactory
    Stream<DynamicTest> everyTopicCase() {
        return Cases.load().topics().stream().map(c -> DynamicTest.dynamicTest(c.describe(), () -> {
            String topic = Cases.resolve(c.topic(), "ven-1", "ven-2");
            Principal principal = c.isService() ? SERVICE : VEN;
            boolean allowed = c.isSubscribe()
                    ? TopicPolicy.maySubscribe(principal, topic)
                    : TopicPolicy.mayPublish(principal, topic);
            assertThat(allowed).as(topic).isEqualTo(c.allowed());
        }));
    }

    @Test
    void aPublishTopicWithAWildcardIsNeverAllowed() {
        assertThat(TopicPolicy.mayPublish(VEN, "texture/v2/ven-1/events/#")).isFalse();
        assertThat(TopicPolicy.mayPublish(SERVICE, "texture/v2/+/events")).isFalse();
    }

    @Test
    void aVenUsesItsVenIdOrVenIdColonSuffixAsClientId() {
        assertThat(TopicPolicy.mayUseClientId(VEN, "ven-1")).isTrue();
        assertThat(TopicPolicy.mayUseClientId(VEN, "ven-1:backup")).isTrue();
        assertThat(TopicPolicy.mayUseClientId(VEN, "ven-1:")).isFalse();
        assertThat(TopicPolicy.mayUseClientId(VEN, "ven-10")).isFalse();
        assertThat(TopicPolicy.mayUseClientId(VEN, "ven-2")).isFalse();
        assertThat(TopicPolicy.mayUseClientId(VEN, "")).isFalse();
        assertThat(TopicPolicy.mayUseClientId(SERVICE, "dispatch-service")).isTrue();
    }

    @Test
    void venIdsThatCouldEscapeTheirLevelOrTheClientIdRuleAreRefused() {
        for (String bad : new String[] {"", "a/b", "+", "#", "ven#", ".", "..", "a:b", "$SYS"}) {
            assertThat(TopicPolicy.isVenId(bad)).as(bad).isFalse();
            assertThatThrownBy(() -> Principal.ven(bad, "cl", Instant.now())).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
