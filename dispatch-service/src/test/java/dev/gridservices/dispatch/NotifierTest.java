package dev.gridservices.dispatch;

import static dev.gridservices.dispatch.Fixtures.id;
import static dev.gridservices.dispatch.Fixtures.utility;
import static dev.gridservices.dispatch.Fixtures.ven;
import static org.hamcrest.Matchers.equalTo;

import com.atlassian.oai.validator.model.Request;
import dev.gridservices.testkit.Infrastructure;
import dev.gridservices.testkit.InfrastructureResource;
import dev.gridservices.testkit.openadr.OpenAdrSchema;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/** OpenADR 3.1 notifier discovery: the bindings, and a VEN's own MQTT event topics. */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
@QuarkusTestResource(MailServerResource.class)
class NotifierTest {

    @Test
    void notifiersNameTheWebhookBindingAndTheBrokerThisServicePublishesTo() {
        Response r = ven(id("oem"), id("ven")).get("/v2/notifiers");
        r.then().statusCode(200).body("WEBHOOK", equalTo(true)).body("MQTT.serialization", equalTo("JSON"))
                .body("MQTT.URIS[0]", equalTo("mqtt://" + Infrastructure.mqtt().host() + ":"
                        + Infrastructure.mqtt().port()))
                .body("MQTT.authentication.method", equalTo("OAUTH2_BEARER_TOKEN"))
                // the platform broker (mqtt-broker) takes the access token as username, password empty
                .body("MQTT.authentication.username", equalTo("{accessToken}"));
        OpenAdrSchema.assertValid("/notifiers", Request.Method.GET, 200, r.asString());
    }

    @Test
    void aVenGetsItsOwnEventTopicsOnly() {
        String oem = id("oem");
        String venId = id("ven");
        String base = "texture/v2/" + venId + "/events/";
        for (String path : new String[] {"/v2/notifiers/mqtt/topics/events",
                "/v2/notifiers/mqtt/topics/vens/" + venId + "/events",
                "/v2/notifiers/mqtt/topics/programs/prg-1/events"}) {
            Response r = ven(oem, venId).get(path);
            r.then().statusCode(200).body("topics.CREATE", equalTo(base + "+"))
                    .body("topics.UPDATE", equalTo(base + "+")).body("topics.DELETE", equalTo(base + "+"))
                    .body("topics.ALL", equalTo(base + "#"));
            OpenAdrSchema.assertValid(path.substring(3), Request.Method.GET, 200, r.asString());
        }
        ven(oem, venId).get("/v2/notifiers/mqtt/topics/vens/" + id("ven") + "/events").then().statusCode(404);
        utility(id("utl")).get("/v2/notifiers/mqtt/topics/events").then().statusCode(404);
        Fixtures.token("not-a-token").get("/v2/notifiers").then().statusCode(401);
    }
}
