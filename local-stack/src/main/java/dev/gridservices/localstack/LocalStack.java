package dev.gridservices.localstack;

import dev.gridservices.localstack.gateway.Gateway;
import dev.gridservices.localstack.gateway.RouteTable;
import dev.gridservices.localstack.infra.KafkaBroker;
import dev.gridservices.localstack.infra.MqttBroker;
import dev.gridservices.localstack.infra.PostgresServer;
import dev.gridservices.localstack.infra.PrometheusServer;
import dev.gridservices.localstack.process.ServiceProcess;
import dev.gridservices.localstack.seed.DemoTenant;
import io.vertx.core.net.SocketAddress;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The whole suite on one machine: embedded PostgreSQL (one database per service), a Kafka broker, an
 * MQTT broker, each service as its own JVM and the gateway in front. Used by {@link #main} and, in
 * process, by the end-to-end tests.
 */
public final class LocalStack implements AutoCloseable {

    /** A service: its module (= name) and its database. */
    public record ServiceDefinition(String name, String database) {
    }

    public static final List<ServiceDefinition> SERVICES = List.of(
            new ServiceDefinition("auth-service", "auth"),
            new ServiceDefinition("programs-service", "programs"),
            new ServiceDefinition("enrollment-service", "enrollment"),
            new ServiceDefinition("device-service", "device"),
            new ServiceDefinition("telemetry-ingest-service", "telemetry"),
            new ServiceDefinition("dispatch-service", "dispatch"));

    private static final String AUTH_SERVICE = "auth-service";
    private static final String DEVICE_SERVICE = "device-service";
    private static final String DISPATCH_SERVICE = "dispatch-service";
    private static final String TELEMETRY_SERVICE = "telemetry-ingest-service";
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);
    private static final int LOG_TAIL_LINES = 30;

    private final LocalStackConfig config;
    private final RouteTable routes;
    private final PrintStream console;
    private final Path logDir;
    private final Map<String, ServiceProcess> processes = new LinkedHashMap<>();
    private final List<String> exitReports = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile boolean running;
    private final CountDownLatch closed = new CountDownLatch(1);
    private PostgresServer postgres;
    private KafkaBroker kafka;
    private MqttBroker mqtt;
    private Gateway gateway;
    private PrometheusServer prometheus;
    private String prometheusProblem;
    private Duration startupTime;
    private LocalSecrets secrets;
    private DemoTenant demoTenant;

    private LocalStack(LocalStackConfig config, RouteTable routes, PrintStream console) {
        this.config = config;
        this.routes = routes;
        this.console = console;
        this.logDir = config.dataDir().resolve("logs");
    }

    public static void main(String[] args) {
        RouteTable routes = RouteTable.fromClasspath();
        LocalStackConfig config;
        try {
            if (List.of(args).contains("--help")) {
                System.out.println(LocalStackConfig.usage(routes.servicePorts()));
                return;
            }
            config = LocalStackConfig.defaults(Path.of("").toAbsolutePath(), routes.servicePorts())
                    .override(System.getenv(), args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        LocalStack stack;
        try {
            stack = start(config, routes, System.out);
        } catch (LocalStackException e) {
            System.err.println();
            System.err.println("The local stack did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-shutdown"));
        stack.awaitClosed();
    }

    /** Starts everything with the route table packaged in this jar. */
    public static LocalStack start(LocalStackConfig config, PrintStream console) {
        return start(config, RouteTable.fromClasspath(), console);
    }

    static LocalStack start(LocalStackConfig config, RouteTable routes, PrintStream console) {
        LocalStack stack = new LocalStack(config, routes, console);
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException | InterruptedException e) {
            stack.close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw e instanceof LocalStackException problem ? problem : new LocalStackException(e.getMessage(), e);
        }
    }

    private void startAll() throws InterruptedException {
        Instant begin = Instant.now();
        Map<String, Path> jars = serviceJars();
        prepareDataDir();
        requirePortsFree();
        secrets = LocalSecrets.loadOrCreate(config.dataDir());
        InfraLogging.configure(logDir.resolve("infra.log"));
        console.printf("Starting PostgreSQL, Kafka and the MQTT broker (data in %s) ...%n", config.dataDir());
        List<String> databases = SERVICES.stream().map(ServiceDefinition::database).toList();
        CompletableFuture<PostgresServer> postgresStart = CompletableFuture.supplyAsync(() -> PostgresServer.start(
                config.dataDir(), config.postgresPort(), logDir.resolve("postgres.log"), databases));
        try {
            kafka = KafkaBroker.start(config.dataDir(), config.kafkaPort(), config.kafkaControllerPort(), console);
            mqtt = MqttBroker.start(config.dataDir(), config.mqttPort(), config.mqttMetricsPort(), authUrl(),
                    secrets.platformServiceCredential());
        } finally {
            postgres = await(postgresStart);
        }
        console.printf("Infrastructure up in %d s; starting %s ...%n",
                Duration.between(begin, Instant.now()).toSeconds(), String.join(", ", config.services()));
        for (ServiceDefinition service : definitions()) {
            ServiceProcess process = ServiceProcess.start(service.name(), jars.get(service.name()),
                    config.servicePorts().get(service.name()), config.jvmOptions(), serviceProperties(service),
                    serviceSecrets(service), logDir.resolve(service.name() + ".log"), this::reportUnexpectedExit);
            synchronized (processes) {
                processes.put(service.name(), process);
            }
            writePidFile(process);
        }
        awaitAllReady();
        startupTime = Duration.between(begin, Instant.now());
        Map<String, SocketAddress> upstreams = new LinkedHashMap<>();
        config.services().forEach(service ->
                upstreams.put(service, SocketAddress.inetSocketAddress(config.servicePorts().get(service), "127.0.0.1")));
        gateway = Gateway.start(routes, upstreams, "127.0.0.1", config.gatewayPort());
        seedDemoTenant();
        if (config.withPrometheus()) {
            startPrometheus();
        }
        printSummary();
        running = true;
    }

    private void awaitAllReady() throws InterruptedException {
        List<CompletableFuture<Void>> waits = new ArrayList<>();
        for (ServiceProcess process : services()) {
            waits.add(CompletableFuture.runAsync(() -> {
                try {
                    process.awaitReady(config.readyTimeout());
                    console.printf("  %-26s ready on port %d%n", process.name(), process.port());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new LocalStackException("interrupted", e);
                }
            }));
        }
        for (CompletableFuture<Void> wait : waits) {
            try {
                wait.get();
            } catch (ExecutionException e) {
                throw new LocalStackException(e.getCause().getMessage() + failedServiceDetails(), e.getCause());
            }
        }
    }

    private String failedServiceDetails() {
        StringBuilder details = new StringBuilder();
        for (ServiceProcess process : services()) {
            if (!process.isAlive()) {
                details.append(System.lineSeparator()).append(tailReport(process));
            }
        }
        return details.toString();
    }

    /** auth-service's base URL, which is also its token issuer. */
    private String authUrl() {
        return "http://localhost:" + config.servicePorts().get(AUTH_SERVICE);
    }

    private Map<String, String> serviceProperties(ServiceDefinition service) {
        String authUrl = authUrl();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.http.host", "127.0.0.1");
        properties.put("quarkus.http.port", String.valueOf(config.servicePorts().get(service.name())));
        properties.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(service.database()));
        properties.put("quarkus.datasource.reactive.url", postgres.reactiveUrl(service.database()));
        properties.put("quarkus.datasource.username", PostgresServer.USER);
        properties.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        properties.put("mqtt.host", "127.0.0.1");
        properties.put("mqtt.port", String.valueOf(mqtt.port()));
        properties.put("mp.messaging.connector.smallrye-mqtt.host", "127.0.0.1");
        properties.put("mp.messaging.connector.smallrye-mqtt.port", String.valueOf(mqtt.port()));
        if (service.name().equals(DISPATCH_SERVICE)) {
            properties.put("mqtt.username", MqttBroker.serviceUsername(service.name()));
            // one replica here, but a client id of its own: the broker lets one session per client id live
            properties.put("mp.messaging.outgoing.mqtt-events.client-id", "dispatch-service-local");
        }
        if (service.name().equals(TELEMETRY_SERVICE)) {
            // its MQTT client id is its prefix plus a random suffix, unique per start
            properties.put("telemetry.mqtt.host", "127.0.0.1");
            properties.put("telemetry.mqtt.port", String.valueOf(mqtt.port()));
            properties.put("telemetry.mqtt.username", MqttBroker.serviceUsername(service.name()));
        }
        properties.put("quarkus.oidc.auth-server-url", authUrl);
        properties.put("security.auth-service.url", authUrl);
        if (service.name().equals(AUTH_SERVICE)) {
            properties.put("auth.issuer", authUrl);
            properties.put("auth.admin.api-key-sha256", secrets.adminApiKeySha256());
            // the gateway runs in this JVM on loopback: auth-service believes its X-Forwarded-For only
            properties.put("auth.token.rate-limit.trusted-gateway", "127.0.0.1");
            properties.put("auth.ven-registry.url", "http://127.0.0.1:" + config.servicePorts().get(DEVICE_SERVICE));
        }
        return properties;
    }

    /**
     * Secrets go in the environment, not on the command line where any local user can read them. One
     * platform service credential serves every service's {@code /internal/*} (security-kit), the broker's
     * calls to auth-service and the services' broker logins ({@code service:<name>}).
     */
    private Map<String, String> serviceSecrets(ServiceDefinition service) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SECURITY_SERVICE_CREDENTIAL", secrets.platformServiceCredential());
        switch (service.name()) {
            case AUTH_SERVICE -> env.put("AUTH_SIGNING_KEYS_ENCRYPTION_KEY", secrets.signingKeysEncryptionKey());
            case DISPATCH_SERVICE -> env.put("MQTT_PASSWORD", secrets.platformServiceCredential());
            case TELEMETRY_SERVICE -> env.put("TELEMETRY_MQTT_PASSWORD", secrets.platformServiceCredential());
            default -> {
            }
        }
        return env;
    }

    private void seedDemoTenant() {
        if (!config.seedDemo() || !config.services().contains(AUTH_SERVICE)) {
            return;
        }
        try {
            demoTenant = DemoTenant.loadOrCreate(config.dataDir(), gatewayUrl(), secrets.adminApiKey());
        } catch (RuntimeException e) {
            console.println("The demo data was not (completely) created (" + e.getMessage()
                    + "); the stack runs without it, the next start completes it.");
        }
    }

    /** The chart's alert rules, where the repository keeps them. */
    public static Path chartRules(Path repoRoot) {
        return repoRoot.resolve("helm/grid-services/files/prometheus/grid-services-rules.yaml");
    }

    /** What Prometheus scrapes: every running service and the broker, with the job names the chart gives them. */
    public List<PrometheusServer.Target> scrapeTargets() {
        List<PrometheusServer.Target> targets = new ArrayList<>();
        for (ServiceProcess process : services()) {
            targets.add(new PrometheusServer.Target(process.name(), process.port(), "/q/metrics"));
        }
        targets.add(new PrometheusServer.Target("mqtt-broker", mqtt.metricsPort(), "/q/metrics"));
        return targets;
    }

    /**
     * Asked for, but not essential: without Prometheus (no apt on this machine, say) the stack still runs and
     * the summary says why it has none.
     */
    private void startPrometheus() {
        Path rules = chartRules(config.repoRoot());
        try {
            Path tools = config.dataDir().resolve("tools/prometheus");
            console.println("Starting Prometheus (Debian's package, fetched into " + tools + " on first use) ...");
            Path binary = PrometheusServer.locate(tools);
            String prometheusConfig = PrometheusServer.config(scrapeTargets(),
                    Files.isRegularFile(rules) ? List.of(rules) : List.of(), PrometheusServer.Intervals.LOCAL);
            prometheus = PrometheusServer.start(binary, config.dataDir().resolve("prometheus"), config.prometheusPort(),
                    prometheusConfig, logDir.resolve("prometheus.log"));
            if (!Files.isRegularFile(rules)) {
                prometheusProblem = "no alert rules: " + rules + " is missing";
            }
        } catch (RuntimeException e) {
            prometheusProblem = e.getMessage();
        }
    }

    private void reportUnexpectedExit(ServiceProcess process) {
        try {
            // Ctrl-C reaches the services too; give the shutdown hook a moment to claim those exits
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closing.get() || !running) {
            // while starting, the failed start itself reports the exit with the log tail
            return;
        }
        String report = process.name() + " (pid " + process.pid() + ") exited unexpectedly with code "
                + process.exitCode().orElse(-1) + "; its routes now answer 503."
                + System.lineSeparator() + tailReport(process);
        exitReports.add(report);
        console.println();
        console.println("!! " + report);
    }

    private String tailReport(ServiceProcess process) {
        StringBuilder report = new StringBuilder("Last lines of " + process.logFile() + ":");
        process.logTail(LOG_TAIL_LINES).forEach(line -> report.append(System.lineSeparator()).append("   | ").append(line));
        return report.toString();
    }

    private void printSummary() {
        String base = gatewayUrl();
        console.println();
        console.printf("Grid services are up: %d services ready %d s after start.%n",
                config.services().size(), startupTime.toSeconds());
        console.printf("  Public API (gateway):  %s   (routes: deploy/routes.yaml)%n", base);
        console.printf("  API document:          %s/openapi.json   (Swagger UI: %s/docs)%n", base, base);
        console.printf("  MQTT broker:           %s   (VEN: client id = its venID, username = its access token)%n",
                mqttUrl());
        console.printf("  Logs:                  %s%n", logDir);
        console.printf("  Data (kept):           %s   (delete it to start afresh)%n", config.dataDir());
        if (prometheus != null) {
            console.printf("  Prometheus:            %s   (alerts: %s/alerts; the chart's rules, every service and the broker)%n",
                    prometheus.url(), prometheus.url());
        }
        if (prometheusProblem != null) {
            console.printf("  Prometheus:            %s%n", prometheus == null ? "not started: " + prometheusProblem
                    : prometheusProblem);
        }
        console.printf("  Broker metrics:        http://localhost:%d/q/metrics%n", mqtt.metricsPort());
        for (ServiceProcess process : services()) {
            console.printf("  %-26s http://localhost:%d  (pid %d)%n", process.name(), process.port(), process.pid());
        }
        console.printf("  Platform-admin key:    %s   (Texture-Api-Key for POST /v1/organization)%n",
                secrets.adminApiKey());
        if (demoTenant != null) {
            printDemo(base);
        } else {
            console.println("Try:");
            console.printf("  curl -s %s/.well-known/openid-configuration%n", base);
        }
        console.println("Ctrl-C stops everything.");
    }

    private void printDemo(String base) {
        DemoTenant.Utility utility = demoTenant.utility();
        DemoTenant.Oem oem = demoTenant.oem();
        console.printf("Demo data (credentials also in %s):%n", config.dataDir().resolve("demo-credentials.properties"));
        console.printf("  Utility organization %s%n", utility.organizationId());
        console.printf("    SERVER API key:      %s%n", utility.serverKey());
        console.printf("    BL OAuth client:     client_id=%s client_secret=%s  (%s)%n", utility.clientId(),
                utility.clientSecret(), String.join(" ", DemoTenant.UTILITY_CLIENT_SCOPES));
        console.printf("    program %s (id %s), active instance %s, offered to the OEM%n",
                demoTenant.program().slug(), demoTenant.program().id(), demoTenant.program().instanceId());
        console.printf("  OEM organization %s%n", oem.organizationId());
        console.printf("    SERVER API key:      %s%n", oem.serverKey());
        console.printf("    MANUFACTURER key:    %s%n", oem.manufacturerKey());
        console.printf("    VEN %s, its OAuth client: client_id=%s client_secret=%s  (%s)%n", oem.venId(),
                oem.clientId(), oem.clientSecret(), String.join(" ", DemoTenant.OEM_CLIENT_SCOPES));
        console.println("Try:");
        console.printf("  curl -s %s/v1/programs/%s -H 'Texture-Api-Key: %s'%n", base, demoTenant.program().slug(),
                utility.serverKey());
        console.printf("  TOKEN=$(curl -s %s/v2/auth/token -d grant_type=client_credentials -d client_id=%s"
                + " -d client_secret=%s | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')%n",
                base, oem.clientId(), oem.clientSecret());
        console.printf("  curl -s %s/v2/programs -H \"Authorization: Bearer $TOKEN\"%n", base);
        console.printf("  curl -s %s/v2/vens/%s -H \"Authorization: Bearer $TOKEN\"%n", base, oem.venId());
    }

    private Map<String, Path> serviceJars() {
        Map<String, Path> jars = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (ServiceDefinition service : definitions()) {
            Path jar = config.repoRoot().resolve(service.name()).resolve("target/quarkus-app/quarkus-run.jar");
            if (!Files.isRegularFile(jar)) {
                missing.add(jar.toString());
            }
            jars.put(service.name(), jar);
        }
        if (!missing.isEmpty()) {
            throw new LocalStackException("No built service at " + String.join(", ", missing)
                    + ". Run from the repository root after `mvn -B -DskipTests package` (./run-local.sh does both),"
                    + " or point --repo-root at it.");
        }
        return jars;
    }

    private void requirePortsFree() {
        List<String> taken = new ArrayList<>();
        config.portsByFlag().forEach((flag, port) -> {
            if (!isFree(port)) {
                taken.add(port + " (--" + flag + ")");
            }
        });
        if (!taken.isEmpty()) {
            throw new LocalStackException("Port(s) already in use: " + String.join(", ", taken)
                    + ". Is another local stack running? Stop it, or move to free ports with the flags shown"
                    + " (or LOCAL_STACK_* variables; see --help).");
        }
    }

    /** Free on loopback (where the stack binds) and on all interfaces (where another server may sit). */
    private static boolean isFree(int port) {
        return canBind(port, InetAddress.getLoopbackAddress()) && canBind(port, null);
    }

    private static boolean canBind(int port, InetAddress address) {
        try (ServerSocket socket = new ServerSocket(port, 1, address)) {
            return socket.isBound();
        } catch (IOException e) {
            return false;
        }
    }

    private void prepareDataDir() {
        try {
            Files.createDirectories(logDir);
            Files.createDirectories(runDir());
            stopLeftovers();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare " + config.dataDir(), e);
        }
    }

    /**
     * Services and the PostgreSQL server a killed launcher left behind would hold ports and data; they
     * are found by the pid files in the data folder (and only if their command line says they are ours).
     */
    private void stopLeftovers() throws IOException {
        try (var pidFiles = Files.list(runDir())) {
            for (Path pidFile : pidFiles.toList()) {
                stopLeftover(pidFile.getFileName().toString().replace(".pid", ""), readPid(pidFile), "quarkus-run.jar");
                Files.delete(pidFile);
            }
        }
        Path postgresData = config.dataDir().resolve("postgres");
        Path postmasterPid = postgresData.resolve("postmaster.pid");
        if (Files.exists(postmasterPid)) {
            stopLeftover("PostgreSQL", readPid(postmasterPid), postgresData.toString());
        }
    }

    private void stopLeftover(String name, long pid, String commandLineMark) {
        ProcessHandle.of(pid)
                .filter(handle -> handle.info().commandLine().orElse("").contains(commandLineMark))
                .ifPresent(handle -> {
                    console.printf("Stopping %s (pid %d) left over from an earlier run%n", name, pid);
                    handle.destroy();
                    handle.onExit().orTimeout(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)
                            .exceptionally(timeout -> {
                                handle.destroyForcibly();
                                return handle;
                            }).join();
                });
    }

    private static long readPid(Path file) throws IOException {
        try (var lines = Files.lines(file)) {
            return lines.findFirst().map(String::trim).map(Long::parseLong).orElse(-1L);
        }
    }

    private void writePidFile(ServiceProcess process) {
        try {
            Files.writeString(runDir().resolve(process.name() + ".pid"), String.valueOf(process.pid()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path runDir() {
        return config.dataDir().resolve("run");
    }

    private List<ServiceDefinition> definitions() {
        return SERVICES.stream().filter(service -> config.services().contains(service.name())).toList();
    }

    private List<ServiceProcess> services() {
        synchronized (processes) {
            return List.copyOf(processes.values());
        }
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    /** Stops the gateway, the services (in parallel, gracefully), then the brokers and PostgreSQL. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            awaitClosed();
            return;
        }
        console.println("Stopping the local stack ...");
        try {
            closeQuietly(prometheus);
            closeQuietly(gateway);
            List<CompletableFuture<Void>> stops = services().stream()
                    .map(process -> CompletableFuture.runAsync(() -> process.stop(STOP_GRACE)))
                    .toList();
            stops.forEach(CompletableFuture::join);
            for (ServiceProcess process : services()) {
                try {
                    Files.deleteIfExists(runDir().resolve(process.name() + ".pid"));
                } catch (IOException e) {
                    console.println("  (cannot delete the pid file of " + process.name() + ": " + e.getMessage() + ")");
                }
            }
            closeQuietly(mqtt);
            closeQuietly(kafka);
            closeQuietly(postgres);
            console.println("Local stack stopped.");
        } finally {
            closed.countDown();
        }
    }

    private void closeQuietly(AutoCloseable resource) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            console.println("  (while stopping " + resource.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }

    /** Blocks until {@link #close} has finished. */
    public void awaitClosed() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String gatewayUrl() {
        return "http://localhost:" + gateway.port();
    }

    /** Prometheus' URL when it runs ({@code --with-prometheus}). */
    public Optional<String> prometheusUrl() {
        return Optional.ofNullable(prometheus).map(PrometheusServer::url);
    }

    public String mqttUrl() {
        return "mqtt://localhost:" + mqtt.port();
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String jdbcUrl(String database) {
        return postgres.jdbcUrl(database);
    }

    public Path logDir() {
        return logDir;
    }

    /** The demo organization and its credentials, if seeding was on and worked. */
    public Optional<DemoTenant> demoTenant() {
        return Optional.ofNullable(demoTenant);
    }

    public String adminApiKey() {
        return secrets.adminApiKey();
    }

    public Duration startupTime() {
        return startupTime;
    }

    public Optional<ServiceProcess> service(String name) {
        synchronized (processes) {
            return Optional.ofNullable(processes.get(name));
        }
    }

    public List<ServiceProcess> serviceProcesses() {
        return services();
    }

    /** What the launcher reported about services that exited on their own. */
    public List<String> exitReports() {
        return List.copyOf(exitReports);
    }
}
