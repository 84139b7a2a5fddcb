package dev.gridservices.dispatch;

import static dev.gridservices.dispatch.Fixtures.id;
import static dev.gridservices.dispatch.Fixtures.program;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gridservices.testkit.Infrastructure;
import dev.gridservices.testkit.InfrastructureResource;
import dev.gridservices.testkit.KafkaTestProducer;
import io.netty.handler.codec.mqtt.MqttQoS;
import dev.gridservices.testkit.auth.TestCredentials;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The dispatch benchmark (docs/benchmarks.md, "Dispatch"), opt-in:
 * {@code mvn -B -ntp -pl dispatch-service -am verify -Dtest=DispatchBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark=true}.
 * 1,000 VENs, each with one enrolled device, one webhook subscription with a receiver of its own (a local
 * Vert.x HTTP server on its own port, so each is its own host for the client's per-host pool) and one MQTT
 * session on the test kit's broker subscribed to its event topics. Of the receivers 5 % never answer (dead:
 * the 5 s timeout, then retries) and 5 % answer after 4 s. Each round creates one event for the whole
 * program; from just before the POST to the arrival at every live receiver and every MQTT session is one
 * sample. {@code benchmark.warmup} (3) warm-up rounds, then {@code benchmark.rounds} (5) measured rounds; the POST
 * is sent with the JDK's HTTP client. Figures on stdout
 * ("=== dispatch benchmark ===") and in target/dispatch-benchmark.txt.
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
@QuarkusTestResource(MailServerResource.class)
@TestProfile(DispatchBenchmark.Quiet.class)
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class DispatchBenchmark {

    /** Subscriptions are rate-limited per account (200/min): lifted for the set-up; logs quiet. */
    public static class Quiet implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dispatch.rate-limit.subscriptions-per-minute", "100000000",
                    "quarkus.log.level", "WARN", "quarkus.log.category.\"org.apache.kafka\".level", "ERROR");
        }
    }

    private static final int VENS = Integer.getInteger("benchmark.vens", 1000);
    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 5);
    /** Rounds before the measured ones: the JIT compiles the fan-out's code paths during the first few. */
    private static final int WARMUP = Integer.getInteger("benchmark.warmup", 3);
    private static final String JFR = System.getProperty("benchmark.jfr");

    private enum Kind { LIVE, DEAD, SLOW }

    /** Arrival time (nanoTime) per event id, per receiver index. */
    private final Map<String, Map<Integer, Long>> webhookArrivals = new ConcurrentHashMap<>();
    private final Map<String, Map<Integer, Long>> mqttArrivals = new ConcurrentHashMap<>();
    private final Set<Integer> subscribed = ConcurrentHashMap.newKeySet();
    private final AtomicInteger reconnects = new AtomicInteger();

    @TestHTTPResource("/v2/events")
    URL events;
    private volatile boolean stopping;

    @Test
    void eventToOneThousandWebhooksAndMqttSessions() throws Exception {
        String utility = id("utl");
        String oem = id("oem");
        String programId = id("prg");
        program(programId, utility);
        List<String> vens = new ArrayList<>();
        String[] enrollments = new String[VENS];
        for (int i = 0; i < VENS; i++) {
            String ven = "ven_bench_" + i + "_" + UUID.randomUUID().toString().substring(0, 6);
            vens.add(ven);
            enrollments[i] = """
                    {"id":"%s","type":"enrollment.created","version":1,"occurredAt":"%s","tenant":"%s",
                     "payload":{"enrollmentId":"%s","kind":"direct","sequence":1,"state":"enrolled","programId":"%s",
                                "openadrProgramId":"%s","utilityOrganizationId":"%s","oemOrganizationId":"%s",
                                "venId":"%s","deviceId":"%s","resourceName":"r-%d","deviceType":"BATTERY","ended":false}}
                    """.formatted(UUID.randomUUID(), Instant.now(), utility, "enr-" + ven, programId, programId,
                    utility, oem, ven, "res-" + ven, i);
        }
        KafkaTestProducer.send("enrollment.changed", programId, enrollments);
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() ->
                Fixtures.count("SELECT count(*) FROM dispatch_enrollment WHERE program_id = ?", programId) == VENS);

        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        Kind[] kinds = new Kind[VENS];
        List<HttpServer> servers = new ArrayList<>();
        List<MqttClient> sessions = new ArrayList<>();
        try {
            for (int i = 0; i < VENS; i++) {
                kinds[i] = i % 20 == 0 ? Kind.DEAD : i % 20 == 10 ? Kind.SLOW : Kind.LIVE;
                servers.add(receiver(vertx, i, kinds[i]));
            }
            for (int i = 0; i < VENS; i++) {
                String subscription = """
                        {"clientName":"bench","programID":"%s",
                         "objectOperations":[{"objects":["EVENT"],"operations":["CREATE"],
                                              "callbackUrl":"http://127.0.0.1:%d/hook","bearerToken":"t-%d"}]}
                        """.formatted(programId, servers.get(i).actualPort(), i);
                Fixtures.ven(oem, vens.get(i)).body(subscription).post("/v2/subscriptions").then().statusCode(201);
            }
            for (int i = 0; i < VENS; i++) {
                sessions.add(session(vertx, i, vens.get(i)));
            }
            Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> subscribed.size() == VENS);

            List<Double> webhook = new ArrayList<>();
            List<Double> mqtt = new ArrayList<>();
            List<Double> posts = new ArrayList<>();
            List<Double> unansweredArrival = new ArrayList<>();
            List<Double> relays = new ArrayList<>();
            StringBuilder perRound = new StringBuilder();
            int setUpReconnects = reconnects.get();
            Recording profile = null;
            HttpClient http = HttpClient.newHttpClient();
            String token = "Bearer " + TestCredentials.bearer(utility, "write_events", "read_all", "write_programs");
            for (int round = 1 - WARMUP; round <= ROUNDS; round++) {
                if (round == 0) {
                    // from the last warm-up round on, so that starting the recording does not land in a measured one
                    profile = profile();
                }
                HttpRequest post = HttpRequest.newBuilder(events.toURI()).header("Authorization", token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(Fixtures.event(programId, "[]", -5.0))).build();
                long t0 = System.nanoTime();
                HttpResponse<String> created = http.send(post, HttpResponse.BodyHandlers.ofString());
                double postMs = (System.nanoTime() - t0) / 1e6;
                long postReturned = System.currentTimeMillis();
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                String eventId = JsonPath.from(created.body()).getString("id");
                // a dead receiver's queue stays behind its first undelivered notification (order per
                // subscription): from the second round on only the live and slow receivers get requests
                int live = count(kinds, Kind.LIVE);
                try {
                    Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                            .until(() -> arrivedLive(eventId, kinds) == live && arrived(mqttArrivals, eventId) == VENS);
                } catch (ConditionTimeoutException e) {
                    throw new AssertionError("round " + round + ": " + arrivedLive(eventId, kinds) + " of " + live
                            + " live webhooks, " + arrived(mqttArrivals, eventId) + " of " + VENS + " MQTT sessions; "
                            + "reconnects " + reconnects, e);
                }
                List<Double> w = new ArrayList<>();
                List<Double> u = new ArrayList<>();
                webhookArrivals.get(eventId).forEach((i, at) -> (kinds[i] == Kind.LIVE ? w : u).add((at - t0) / 1e6));
                List<Double> m = new ArrayList<>();
                mqttArrivals.get(eventId).forEach((i, at) -> m.add((at - t0) / 1e6));
                Collections.sort(w);
                Collections.sort(m);
                // the outbox relay's step: from the POST's return (its commit) to the last of the event's rows acked
                long lastAcked = Fixtures.count("SELECT (EXTRACT(EPOCH FROM max(published_at)) * 1000)::bigint "
                        + "FROM outbox_message WHERE envelope LIKE ?", "%" + eventId + "%");
                double relayMs = lastAcked - postReturned;
                perRound.append(String.format("round %d%s: POST %.0f ms; webhook live first %.0f p50 %.0f p99 %.0f max "
                                + "%.0f ms; MQTT first %.0f p50 %.0f p99 %.0f max %.0f ms; relay %.0f ms%n", round,
                        round < 1 ? " (warm-up)" : "", postMs, q(w, 0.0), q(w, 0.5), q(w, 0.99), q(w, 1.0), q(m, 0.0),
                        q(m, 0.5), q(m, 0.99), q(m, 1.0), relayMs));
                if (round > 0) {
                    webhook.addAll(w);
                    mqtt.addAll(m);
                    posts.add(postMs);
                    relays.add(relayMs);
                    unansweredArrival.addAll(u);
                }
            }
            if (profile != null) {
                profile.dump(Path.of(JFR));
                profile.close();
            }
            Collections.sort(webhook);
            Collections.sort(mqtt);
            Collections.sort(posts);
            Collections.sort(relays);
            Collections.sort(unansweredArrival);
            String report = String.format("""
                    === dispatch benchmark ===
                    %d VENs (one enrolled device each), %d webhook subscriptions on %d local receivers (%d dead, %d \
                    answering after 4 s), %d MQTT sessions (QoS 1) on the test kit's broker; %d warm-up and %d \
                    measured rounds
                    %s\
                    POST /v2/events (whole program)  p50 %.0f ms, max %.0f ms
                    relay, POST return -> last row acked  p50 %.0f ms, max %.0f ms
                    webhook, live receivers (%d)     p50 %.0f ms, p99 %.0f ms, max %.0f ms
                    webhook, dead/slow (%d), requests that arrived by then: %d, p50 %.0f ms, max %.0f ms
                    MQTT sessions (%d)               p50 %.0f ms, p99 %.0f ms, max %.0f ms
                    MQTT sessions re-established     %d while setting up, %d during the rounds
                    load average before/after        %s / %s
                    """, VENS, VENS, VENS, count(kinds, Kind.DEAD), count(kinds, Kind.SLOW), VENS, WARMUP, ROUNDS,
                    perRound, q(posts, 0.5), q(posts, 1.0), q(relays, 0.5), q(relays, 1.0), count(kinds, Kind.LIVE), q(webhook, 0.5), q(webhook, 0.99),
                    q(webhook, 1.0), VENS - count(kinds, Kind.LIVE), unansweredArrival.size(), q(unansweredArrival, 0.5),
                    q(unansweredArrival, 1.0), VENS, q(mqtt, 0.5), q(mqtt, 0.99), q(mqtt, 1.0), setUpReconnects, reconnects.get() - setUpReconnects,
                    LOAD_BEFORE, load());
            System.out.println(report);
            Files.writeString(Path.of("target", "dispatch-benchmark.txt"), report);
            assertThat(webhook).hasSize(ROUNDS * count(kinds, Kind.LIVE));
        } finally {
            stopping = true;
            for (MqttClient c : sessions) {
                c.disconnect();
            }
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private static final String LOAD_BEFORE = load();

    /**
     * {@code -Dbenchmark.jfr=file.jfr}: a JFR recording (the JDK's "profile" settings) of the last warm-up round and
     * the measured rounds, without the set-up (enrollments, subscriptions, sessions); read it with
     * {@code jfr print --events jdk.ExecutionSample}.
     */
    private static Recording profile() throws Exception {
        if (JFR == null) {
            return null;
        }
        Recording recording = new Recording(Configuration.getConfiguration("profile"));
        recording.start();
        return recording;
    }

    private HttpServer receiver(Vertx vertx, int index, Kind kind) throws Exception {
        Future<HttpServer> started = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            long at = System.nanoTime();
            String text = body.toString();
            int idAt = text.indexOf("\"id\":\"");
            if (idAt >= 0) {
                String eventId = text.substring(idAt + 6, text.indexOf('"', idAt + 6));
                webhookArrivals.computeIfAbsent(eventId, k -> new ConcurrentHashMap<>()).putIfAbsent(index, at);
            }
            switch (kind) {
                case LIVE -> request.response().setStatusCode(200).end();
                case SLOW -> vertx.setTimer(4_000, t -> request.response().setStatusCode(200).end());
                case DEAD -> { }
            }
        })).listen(0, "127.0.0.1");
        return started.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /**
     * One VEN's MQTT session: persistent (the broker queues QoS 1 while it is away), re-established when the
     * broker drops it; counted as subscribed once the SUBACK granted QoS 1.
     */
    private MqttClient session(Vertx vertx, int index, String venId) throws Exception {
        MqttClient client = MqttClient.create(vertx, new MqttClientOptions().setClientId(venId)
                .setCleanSession(false).setAutoKeepAlive(true).setKeepAliveInterval(60));
        client.publishHandler(m -> {
            long at = System.nanoTime();
            String topic = m.topicName();
            String eventId = topic.substring(topic.lastIndexOf('/') + 1);
            mqttArrivals.computeIfAbsent(eventId, k -> new ConcurrentHashMap<>()).putIfAbsent(index, at);
        });
        client.subscribeCompletionHandler(ack -> {
            if (ack.grantedQoSLevels().stream().allMatch(q -> q == MqttQoS.AT_LEAST_ONCE.value())) {
                subscribed.add(index);
            }
        });
        client.closeHandler(closed -> {
            if (!stopping) {
                reconnects.incrementAndGet();
                vertx.setTimer(200, t -> connect(client, venId));
            }
        });
        connect(client, venId).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        return client;
    }

    private Future<Integer> connect(MqttClient client, String venId) {
        return client.connect(Infrastructure.mqtt().port(), Infrastructure.mqtt().host())
                .compose(ack -> client.subscribe("texture/v2/" + venId + "/events/#", MqttQoS.AT_LEAST_ONCE.value()));
    }

    private static int arrived(Map<String, Map<Integer, Long>> arrivals, String eventId) {
        Map<Integer, Long> m = arrivals.get(eventId);
        return m == null ? 0 : m.size();
    }

    private int arrivedLive(String eventId, Kind[] kinds) {
        Map<Integer, Long> m = webhookArrivals.get(eventId);
        return m == null ? 0 : (int) m.keySet().stream().filter(i -> kinds[i] == Kind.LIVE).count();
    }

    private static int count(Kind[] kinds, Kind kind) {
        int n = 0;
        for (Kind k : kinds) {
            if (k == kind) {
                n++;
            }
        }
        return n;
    }

    private static double q(List<Double> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, Math.max(0, (int) Math.ceil(quantile * sorted.size()) - 1)));
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "n/a";
        }
    }
}
