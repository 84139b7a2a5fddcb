package dev.gridservices.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged broker as the image runs it: {@code java -jar target/mqtt-broker-runner.jar}, configured only by
 * {@code MQTT_BROKER_*} environment variables (the chart's), listening for MQTT and serving {@code /q/metrics},
 * stopping cleanly on SIGTERM.
 */
class MqttBrokerRunnerIT {

    private static final Path RUNNER = Path.of("target", "mqtt-broker-runner.jar").toAbsolutePath();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process broker;

    @AfterEach
    void stop() throws InterruptedException {
        if (broker != null && broker.isAlive()) {
            broker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theRunnerJarStartsFromTheEnvironmentServesMetricsAndStopsOnSigterm() throws Exception {
        assertThat(RUNNER).exists();
        int mqttPort = freePort();
        int metricsPort = freePort();
        Path data = Files.createDirectories(Path.of("target", "runner-it", String.valueOf(System.nanoTime())));
        Path log = data.resolve("broker.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar", RUNNER.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // no auth-service here: the broker starts anyway and keeps retrying the JWKS in the background
        builder.environment().putAll(java.util.Map.of(
                "MQTT_BROKER_HOST", "127.0.0.1",
                "MQTT_BROKER_PORT", String.valueOf(mqttPort),
                "MQTT_BROKER_METRICS_PORT", String.valueOf(metricsPort),
                "MQTT_BROKER_DATA_DIR", data.resolve("mqtt").toString(),
                "MQTT_BROKER_ISSUER", "http://127.0.0.1:" + freePort(),
                "MQTT_BROKER_SERVICE_CREDENTIAL", "runner-test-credential-0123456789"));
        broker = builder.start();

        HttpRequest scrape = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/q/metrics")).build();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().untilAsserted(() -> {
            assertThat(broker.isAlive()).as(() -> readLog(log)).isTrue();
            HttpResponse<String> metrics = http.send(scrape, HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("text/plain; version=0.0.4"));
            assertThat(metrics.body()).contains("mqtt_broker_connections{kind=\"ven\",} 0.0")
                    .contains("mqtt_broker_connects_refused_total{reason=\"not_authorized\",} 0.0")
                    .contains("jvm_memory_used_bytes");
        });
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", mqttPort), 2_000);
            assertThat(socket.isConnected()).isTrue();
        }
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/other")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);

        broker.destroy();
        assertThat(broker.waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        assertThat(readLog(log)).contains("MQTT broker listening on 127.0.0.1:" + mqttPort);
    }

    private static String readLog(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
