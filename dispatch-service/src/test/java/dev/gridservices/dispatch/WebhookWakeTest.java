package dev.gridservices.dispatch;

import static dev.gridservices.dispatch.Fixtures.id;
import static dev.gridservices.dispatch.Fixtures.scenario;
import static dev.gridservices.dispatch.Fixtures.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gridservices.dispatch.Fixtures.Scenario;
import dev.gridservices.testkit.Infrastructure;
import dev.gridservices.testkit.InfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The webhook path does not wait for a polling interval: with the safety-net poll set to 30 s, a
 * notification leaves right after the event's commit (in-process wake-up), a delivery committed by
 * another replica arrives through PostgreSQL NOTIFY, the next notification of a subscription follows
 * its predecessor at once, and a retry leaves when it falls due (1 s), not at the next poll.
 */
@QuarkusTest
@TestProfile(WebhookWakeTest.LongPoll.class)
@QuarkusTestResource(InfrastructureResource.class)
@QuarkusTestResource(MailServerResource.class)
class WebhookWakeTest {

    /** A poll far longer than every deadline below: anything arriving in time was woken, not polled. */
    public static class LongPoll implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dispatch.webhook.poll", "30s");
        }
    }

    private static final long WELL_BEFORE_POLL_MS = 3_000;

    @Test
    void notificationsLeaveRightAfterTheCommitAndFollowEachOtherWithoutAPoll() throws Exception {
        Scenario s = scenario();
        String venId = s.enrolledVen();
        try (Receiver receiver = new Receiver()) {
            subscribe(s.oem(), venId, s.programId(), receiver.url(), "t", null);
            long posted = System.currentTimeMillis();
            s.createEvent("[]", -5.0);
            s.createEvent("[]", -6.0);
            Awaitility.await().atMost(Duration.ofMillis(WELL_BEFORE_POLL_MS)).pollInterval(Duration.ofMillis(10))
                    .until(() -> receiver.requests.size() >= 2);
            System.out.printf("[measure] poll 30 s: event POST -> webhook received: %d ms; second (queued behind "
                    + "the first): %d ms%n", receiver.requests.get(0).receivedAtMillis() - posted,
                    receiver.requests.get(1).receivedAtMillis() - posted);
            assertThat(receiver.requests.get(0).body()).contains("-5.0");
            assertThat(receiver.requests.get(1).body()).contains("-6.0");
        }
    }

    @Test
    void aDeliveryCommittedElsewhereArrivesThroughNotify() throws Exception {
        String oem = id("oem");
        String venId = id("ven");
        try (Receiver receiver = new Receiver()) {
            String subId = subscribe(oem, venId, id("prg"), receiver.url(), "t", null);
            String deliveryId = "msg_" + UUID.randomUUID().toString().replace("-", "");
            long committed;
            // another replica's transaction: a plain JDBC insert wakes nothing in this JVM but the NOTIFY
            try (Connection c = DriverManager.getConnection(Infrastructure.postgres().jdbcUrl(),
                    Infrastructure.postgres().username(), "");
                 PreparedStatement ps = c.prepareStatement("INSERT INTO webhook_delivery (id, subscription_id, "
                         + "operation_index, event_id, operation, body, status, next_attempt_at, created_at) "
                         + "VALUES (?, ?, 0, 'evt_elsewhere', 'CREATE', '{\"objectType\":\"EVENT\"}', 'PENDING', "
                         + "now(), now())")) {
                ps.setString(1, deliveryId);
                ps.setString(2, subId);
                ps.executeUpdate();
                committed = System.currentTimeMillis();
            }
            Awaitility.await().atMost(Duration.ofMillis(WELL_BEFORE_POLL_MS)).pollInterval(Duration.ofMillis(10))
                    .until(() -> !receiver.requests.isEmpty());
            System.out.printf("[measure] poll 30 s: delivery committed by another connection -> received: %d ms%n",
                    receiver.requests.get(0).receivedAtMillis() - committed);
            assertThat(receiver.requests.get(0).header("webhook-id")).isEqualTo(deliveryId);
        }
    }

    @Test
    void aRetryLeavesWhenItFallsDueNotAtTheNextPoll() throws Exception {
        Scenario s = scenario();
        String venId = s.enrolledVen();
        try (Receiver receiver = new Receiver()) {
            receiver.status.set(503);
            subscribe(s.oem(), venId, s.programId(), receiver.url(), "t", null);
            s.createEvent("[]", -5.0);
            Awaitility.await().atMost(Duration.ofMillis(WELL_BEFORE_POLL_MS)).pollInterval(Duration.ofMillis(10))
                    .until(() -> !receiver.requests.isEmpty());
            receiver.status.set(200);
            Awaitility.await().atMost(Duration.ofMillis(WELL_BEFORE_POLL_MS)).pollInterval(Duration.ofMillis(10))
                    .until(() -> receiver.requests.size() >= 2);
            long gap = receiver.requests.get(1).receivedAtMillis() - receiver.requests.get(0).receivedAtMillis();
            System.out.printf("[measure] poll 30 s: retry gap after a 503: %d ms%n", gap);
            assertThat(gap).isBetween(900L, 2_500L);
        }
    }
}
