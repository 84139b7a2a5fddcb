package dev.gridservices.mqtt.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The broker's meters, read the way Prometheus reads them: GET /q/metrics on the metrics port. */
class BrokerMetricsTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private String scrape() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + TestBroker.get().metricsPort() + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** The value of one series, e.g. {@code mqtt_broker_connections{kind="ven",}}. */
    private double value(String series) throws Exception {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape());
        assertThat(m.find()).as("series %s is exported", series).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void connectionsAreCountedByKindWhileTheyLast() throws Exception {
        String ven = "ven-" + UUID.randomUUID().toString().substring(0, 8);
        double vens = value("mqtt_broker_connections{kind=\"ven\",}");
        double services = value("mqtt_broker_connections{kind=\"service\",}");
        try (Client venClient = Client.create(ven);
             Client service = Client.create("dispatch-service-" + UUID.randomUUID())) {
            assertThat(venClient.connect(Credentials.token(ven), new byte[0])).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
            Credentials.Login login = Credentials.service("dispatch-service");
            assertThat(service.connect(login.username(), login.password())).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);

            assertThat(value("mqtt_broker_connections{kind=\"ven\",}")).isEqualTo(vens + 1);
            assertThat(value("mqtt_broker_connections{kind=\"service\",}")).isEqualTo(services + 1);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(value("mqtt_broker_connections{kind=\"ven\",}")).isEqualTo(vens);
            assertThat(value("mqtt_broker_connections{kind=\"service\",}")).isEqualTo(services);
        });
    }

    @Test
    void refusedConnectsAndDeniedTopicsAreCountedByReason() throws Exception {
        String ven = "ven-" + UUID.randomUUID().toString().substring(0, 8);
        double badCredentials = value("mqtt_broker_connects_refused_total{reason=\"bad_credentials\",}");
        double notAuthorized = value("mqtt_broker_connects_refused_total{reason=\"not_authorized\",}");
        double deniedSubscribes = value("mqtt_broker_authorizations_denied_total{action=\"subscribe\",}");

        try (Client guesser = Client.create("dispatch-service-" + UUID.randomUUID())) {
            assertThat(guesser.connect("service:dispatch-service", "guessed-guessed-guessed".getBytes(StandardCharsets.UTF_8)))
                    .isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
        }
        try (Client forger = Client.create(ven)) {
            assertThat(forger.connect("not-a-token", new byte[0])).isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);
        }
        try (Client client = Client.create(ven)) {
            assertThat(client.connect(Credentials.token(ven), new byte[0])).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
            assertThat(client.subscribe("texture/v2/someone-else/events/#")).isEqualTo(Mqtt5SubAckReasonCode.NOT_AUTHORIZED);
        }

        assertThat(value("mqtt_broker_connects_refused_total{reason=\"bad_credentials\",}")).isEqualTo(badCredentials + 1);
        assertThat(value("mqtt_broker_connects_refused_total{reason=\"not_authorized\",}")).isEqualTo(notAuthorized + 1);
        assertThat(value("mqtt_broker_authorizations_denied_total{action=\"subscribe\",}")).isEqualTo(deniedSubscribes + 1);
        assertThat(scrape()).contains("mqtt_broker_disconnects_total{reason=\"token_expired\",}")
                .contains("mqtt_broker_authorizations_denied_total{action=\"publish\",}")
                .contains("# TYPE mqtt_broker_connections gauge");
    }
}
