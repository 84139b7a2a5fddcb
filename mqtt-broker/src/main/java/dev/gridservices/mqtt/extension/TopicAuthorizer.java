package dev.gridservices.mqtt.extension;

import com.hivemq.extension.sdk.api.auth.PublishAuthorizer;
import com.hivemq.extension.sdk.api.auth.SubscriptionAuthorizer;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerOutput;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.subscribe.SubackReasonCode;
import com.hivemq.extension.sdk.api.parameter.ClientBasedInput;
import dev.gridservices.mqtt.auth.Principal;
import dev.gridservices.mqtt.auth.TopicPolicy;
import dev.gridservices.mqtt.metrics.BrokerMetrics;
import java.util.Optional;

/**
 * Every SUBSCRIBE and PUBLISH (including a CONNECT's will) is checked against {@link TopicPolicy} for the
 * principal of exactly that connection. A refused subscription gets a SUBACK failure (0x87 for MQTT 5,
 * 0x80 for 3.1.1) and the connection stays; a refused publish gets PUBACK 0x87 (QoS 1, MQTT 5), and
 * HiveMQ then closes the connection — for MQTT 3.1.1, which has no negative PUBACK, at once.
 */
final class TopicAuthorizer implements SubscriptionAuthorizer, PublishAuthorizer {

    private final ConnectionRegistry registry;
    private final BrokerMetrics metrics;

    TopicAuthorizer(ConnectionRegistry registry, BrokerMetrics metrics) {
        this.registry = registry;
        this.metrics = metrics;
    }

    @Override
    public void authorizeSubscribe(SubscriptionAuthorizerInput input, SubscriptionAuthorizerOutput output) {
        String filter = input.getSubscription().getTopicFilter();
        if (principal(input).filter(principal -> TopicPolicy.maySubscribe(principal, filter)).isPresent()) {
            output.authorizeSuccessfully();
        } else {
            metrics.denied(BrokerMetrics.Action.SUBSCRIBE);
            output.failAuthorization(SubackReasonCode.NOT_AUTHORIZED, "not your topic");
        }
    }

    @Override
    public void authorizePublish(PublishAuthorizerInput input, PublishAuthorizerOutput output) {
        String topic = input.getPublishPacket().getTopic();
        if (principal(input).filter(principal -> TopicPolicy.mayPublish(principal, topic)).isPresent()) {
            output.authorizeSuccessfully();
        } else {
            metrics.denied(BrokerMetrics.Action.PUBLISH);
            output.failAuthorization(AckReasonCode.NOT_AUTHORIZED, "not your topic");
        }
    }

    private Optional<Principal> principal(ClientBasedInput input) {
        return input.getConnectionInformation().getConnectionAttributeStore()
                .getAsString(TokenAuthenticator.CONNECTION_ID)
                .flatMap(connectionId -> registry.principal(input.getClientInformation().getClientId(), connectionId));
    }
}
