package dev.gridservices.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gridservices.localstack.LocalStack;
import dev.gridservices.localstack.LocalStackException;
import dev.gridservices.localstack.infra.PrometheusServer;
import dev.gridservices.localstack.process.ServiceProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * A real Prometheus (Debian's package, fetched into target/ by {@link PrometheusServer}) scrapes the running suite
 * — the six services and the broker, with the job names the chart gives them — and evaluates the chart's alert
 * rules on that data: a service that stops answering makes GridServiceDown fire. The rules are the chart's, with
 * every {@code for:} shortened to 0 s (and evaluation every second) so that the test waits seconds, not minutes;
 * the expressions are unchanged.
 */
@Order(3)
class PrometheusAlertIT {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEADLINE = Duration.ofSeconds(45);
    private static final String VICTIM = "programs-service";

    private static LocalStack stack;
    private static PrometheusServer prometheus;
    /** Every job GridServiceDown was seen firing for. */
    private static final Set<String> FIRED_JOBS = new TreeSet<>();

    @BeforeAll
    static void startPrometheus() throws IOException {
        stack = SuiteStack.get();
        Path workDir = Path.of(System.getProperty("e2e.work-dir", "target")).toAbsolutePath();
        Path binary;
        try {
            binary = PrometheusServer.locate(workDir.resolve("prometheus-tools"));
        } catch (LocalStackException e) {
            if (System.getenv("CI") != null) {
                throw e;
            }
            Assumptions.abort("no Prometheus on this machine: " + e.getMessage());
            return;
        }
        Path home = Files.createTempDirectory(workDir, "prometheus-it-");
        Path rules = home.resolve("grid-services-rules.yaml");
        Files.writeString(rules, YAML.writeValueAsString(withoutWaits(LocalStack.chartRules(SuiteStack.config().repoRoot()))));
        String config = PrometheusServer.config(stack.scrapeTargets(), List.of(rules),
                new PrometheusServer.Intervals(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)));
        prometheus = PrometheusServer.start(binary, home, freePort(), config, home.resolve("prometheus.log"));
    }

    @AfterAll
    static void stopPrometheus() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    void aServiceThatStopsAnsweringFiresTheChartsServiceDownAlert() throws Exception {
        Set<String> jobs = new TreeSet<>();
        stack.scrapeTargets().forEach(target -> jobs.add(target.job()));
        assertThat(jobs).contains("auth-service", "dispatch-service", "mqtt-broker").hasSize(7);
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(targetHealth()).as("every target scraped").containsOnly("up").hasSize(7));
        Instant allUp = Instant.now();
        // the broker's own metrics, as scraped: both platform services hold their MQTT connection
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(query("sum(mqtt_broker_connections{kind=\"service\"})")).isGreaterThanOrEqualTo(2));
        // a whole evaluation round on data with everything up: nothing of the kind fires
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(500)).until(() -> rulesEvaluatedAfter(allUp));
        assertThat(firing()).doesNotContain("GridServiceDown " + VICTIM, "GridMqttNoServiceConnection");

        ServiceProcess victim = stack.service(VICTIM).orElseThrow();
        signal("STOP", victim.pid());
        try {
            // frozen, it accepts connections but answers no scrape: up == 0 on real data
            await().atMost(DEADLINE).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(firing()).contains("GridServiceDown " + VICTIM));
        } finally {
            signal("CONT", victim.pid());
        }
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(targetHealth()).containsOnly("up");
            assertThat(firing()).doesNotContain("GridServiceDown " + VICTIM);
        });
        // the others were never reported down
        assertThat(FIRED_JOBS).containsOnly(VICTIM);
    }

    /** "alertname job" of every firing alert (alertname alone when it has no job). */
    private static List<String> firing() throws IOException {
        List<String> firing = new ArrayList<>();
        for (JsonNode alert : api("/api/v1/alerts").at("/data/alerts")) {
            if (alert.path("state").asText().equals("firing")) {
                String name = alert.at("/labels/alertname").asText();
                String job = alert.at("/labels/job").asText("");
                firing.add(job.isEmpty() ? name : name + " " + job);
                if (name.equals("GridServiceDown")) {
                    FIRED_JOBS.add(job);
                }
            }
        }
        return firing;
    }

    private static List<String> targetHealth() throws IOException {
        List<String> health = new ArrayList<>();
        api("/api/v1/targets").at("/data/activeTargets").forEach(target -> health.add(target.path("health").asText()));
        return health;
    }

    private static boolean rulesEvaluatedAfter(Instant instant) throws IOException {
        JsonNode groups = api("/api/v1/rules").at("/data/groups");
        if (groups.isEmpty()) {
            return false;
        }
        for (JsonNode group : groups) {
            if (Instant.parse(group.path("lastEvaluation").asText()).isBefore(instant)) {
                return false;
            }
        }
        return true;
    }

    private static double query(String promql) throws IOException {
        JsonNode result = JSON.readTree(given().baseUri(prometheus.url()).queryParam("query", promql)
                .get("/api/v1/query").then().statusCode(200).extract().asString()).at("/data/result");
        return result.isEmpty() ? Double.NaN : result.get(0).path("value").get(1).asDouble();
    }

    private static JsonNode api(String path) throws IOException {
        return JSON.readTree(given().baseUri(prometheus.url()).get(path).then().statusCode(200).extract().asString());
    }

    /** The chart's rules file with every {@code for:} at 0 s; the expressions stay as they are. */
    private static JsonNode withoutWaits(Path chartRules) throws IOException {
        JsonNode rules = YAML.readTree(chartRules.toFile());
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.has("for")) {
                    ((ObjectNode) rule).put("for", "0s");
                }
            }
        }
        return rules;
    }

    private static void signal(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).as("kill -%s %d", signal, pid).isZero();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
