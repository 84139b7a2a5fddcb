package dev.gridservices.e2e;

import static dev.gridservices.e2e.Edge.withKey;
import static dev.gridservices.e2e.Edge.withToken;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gridservices.localstack.LocalStack;
import dev.gridservices.localstack.infra.PrometheusServer;
import dev.gridservices.localstack.seed.DemoTenant;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Every metric an alert rule (helm/ and deploy/ rules files) or a Grafana dashboard panel names is exported by the
 * running suite: after traffic that makes the services register their lazily created meters, the sample names of
 * every service's and the broker's {@code /q/metrics} are compared with the names parsed from the PromQL.
 */
@Order(3)
class MetricNamesIT {

    /** Series Prometheus makes itself, not a target. */
    private static final Set<String> SYNTHETIC = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped",
            "scrape_samples_post_metric_relabeling", "scrape_series_added", "ALERTS", "ALERTS_FOR_STATE");
    private static final Duration PROPAGATION = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static LocalStack stack;
    private static DemoTenant demo;
    private static Path repoRoot;

    @BeforeAll
    static void startSuiteAndMakeTraffic() throws Exception {
        stack = SuiteStack.get();
        repoRoot = SuiteStack.config().repoRoot();
        demo = stack.demoTenant().orElseThrow(() -> new AssertionError("the launcher did not seed the demo data"));
        traffic();
    }

    @Test
    void everyMetricNamedByARuleOrAPanelIsExported() throws Exception {
        Map<String, Set<String>> used = usedMetrics();
        // the parse finds what the files say (a parser that found nothing would pass everything)
        assertThat(used).as("the rules and dashboards name metrics at all").hasSizeGreaterThan(20)
                .containsKeys("up", "auth_token_issue_seconds", "telemetry_kafka_ack_latency_seconds_bucket",
                        "mqtt_broker_connections", "http_server_requests_seconds_count");

        // the last of the traffic's meters to appear (dispatch consumes events.dispatched asynchronously)
        await().atMost(PROPAGATION).pollInterval(Duration.ofMillis(500)).until(() ->
                exported().containsAll(Set.of("dispatch_mqtt_notifications_total", "enrollment_transitions_total",
                        "telemetry_readings_total", "telemetry_mqtt_messages_total")));

        Set<String> exported = exported();
        assertThat(exported).contains("http_server_requests_seconds_count", "mqtt_broker_connections")
                .doesNotContain("up", "mqtt_broker_connections_total");
        Map<String, Set<String>> missing = new TreeMap<>();
        used.forEach((name, where) -> {
            if (!exported.contains(name) && !SYNTHETIC.contains(name)) {
                missing.put(name, where);
            }
        });
        assertThat(missing).as("metrics named by rules or panels that no service or the broker exports"
                + " (name -> where it is used)").isEmpty();
    }

    @Test
    void theListOfExportedMetricsIsTrue() throws Exception {
        // deploy/exported-metrics.txt documents the names (deploy-tests checks the rules against it offline)
        Set<String> listed = new TreeSet<>();
        for (String line : Files.readAllLines(repoRoot.resolve("deploy/exported-metrics.txt"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                listed.add(line.trim().split("\\s+")[0]);
            }
        }
        await().atMost(PROPAGATION).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Set<String> exported = exported();
            assertThat(listed).allSatisfy(name -> assertThat(exported.contains(name) || SYNTHETIC.contains(name))
                    .as("%s is listed in deploy/exported-metrics.txt but not exported", name).isTrue());
        });
    }

    /** Metric name → the rules and panels that use it. */
    private static Map<String, Set<String>> usedMetrics() throws IOException {
        Map<String, Set<String>> used = new TreeMap<>();
        Set<String> recorded = new TreeSet<>();
        for (Path file : ruleFiles()) {
            for (JsonNode group : YAML.readTree(file.toFile()).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    String name = rule.has("alert") ? "alert " + rule.path("alert").asText()
                            : "record " + rule.path("record").asText();
                    if (rule.has("record")) {
                        recorded.add(rule.path("record").asText());
                    }
                    PromQl.metricNames(rule.path("expr").asText()).forEach(metric ->
                            used.computeIfAbsent(metric, key -> new TreeSet<>()).add(repoRoot.relativize(file) + ": " + name));
                }
            }
        }
        for (Path file : files(repoRoot.resolve("helm/grid-services/files/dashboards"), ".json")) {
            panelQueries(JSON.readTree(file.toFile()).path("panels"), repoRoot.relativize(file).toString(), used);
        }
        recorded.forEach(used::remove);
        return used;
    }

    /** Panels, including those nested in rows; each target's {@code expr}. */
    private static void panelQueries(JsonNode panels, String file, Map<String, Set<String>> used) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                String where = file + ": panel \"" + panel.path("title").asText() + "\" " + target.path("refId").asText();
                PromQl.metricNames(target.path("expr").asText()).forEach(metric ->
                        used.computeIfAbsent(metric, key -> new TreeSet<>()).add(where));
            }
            panelQueries(panel.path("panels"), file, used);
        }
    }

    /** The chart's rules files and any in deploy/ (promtool unit-test files are inputs, not rules). */
    private static List<Path> ruleFiles() throws IOException {
        List<Path> files = new ArrayList<>(files(repoRoot.resolve("helm/grid-services/files/prometheus"), ".yaml"));
        try (Stream<Path> deploy = Files.walk(repoRoot.resolve("deploy"))) {
            deploy.filter(p -> p.getFileName().toString().matches(".*rules.*\\.ya?ml")).forEach(files::add);
        }
        files.removeIf(p -> p.getFileName().toString().endsWith(".test.yaml"));
        assertThat(files).as("rules files").isNotEmpty();
        return files;
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    /** The sample names of every target Prometheus would scrape (the services and the broker). */
    private static Set<String> exported() {
        Set<String> names = new TreeSet<>();
        for (PrometheusServer.Target target : stack.scrapeTargets()) {
            String body = given().baseUri("http://127.0.0.1:" + target.port()).get(target.metricsPath())
                    .then().statusCode(200).extract().asString();
            body.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("[{ ]", 2)[0])
                    .forEach(names::add);
        }
        return names;
    }

    /**
     * What makes the services register the meters they create on first use: tokens issued and refused, a program
     * and devices written, reports accepted and refused over REST and MQTT (telemetry applied in device-service),
     * an enrollment, an event dispatched to a VEN over MQTT.
     */
    private static void traffic() throws Exception {
        DemoTenant.Oem oem = demo.oem();
        Edge.gateway(stack).contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", oem.clientId())
                .formParam("client_secret", "not-the-secret")
                .post("/v2/auth/token")
                .then().statusCode(401);
        String venToken = Edge.token(stack, oem.clientId(), oem.clientSecret());
        withKey(stack, demo.utility().serverKey())
                .body(Map.of("slug", Edge.unique("e2e-metrics"), "name", "E2E Metrics", "states", List.of("CO")))
                .post("/v1/programs").then().statusCode(201);

        Map<String, Object> address = Map.of("street", "1600 Glenarm Pl", "city", "Denver", "state", "CO", "zip", "80202");
        String siteId = withToken(stack, venToken).body(Map.of("name", "E2E metrics home", "address", address))
                .post("/v2/x-texture/sites").then().statusCode(201).extract().path("id");
        String resourceName = Edge.unique("BAT");
        String resourceId = withToken(stack, venToken).body(Edge.battery(oem.venId(), resourceName, siteId))
                .post("/v2/resources").then().statusCode(201).extract().path("id");

        withToken(stack, venToken).body("{").post("/v2/reports").then().statusCode(400);
        String start = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        await().atMost(PROPAGATION).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Response report = withToken(stack, venToken).body(report(oem.venId(), resourceName, start, 50))
                    .post("/v2/reports");
            assertThat(report.statusCode()).as(report.asString()).isEqualTo(201);
        });
        publishMqttReport(oem.venId(), venToken, report(oem.venId(), resourceName, start, 51));

        Map<String, Object> enrollment = Map.of("resourceID", resourceId, "siteID", siteId,
                "programID", demo.program().id(),
                "consent", Map.of("optIn", true, "timestamp", Instant.now().minusSeconds(60).toString(),
                        "source", "device_app", "termsVersion", "v1", "scope", List.of("demand_response")));
        Response created = await().atMost(PROPAGATION).pollInterval(Duration.ofMillis(500)).until(
                () -> withToken(stack, venToken).body(enrollment).post("/v2/x-texture/enrollments"),
                response -> response.statusCode() != 404);
        assertThat(created.statusCode()).as(created.asString()).isIn(200, 201);

        dispatchEvent(oem.venId(), oem.organizationId());
    }

    private static void publishMqttReport(String venId, String token, String report) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            URI mqtt = URI.create(stack.mqttUrl());
            MqttClient client = MqttClient.create(vertx, new MqttClientOptions()
                    .setClientId(venId + ":metrics").setUsername(token).setPassword(""));
            client.connect(mqtt.getPort(), mqtt.getHost()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            client.publish("texture/v2/" + venId + "/reports", Buffer.buffer(report), MqttQoS.AT_LEAST_ONCE, false, false)
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            client.disconnect().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** An events.dispatched record, as dispatch-service's own targeting writes it, for the demo VEN. */
    private static void dispatchEvent(String venId, String organizationId) throws Exception {
        String eventId = "evt-" + UUID.randomUUID().toString().substring(0, 8);
        String envelope = JSON.writeValueAsString(Map.of(
                "id", UUID.randomUUID().toString(),
                "type", "event.dispatched",
                "version", 1,
                "occurredAt", Instant.now().toString(),
                "tenant", organizationId,
                "payload", Map.of("venID", venId, "operation", "POST",
                        "event", Map.of("id", eventId, "programID", "prg-e2e", "eventName", "e2e-metrics"))));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("events.dispatched", eventId, envelope)).get(30, TimeUnit.SECONDS);
        }
    }

    private static String report(String venId, String resourceName, String start, int chargePercent) {
        return """
                {"eventID":null,"clientName":"%s","reportName":"e2e-metrics","payloadDescriptors":[\
                {"objectType":"REPORT_PAYLOAD_DESCRIPTOR","payloadType":"STORAGE_CHARGE_LEVEL","units":"PERCENT",\
                "readingType":"DIRECT_READ"}],\
                "resources":[{"resourceName":"%s","intervalPeriod":{"start":"%s","duration":"PT0S"},\
                "intervals":[{"id":0,"payloads":[{"type":"STORAGE_CHARGE_LEVEL","values":[%d]},\
                {"type":"x-telemetry:CHARGING_STATE","values":["CHARGING"]}]}]}]}"""
                .formatted(venId, resourceName, start, chargePercent);
    }
}
