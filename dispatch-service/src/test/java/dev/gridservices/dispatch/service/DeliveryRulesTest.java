package dev.gridservices.dispatch.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridservices.dispatch.client.WebhookClient;
import org.junit.jupiter.api.Test;

/** The pure rules of delivery: the callbackUrl check, and the Standard Webhooks test vector. */
class DeliveryRulesTest {

    @Test
    void callbackUrlsMustBeHttpWithAHostAndNoCredentials() {
        assertThat(SubscriptionValidator.callbackProblem("https://hooks.example.com/texture")).isNull();
        assertThat(SubscriptionValidator.callbackProblem("http://10.0.0.1:8080/x?y=1")).isNull();
        assertThat(SubscriptionValidator.callbackProblem("ftp://hooks.example.com")).contains("http");
        assertThat(SubscriptionValidator.callbackProblem("https://u:p@hooks.example.com")).contains("credentials");
        assertThat(SubscriptionValidator.callbackProblem("https:///x")).contains("host");
        assertThat(SubscriptionValidator.callbackProblem("https://a.example/#frag")).contains("fragment");
    }

    @Test
    void signaturesMatchTheStandardWebhooksReferenceVector() {
        // the example of the Standard Webhooks specification (standard-webhooks/standard-webhooks, spec)
        WebhookClient.Signed signed = WebhookClient.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, "{\"test\": 2432232314}");
        assertThat(signed.signature()).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }
}
