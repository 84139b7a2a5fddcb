package dev.gridservices.dispatch;

import static dev.gridservices.dispatch.Fixtures.id;
import static dev.gridservices.dispatch.Fixtures.scenario;
import static dev.gridservices.dispatch.Fixtures.subscribe;
import static dev.gridservices.dispatch.Fixtures.subscription;
import static dev.gridservices.dispatch.Fixtures.ven;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import com.atlassian.oai.validator.model.Request;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridservices.dispatch.Fixtures.Scenario;
import dev.gridservices.dispatch.client.WebhookClient;
import dev.gridservices.testkit.Infrastructure;
import dev.gridservices.testkit.InfrastructureResource;
import dev.gridservices.testkit.auth.TestCredentials;
import dev.gridservices.testkit.openadr.OpenAdrSchema;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Subscriptions and webhook delivery to real local HTTP receivers, with a real SMTP server for the health email. */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
@QuarkusTestResource(MailServerResource.class)
class WebhookTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void subscriptionsAreAVensOwnAndNeverShowTheBearerToken() {
        String oem = id("oem");
        String venId = id("ven");
        Response created = ven(oem, venId).body(subscription("prg-1", "https://hooks.example.com/x", "s3cret-token",
                null)).post("/v2/subscriptions");
        created.then().statusCode(201).header("Location", containsString("/v2/subscriptions/"))
                .body(not(containsString("s3cret-token")));
        OpenAdrSchema.assertValid("/subscriptions", Request.Method.POST, 201, created.asString());
        String subId = created.jsonPath().getString("id");
        assertThat(created.jsonPath().getString("objectOperations[0].callbackUrl"))
                .isEqualTo("https://hooks.example.com/x");

        Response list = ven(oem, venId).get("/v2/subscriptions");
        list.then().statusCode(200).body("id", hasItem(subId)).body(not(containsString("s3cret-token")));
        OpenAdrSchema.assertValid("/subscriptions", Request.Method.GET, 200, list.asString());
        ven(oem, id("ven")).get("/v2/subscriptions/" + subId).then().statusCode(404);
        ven(oem, id("ven")).get("/v2/subscriptions").then().statusCode(200).body("$", hasSize(0));
        ven(id("oem"), venId).get("/v2/subscriptions/" + subId).then().statusCode(404);

        Response replaced = ven(oem, venId).body(subscription("prg-1", "https://hooks.example.com/y", "t2", null))
                .put("/v2/subscriptions/" + subId);
        replaced.then().statusCode(200).body("objectOperations[0].callbackUrl", org.hamcrest.Matchers
                .equalTo("https://hooks.example.com/y"));
        OpenAdrSchema.assertValid("/subscriptions/" + subId, Request.Method.PUT, 200, replaced.asString());
        ven(oem, venId).delete("/v2/subscriptions/" + subId).then().statusCode(200);
        ven(oem, venId).get("/v2/subscriptions/" + subId).then().statusCode(404);
    }

    @Test
    void callbackUrlsAndRequestsAreValidated() {
        String oem = id("oem");
        String venId = id("ven");
        for (String url : List.of("ftp://hooks.example.com/x", "https://user:pw@hooks.example.com/x", "not a url",
                "https:///nohost")) {
            ven(oem, venId).body(subscription("prg-1", url, "t", null)).post("/v2/subscriptions").then()
                    .statusCode(400).body("errors.field", hasItem("objectOperations[0].callbackUrl"));
        }
        ven(oem, venId).body("{\"clientName\":\"c\",\"objectOperations\":[{\"objects\":[\"NOPE\"],"
                        + "\"operations\":[\"CREATE\"],\"callbackUrl\":\"https://a.example\"}]}")
                .post("/v2/subscriptions").then().statusCode(400)
                .body("errors.field", hasItem("objectOperations[0].objects"));
        ven(oem, venId).body("{\"clientName\":\"c\"}").post("/v2/subscriptions").then().statusCode(400)
                .body("errors.field", hasItem("objectOperations"));
        Fixtures.token(TestCredentials.bearerForVen(oem, venId, "read_events"))
                .body(subscription("prg-1", "https://a.example/x", "t", null)).post("/v2/subscriptions").then()
                .statusCode(403);
    }

    @Test
    void aNotificationCarriesTheBearerTokenASignatureAndTheEvent() throws Exception {
        Scenario s = scenario();
        String venId = s.enrolledVen();
        try (Receiver receiver = new Receiver()) {
            String subId = subscribe(s.oem(), venId, s.programId(), receiver.url(), "tok-" + venId, null);
            assertThat(Fixtures.exists("SELECT 1 FROM subscription WHERE object_operations LIKE '%' || ? || '%'",
                    "tok-" + venId)).as("bearer token stored in plain text").isFalse();
            String secret = ven(s.oem(), venId).get("/v2/x-texture/subscriptions/" + subId + "/secret")
                    .then().statusCode(200).extract().jsonPath().get("secret");
            long posted = System.currentTimeMillis();
            String eventId = s.createEvent("[]", -5.0);

            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.requests.isEmpty());
            Receiver.Request r = receiver.requests.get(0);
            System.out.printf("[measure] event POST -> webhook received: %d ms%n", r.receivedAtMillis() - posted);
            assertThat(r.header("Authorization")).isEqualTo("Bearer tok-" + venId);
            JsonNode body = mapper.readTree(r.body());
            assertThat(body.path("objectType").asText()).isEqualTo("EVENT");
            assertThat(body.path("operation").asText()).isEqualTo("CREATE");
            assertThat(body.at("/object/id").asText()).isEqualTo(eventId);
            assertThat(body.at("/object/programID").asText()).isEqualTo(s.programId());
            String webhookId = r.header("webhook-id");
            long timestamp = Long.parseLong(r.header("webhook-timestamp"));
            assertThat(r.header("webhook-signature"))
                    .isEqualTo(WebhookClient.sign(secret, webhookId, timestamp, r.body()).signature());

            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "DELIVERED".equals(
                    ven(s.oem(), venId).get("/v2/x-texture/subscriptions/" + subId + "/deliveries")
                            .jsonPath().getString("deliveries[0].status")));
            Response deliveries = ven(s.oem(), venId).get("/v2/x-texture/subscriptions/" + subId + "/deliveries");
            deliveries.then().statusCode(200).body("healthy", org.hamcrest.Matchers.equalTo(true))
                    .body("deliveries[0].id", org.hamcrest.Matchers.equalTo(webhookId))
                    .body("deliveries[0].attemptLog[0].statusCode", org.hamcrest.Matchers.equalTo(200));

            ven(s.oem(), venId).post("/v2/x-texture/subscriptions/" + subId + "/deliveries/" + webhookId + "/replay")
                    .then().statusCode(200);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> receiver.requests.size() >= 2);
            assertThat(receiver.requests.get(1).body()).isEqualTo(r.body());
            assertThat(receiver.requests.get(1).header("webhook-id")).isNotEqualTo(webhookId);
        }
    }

    @Test
    void failuresAreRetriedThenTheSubscriptionIsUnhealthyEmailedAndRecovers() throws Exception {
        Scenario s = scenario();
        String venId = s.enrolledVen();
        String contact = venId + "@oem.example.com";
        try (Receiver receiver = new Receiver()) {
            receiver.status.set(503);
            String subId = subscribe(s.oem(), venId, s.programId(), receiver.url(), "t", contact);
            s.createEvent("[]", -5.0);

            Awaitility.await().atMost(Duration.ofSeconds(40)).until(() -> receiver.requests.size() >= 4);
            List<Receiver.Request> attempts = receiver.requests.subList(0, 4);
            assertThat(attempts.stream().map(a -> a.header("webhook-id")).distinct()).hasSize(1);
            long[] gaps = {gap(attempts, 1), gap(attempts, 2), gap(attempts, 3)};
            System.out.printf("[measure] retry gaps: %s ms%n", Arrays.toString(gaps));
            // 1 s, 2 s, 4 s, loosely: each at least 80 % of its backoff, and growing
            assertThat(gaps[0]).as("gaps %s", Arrays.toString(gaps)).isGreaterThanOrEqualTo(800);
            assertThat(gaps[1]).as("gaps %s", Arrays.toString(gaps)).isGreaterThanOrEqualTo(1600);
            assertThat(gaps[2]).as("gaps %s", Arrays.toString(gaps)).isGreaterThanOrEqualTo(3200);

            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Arrays.stream(
                    MailServerResource.server().getReceivedMessages()).anyMatch(m -> sentTo(m, contact)));
            MimeMessage mail = Arrays.stream(MailServerResource.server().getReceivedMessages())
                    .filter(m -> sentTo(m, contact)).findFirst().orElseThrow();
            assertThat(mail.getSubject()).contains(subId).contains("unhealthy");
            ven(s.oem(), venId).get("/v2/x-texture/subscriptions/" + subId + "/deliveries").then()
                    .body("healthy", org.hamcrest.Matchers.equalTo(false));

            receiver.status.set(200);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> ven(s.oem(), venId)
                    .get("/v2/x-texture/subscriptions/" + subId + "/deliveries").jsonPath().getBoolean("healthy"));
            Response deliveries = ven(s.oem(), venId).get("/v2/x-texture/subscriptions/" + subId + "/deliveries");
            assertThat(deliveries.jsonPath().getString("deliveries[0].status")).isEqualTo("DELIVERED");
            assertThat(deliveries.jsonPath().getInt("deliveries[0].attempts")).isGreaterThanOrEqualTo(5);
            assertThat(deliveries.jsonPath().getList("deliveries[0].attemptLog.statusCode")).contains(503, 200);
        }
    }

    @Test
    void aDeadReceiverDoesNotDelayALiveOne() throws Exception {
        Scenario s = scenario();
        String venId = s.enrolledVen();
        try (Receiver dead = new Receiver(); Receiver live = new Receiver()) {
            dead.hang = true;
            subscribe(s.oem(), venId, s.programId(), dead.url(), "t", null);
            subscribe(s.oem(), venId, s.programId(), live.url(), "t", null);
            s.createEvent("[]", -5.0);
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !dead.requests.isEmpty());
            long deadStarted = dead.requests.get(0).receivedAtMillis();
            String second = s.createEvent("[]", -4.0);
            // the live receiver gets both events while the dead one still hangs on the first (5 s timeout)
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> live.requests.stream()
                    .anyMatch(r -> r.body().contains(second)));
            long liveGotSecond = live.requests.stream().filter(r -> r.body().contains(second)).findFirst()
                    .orElseThrow().receivedAtMillis();
            assertThat(liveGotSecond - deadStarted).isLessThan(5000);
        }
    }

    @Test
    void aRevocationCancelsNotificationsStillQueuedForThatVen() throws Exception {
        Scenario s = scenario();
        String venId = id("ven");
        String enrollmentId = id("enr");
        String device = id("res");
        s.enrollment(enrollmentId, 1, "enrolled", venId, device, "d-1");
        try (Receiver receiver = new Receiver()) {
            receiver.status.set(500);
            String subId = subscribe(s.oem(), venId, s.programId(), receiver.url(), "t", null);
            s.createEvent("[]", -5.0);
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.requests.isEmpty());

            s.enrollment(enrollmentId, 2, "revoked", venId, device, "d-1");
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "CANCELLED".equals(ven(s.oem(), venId)
                    .get("/v2/x-texture/subscriptions/" + subId + "/deliveries")
                    .jsonPath().getString("deliveries[0].status")));
            JsonPath cancelled = ven(s.oem(), venId).get("/v2/x-texture/subscriptions/" + subId + "/deliveries")
                    .jsonPath();
            String webhookId = cancelled.getString("deliveries[0].id");
            int attempts = cancelled.getInt("deliveries[0].attempts");
            // the marker: a replay queued behind the cancelled delivery on the same subscription; once it
            // arrived, the worker has had every chance to (wrongly) retry the cancelled one
            String replayId = ven(s.oem(), venId).post("/v2/x-texture/subscriptions/" + subId + "/deliveries/"
                    + webhookId + "/replay").then().statusCode(200).extract().jsonPath().getString("id");
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> receiver.requests.stream()
                    .anyMatch(r -> replayId.equals(r.header("webhook-id"))));
            JsonPath after = ven(s.oem(), venId).get("/v2/x-texture/subscriptions/" + subId + "/deliveries").jsonPath();
            assertThat(after.getInt("deliveries.find { it.id == '" + webhookId + "' }.attempts")).isEqualTo(attempts);
            assertThat(after.getString("deliveries.find { it.id == '" + webhookId + "' }.status"))
                    .isEqualTo("CANCELLED");
            assertThat(receiver.requests.stream().filter(r -> webhookId.equals(r.header("webhook-id"))).count())
                    .isLessThanOrEqualTo(attempts);
        }
    }

    @Test
    void aDeliveryLeftInFlightByACrashIsSentAgainWithItsWebhookId() throws Exception {
        String oem = id("oem");
        String venId = id("ven");
        try (Receiver receiver = new Receiver()) {
            String subId = subscribe(oem, venId, "prg-1", receiver.url(), "t", null);
            String webhookId = "msg_crashed" + UUID.randomUUID().toString().replace("-", "");
            // what a process that died mid-send leaves behind: one attempt counted, the lease expired
            try (Connection c = DriverManager.getConnection(Infrastructure.postgres().jdbcUrl(),
                    Infrastructure.postgres().username(), "");
                 PreparedStatement ps = c.prepareStatement("INSERT INTO webhook_delivery (id, subscription_id, "
                         + "operation_index, event_id, operation, body, status, attempts, next_attempt_at, "
                         + "lease_until, created_at) VALUES (?, ?, 0, 'evt_x', 'CREATE', '{\"objectType\":\"EVENT\"}', "
                         + "'PENDING', 1, now(), now() - interval '1 second', now())")) {
                ps.setString(1, webhookId);
                ps.setString(2, subId);
                ps.executeUpdate();
            }
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.requests.isEmpty());
            assertThat(receiver.requests.get(0).header("webhook-id")).isEqualTo(webhookId);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ven(oem, venId)
                    .get("/v2/x-texture/subscriptions/" + subId + "/deliveries")
                    .jsonPath().getInt("deliveries[0].attempts") == 2);
        }
    }

    @Test
    void subscriptionCallsAreRateLimitedPerAccount() {
        String oem = id("oem");
        String venId = id("ven");
        Response last = null;
        int served = 0;
        // the bucket refills greedily (200/min), so a slow loop gets a few more than 200 before the 429
        for (int i = 0; i < 1000; i++) {
            last = ven(oem, venId).get("/v2/subscriptions");
            if (last.statusCode() == 429) {
                break;
            }
            served++;
        }
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(served).isGreaterThanOrEqualTo(200);
        assertThat(Integer.parseInt(last.header("Retry-After"))).isPositive();
        assertThat(last.jsonPath().getInt("status")).isEqualTo(429);
        // another account is unaffected
        ven(id("oem"), venId).get("/v2/subscriptions").then().statusCode(200);
    }

    private static long gap(List<Receiver.Request> attempts, int i) {
        return attempts.get(i).receivedAtMillis() - attempts.get(i - 1).receivedAtMillis();
    }

    private static boolean sentTo(MimeMessage m, String to) {
        try {
            return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().contains(to));
        } catch (jakarta.mail.MessagingException e) {
            return false;
        }
    }
}
