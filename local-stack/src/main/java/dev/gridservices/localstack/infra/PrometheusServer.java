package dev.gridservices.localstack.infra;

import dev.gridservices.localstack.LocalStackException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Prometheus server, Debian's {@code prometheus} package: fetched once with {@code apt-get download} and
 * unpacked with {@code dpkg-deb -x} under a tools folder (no installation, no root for the unpack), run as its
 * own process on loopback with a generated scrape configuration and the given rule files.
 */
public final class PrometheusServer implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    /** One scrape job: its name (the {@code job} label the rules select on) and where its metrics are. */
    public record Target(String job, int port, String metricsPath) {
    }

    /** Scrape and rule-evaluation intervals (a test evaluates every second, a developer every 10 s). */
    public record Intervals(Duration scrape, Duration scrapeTimeout, Duration evaluation) {

        public static final Intervals LOCAL = new Intervals(Duration.ofSeconds(10), Duration.ofSeconds(5),
                Duration.ofSeconds(10));
    }

    private final Process process;
    private final int port;
    private final Path logFile;

    private PrometheusServer(Process process, int port, Path logFile) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
    }

    /**
     * Debian's {@code prometheus} binary: already unpacked under {@code toolsDir}, else fetched there now.
     *
     * @throws LocalStackException when apt-get or dpkg-deb are missing or fail (the message says what to do)
     */
    public static Path binary(Path toolsDir) {
        Path unpacked = toolsDir.resolve("root/usr/bin/prometheus");
        if (Files.isExecutable(unpacked)) {
            return unpacked;
        }
        try {
            Files.createDirectories(toolsDir);
            String first = run(toolsDir, "apt-get", "download", "prometheus");
            // a fresh machine may have no package lists yet (apt-get update needs root)
            String download = debFile(toolsDir).isPresent() ? first
                    : run(toolsDir, "apt-get", "update", "-qq") + run(toolsDir, "apt-get", "download", "prometheus");
            Path deb = debFile(toolsDir).orElseThrow(() -> new LocalStackException(
                    "Cannot fetch Prometheus: `apt-get download prometheus` found no package (Debian/Ubuntu with apt"
                            + " needed, or a prometheus on the PATH). "
                            + "apt-get said: " + download.strip()));
            String unpack = run(toolsDir, "dpkg-deb", "-x", deb.toString(), toolsDir.resolve("root").toString());
            if (!Files.isExecutable(unpacked)) {
                throw new LocalStackException("dpkg-deb -x " + deb + " gave no " + unpacked + ": " + unpack.strip());
            }
            return unpacked;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare " + toolsDir, e);
        }
    }

    /**
     * A {@code prometheus} on the PATH, else the one unpacked under {@code toolsDir}, else fetched there now.
     *
     * @throws LocalStackException when there is none and apt-get or dpkg-deb are missing or fail
     */
    public static Path locate(Path toolsDir) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = dir.isEmpty() ? null : Path.of(dir, "prometheus");
            if (candidate != null && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return binary(toolsDir);
    }

    /** A Prometheus configuration scraping {@code targets} on 127.0.0.1 and evaluating {@code ruleFiles}. */
    public static String config(List<Target> targets, List<Path> ruleFiles, Intervals intervals) {
        StringBuilder yaml = new StringBuilder()
                .append("# written by the local-stack launcher at every start\n")
                .append("global:\n")
                .append("  scrape_interval: ").append(seconds(intervals.scrape())).append('\n')
                .append("  scrape_timeout: ").append(seconds(intervals.scrapeTimeout())).append('\n')
                .append("  evaluation_interval: ").append(seconds(intervals.evaluation())).append('\n')
                .append("rule_files:\n");
        ruleFiles.forEach(file -> yaml.append("  - ").append(quoted(file.toAbsolutePath().toString())).append('\n'));
        if (ruleFiles.isEmpty()) {
            yaml.setLength(yaml.length() - "rule_files:\n".length());
        }
        yaml.append("scrape_configs:\n");
        for (Target target : targets) {
            yaml.append("  - job_name: ").append(quoted(target.job())).append('\n')
                    .append("    metrics_path: ").append(quoted(target.metricsPath())).append('\n')
                    .append("    static_configs: [{ targets: [\"127.0.0.1:").append(target.port()).append("\"] }]\n");
        }
        return yaml.toString();
    }

    /**
     * Writes {@code config} to {@code <workDir>/prometheus.yml} and starts {@code binary} on
     * {@code 127.0.0.1:port} with its data under {@code <workDir>/data}; returns when it is ready.
     */
    public static PrometheusServer start(Path binary, Path workDir, int port, String config, Path logFile) {
        try {
            Files.createDirectories(workDir.resolve("data"));
            Path configFile = workDir.resolve("prometheus.yml");
            Files.writeString(configFile, config);
            List<String> command = new ArrayList<>(List.of(binary.toString(),
                    "--config.file=" + configFile,
                    "--storage.tsdb.path=" + workDir.resolve("data"),
                    "--storage.tsdb.retention.time=2d",
                    "--web.listen-address=127.0.0.1:" + port));
            Process process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            PrometheusServer server = new PrometheusServer(process, port, logFile);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start Prometheus " + binary, e);
        }
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url() + "/-/ready")).timeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new LocalStackException("Prometheus exited with code " + process.exitValue() + "; see " + logFile);
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (ConnectException notYet) {
                // not listening yet
            } catch (IOException e) {
                // starting: answers come and go until the TSDB is open
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new LocalStackException("interrupted while waiting for Prometheus", e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new LocalStackException("interrupted while waiting for Prometheus", e);
            }
        }
        close();
        throw new LocalStackException("Prometheus was not ready within " + READY_TIMEOUT.toSeconds() + " s; see " + logFile);
    }

    public String url() {
        return "http://localhost:" + port;
    }

    public int port() {
        return port;
    }

    public Path logFile() {
        return logFile;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static Optional<Path> debFile(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().matches("prometheus_.*\\.deb")).findFirst();
        }
    }

    /** Runs a command in {@code dir}; returns its output (stdout and stderr). */
    private static String run(Path dir, String... command) {
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(300, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return String.join(" ", command) + " timed out";
            }
            return output;
        } catch (IOException e) {
            return String.join(" ", command) + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return String.join(" ", command) + ": interrupted";
        }
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Job name → port, for the services of a running stack (used by {@link #config}). */
    public static List<Target> serviceTargets(Map<String, Integer> servicePorts) {
        return servicePorts.entrySet().stream().map(e -> new Target(e.getKey(), e.getValue(), "/q/metrics")).toList();
    }
}
