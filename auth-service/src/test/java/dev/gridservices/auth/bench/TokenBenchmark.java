package dev.gridservices.auth.bench;

import dev.gridservices.testkit.EmbeddedPostgresServer;
import dev.gridservices.testkit.auth.TestAuthServer;
import dev.gridservices.testkit.auth.TestVenRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * Open-loop load generator for {@code POST /v2/auth/token} (not a test; see docs/benchmarks.md; run it with
 * {@code mvn -pl auth-service -am verify -Ptoken-benchmark}). Starts a real PostgreSQL (embedded) and the
 * test VEN registry, runs the packaged service ({@code target/quarkus-app/quarkus-run.jar}) as a separate
 * JVM, creates one OEM client bound to a VEN, restarts the service with that client's rate limit raised, then
 * sends requests at a constant arrival rate. Latency is measured from each request's scheduled send time,
 * so a stalled server cannot hide its queueing (no coordinated omission).
 *
 * <p>Arguments: {@code rate=500 warmup=30 duration=60 jvm=-Xms256m,-Xmx512m alg=ES256 baseline=false} (JVM options
 * separated by commas or spaces) ({@code alg}: the
 * client's tokenSigningAlg, ES256 or RS256). With
 * {@code baseline=true} it also sends the same load to {@code GET /q/health/live} first: the latency floor of
 * the machine (scheduler, generator, HTTP stack) at that moment, to tell the service's cost from contention.
 */
public final class TokenBenchmark {

    private static final int PORT = 18081;
    private static final String BASE = "http://localhost:" + PORT;

    private TokenBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        measure(args);
        // The test kit's servers (VEN registry) stop only when the JVM exits; their dispatcher threads would keep it alive.
        System.exit(0);
    }

    private static void measure(String[] args) throws Exception {
        int rate = Integer.parseInt(arg(args, "rate", "500"));
        int warmup = Integer.parseInt(arg(args, "warmup", "30"));
        int duration = Integer.parseInt(arg(args, "duration", "60"));
        String jvm = arg(args, "jvm", "-Xmx512m");
        boolean baseline = Boolean.parseBoolean(arg(args, "baseline", "false"));
        String alg = arg(args, "alg", "ES256");
        Path jar = Path.of(arg(args, "jar", "target/quarkus-app/quarkus-run.jar"));

        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start()) {
            String adminKey = "bench-admin-" + UUID.randomUUID();
            List<String> common = new ArrayList<>(List.of(
                    "-Dquarkus.http.port=" + PORT,
                    "-Dquarkus.datasource.jdbc.url=" + postgres.jdbcUrl(),
                    "-Dquarkus.datasource.reactive.url=" + postgres.reactiveUrl(),
                    "-Dquarkus.datasource.username=postgres",
                    "-Dquarkus.datasource.password=",
                    // No Kafka in this benchmark: the token path does not produce events.
                    "-Dkafka.bootstrap.servers=localhost:1",
                    "-Dquarkus.log.category.\"org.apache.kafka\".level=ERROR",
                    "-Dauth.signing-keys.encryption-key=xNlhbt7JigtGR/GwgKrJyEnBbCIZ7UY9HS/ATP7cnZU=",
                    "-Dauth.admin.api-key-sha256=" + sha256(adminKey),
                    "-Dauth.ven-registry.url=" + TestVenRegistry.url(),
                    "-Dsecurity.service-credential=" + TestAuthServer.SERVICE_CREDENTIAL));

            String clientId;
            String secret;
            Process service = start(jvm, common, jar);
            try {
                HttpClient http = HttpClient.newHttpClient();
                String org = post(http, "/v1/organization", adminKey,
                        "{\"name\":\"Bench\",\"domain\":\"bench.example.com\",\"kind\":\"oem\"}",
                        "\"id\"\\s*:\\s*\"([^\"]+)\"");
                String venId = TestVenRegistry.register(org, "bench fleet");
                String created = postRaw(http, "/v1/organizations/" + org + "/oauth-clients", adminKey,
                        "{\"name\":\"bench\",\"scopes\":[\"read_events\",\"write_reports\",\"write_vens\"],\"venId\":\""
                                + venId + "\",\"tokenSigningAlg\":\"" + alg + "\"}");
                clientId = find(created, "\"clientId\"\\s*:\\s*\"([^\"]+)\"");
                secret = find(created, "\"clientSecret\"\\s*:\\s*\"([^\"]+)\"");
            } finally {
                stop(service);
            }

            List<String> raised = new ArrayList<>(common);
            raised.add("-Dauth.token.rate-limit.per-client." + clientId + "=100000000");
            service = start(jvm, raised, jar);
            try {
                String form = "grant_type=client_credentials&client_id=" + enc(clientId) + "&client_secret=" + enc(secret);
                HttpRequest token = HttpRequest.newBuilder(URI.create(BASE + "/v2/auth/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build();
                System.out.printf("Warm-up: %d s at %d req/s, tokens signed %s%n", warmup, rate, alg);
                run(token, rate, warmup);
                if (baseline) {
                    HttpRequest live = HttpRequest.newBuilder(URI.create(BASE + "/q/health/live"))
                            .timeout(Duration.ofSeconds(30)).build();
                    run(live, rate, 10);
                    System.out.printf("Baseline GET /q/health/live: %d s at %d req/s%n", duration, rate);
                    run(live, rate, duration).print(rate, duration);
                }
                System.out.printf("Measured: %d s at %d req/s%n", duration, rate);
                long cpuBefore = cpuMillis(service.pid());
                Result result = run(token, rate, duration);
                long cpuMillis = cpuMillis(service.pid()) - cpuBefore;
                result.print(rate, duration);
                System.out.printf("service CPU: %.2f ms per request (%.0f%% of one core)%n",
                        cpuMillis / (double) (rate * duration), cpuMillis / (duration * 10.0));
            } finally {
                stop(service);
            }
        }
    }

    private record Result(Histogram histogram, int ok, int failed) {
        void print(int rate, int duration) {
            System.out.printf("requests=%d ok=%d failed=%d achieved=%.1f req/s%n", ok + failed, ok, failed,
                    (ok + failed) / (double) duration);
            System.out.printf("latency ms: p50=%.2f p90=%.2f p99=%.2f p99.9=%.2f max=%.2f mean=%.2f%n",
                    ms(50), ms(90), ms(99), ms(99.9), histogram.getMaxValue() / 1000.0, histogram.getMean() / 1000.0);
        }

        private double ms(double percentile) {
            return histogram.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    private static Result run(HttpRequest request, int rate, int seconds) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(30), 3);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        int total = rate * seconds;
        CountDownLatch done = new CountDownLatch(total);
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long scheduled = start + i * intervalNanos;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                long micros = (System.nanoTime() - scheduled) / 1000;
                synchronized (histogram) {
                    histogram.recordValue(Math.min(micros, histogram.getHighestTrackableValue()));
                }
                if (error == null && response.statusCode() == 200) {
                    ok.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                }
                done.countDown();
            });
        }
        done.await(60, TimeUnit.SECONDS);
        return new Result(histogram, ok.get(), failed.get());
    }

    private static Process start(String jvm, List<String> properties, Path jar) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvm.trim().split("[\\s,]+")));
        command.addAll(properties);
        command.add("-jar");
        command.add(jar.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Path.of("target", "token-benchmark-service.log").toFile()).start();
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(BASE + "/q/health/live")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return process;
                }
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("auth-service did not start; see target/token-benchmark-service.log");
    }

    /** User + system CPU time of a process, from /proc (Linux clock ticks of 10 ms). */
    private static long cpuMillis(long pid) throws IOException {
        String stat = java.nio.file.Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static String post(HttpClient http, String path, String key, String json, String pattern) throws Exception {
        return find(postRaw(http, path, key, json), pattern);
    }

    private static String postRaw(HttpClient http, String path, String key, String json) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(BASE + path))
                .header("Content-Type", "application/json").header("Texture-Api-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String find(String body, String pattern) {
        Matcher matcher = Pattern.compile(pattern).matcher(body);
        if (!matcher.find()) {
            throw new IllegalStateException("No " + pattern + " in " + body);
        }
        return matcher.group(1);
    }

    private static String arg(String[] args, String name, String fallback) {
        for (String arg : args) {
            if (arg.startsWith(name + "=")) {
                return arg.substring(name.length() + 1);
            }
        }
        return fallback;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String sha256(String value) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    }
}
