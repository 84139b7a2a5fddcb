package dev.gridservices.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the local stack keeps its data and which ports it takes. Every setting has a flag
 * ({@code --gateway-port=8080}) and an environment variable ({@code LOCAL_STACK_GATEWAY_PORT}); a flag
 * wins over the variable.
 */
public record LocalStackConfig(
        Path repoRoot,
        Path dataDir,
        int gatewayPort,
        int postgresPort,
        int kafkaPort,
        int kafkaControllerPort,
        int mqttPort,
        int mqttMetricsPort,
        Map<String, Integer> servicePorts,
        List<String> services,
        List<String> jvmOptions,
        Duration readyTimeout,
        boolean seedDemo,
        boolean withPrometheus,
        int prometheusPort) {

    public static final List<String> DEFAULT_JVM_OPTIONS =
            List.of("-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k");

    /** Flags that may stand alone, meaning {@code =true}. */
    private static final List<String> BOOLEAN_FLAGS = List.of("--with-prometheus", "--seed-demo");

    public LocalStackConfig {
        servicePorts = Collections.unmodifiableMap(new LinkedHashMap<>(servicePorts));
        services = List.copyOf(services);
        jvmOptions = List.copyOf(jvmOptions);
        for (String service : services) {
            if (!servicePorts.containsKey(service)) {
                throw new IllegalArgumentException("Unknown service " + service + "; known: " + servicePorts.keySet());
            }
        }
    }

    /** The defaults: ports of the route table, data in {@code .local-stack/} under the repository root. */
    public static LocalStackConfig defaults(Path repoRoot, Map<String, Integer> servicePorts) {
        return new LocalStackConfig(repoRoot, repoRoot.resolve(".local-stack"), 8080, 15432, 9092, 9093, 1883, 8087,
                servicePorts, List.copyOf(servicePorts.keySet()), DEFAULT_JVM_OPTIONS, Duration.ofSeconds(180), true,
                false, 9090);
    }

    /** The same stack on ports that are free right now (tests run beside a developer's stack). */
    public LocalStackConfig withFreePorts() {
        List<Integer> free = freePorts(7 + servicePorts.size());
        Map<String, Integer> ports = new LinkedHashMap<>();
        int next = 7;
        for (String service : servicePorts.keySet()) {
            ports.put(service, free.get(next++));
        }
        return new LocalStackConfig(repoRoot, dataDir, free.get(0), free.get(1), free.get(2), free.get(3), free.get(4),
                free.get(5), ports, services, jvmOptions, readyTimeout, seedDemo, withPrometheus, free.get(6));
    }

    public LocalStackConfig withDataDir(Path dir) {
        return new LocalStackConfig(repoRoot, dir, gatewayPort, postgresPort, kafkaPort, kafkaControllerPort,
                mqttPort, mqttMetricsPort, servicePorts, services, jvmOptions, readyTimeout, seedDemo, withPrometheus,
                prometheusPort);
    }

    public LocalStackConfig withPrometheus(boolean on) {
        return new LocalStackConfig(repoRoot, dataDir, gatewayPort, postgresPort, kafkaPort, kafkaControllerPort,
                mqttPort, mqttMetricsPort, servicePorts, services, jvmOptions, readyTimeout, seedDemo, on,
                prometheusPort);
    }

    public LocalStackConfig withServices(List<String> names) {
        return new LocalStackConfig(repoRoot, dataDir, gatewayPort, postgresPort, kafkaPort, kafkaControllerPort,
                mqttPort, mqttMetricsPort, servicePorts, names, jvmOptions, readyTimeout, seedDemo, withPrometheus,
                prometheusPort);
    }

    /** Applies {@code LOCAL_STACK_*} variables, then {@code --flags}, to these defaults. */
    public LocalStackConfig override(Map<String, String> env, String[] args) {
        Map<String, String> settings = new LinkedHashMap<>();
        env.forEach((key, value) -> {
            if (key.startsWith("LOCAL_STACK_")) {
                settings.put(key.substring("LOCAL_STACK_".length()).toLowerCase(Locale.ROOT).replace('_', '-'), value);
            }
        });
        for (String arg : args) {
            if (BOOLEAN_FLAGS.contains(arg)) {
                settings.put(arg.substring(2), "true");
                continue;
            }
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("Expected --name=value, got " + arg + " (see --help)");
            }
            settings.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        Path root = settings.containsKey("repo-root")
                ? Path.of(settings.get("repo-root")).toAbsolutePath().normalize() : repoRoot;
        Path data = settings.containsKey("data-dir")
                ? Path.of(settings.get("data-dir")).toAbsolutePath().normalize()
                : settings.containsKey("repo-root") ? root.resolve(".local-stack") : dataDir;
        int gateway = gatewayPort;
        int postgres = postgresPort;
        int kafka = kafkaPort;
        int kafkaController = kafkaControllerPort;
        int mqtt = mqttPort;
        int mqttMetrics = mqttMetricsPort;
        boolean prometheus = withPrometheus;
        int prometheusAt = prometheusPort;
        Map<String, Integer> ports = new LinkedHashMap<>(servicePorts);
        List<String> selected = services;
        List<String> jvm = jvmOptions;
        Duration timeout = readyTimeout;
        boolean seed = seedDemo;
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            String name = setting.getKey();
            String value = setting.getValue();
            switch (name) {
                case "repo-root", "data-dir" -> {
                    // read above: the data folder follows the repository root unless given
                }
                case "gateway-port" -> gateway = port(name, value);
                case "postgres-port" -> postgres = port(name, value);
                case "kafka-port" -> kafka = port(name, value);
                case "kafka-controller-port" -> kafkaController = port(name, value);
                case "mqtt-port" -> mqtt = port(name, value);
                case "mqtt-metrics-port" -> mqttMetrics = port(name, value);
                case "with-prometheus" -> prometheus = Boolean.parseBoolean(value);
                case "prometheus-port" -> prometheusAt = port(name, value);
                case "services" -> selected = Arrays.stream(value.split(",")).map(String::trim)
                        .filter(service -> !service.isEmpty()).toList();
                case "jvm-options" -> jvm = Arrays.stream(value.trim().split("\\s+")).toList();
                case "ready-timeout" -> timeout = Duration.ofSeconds(Long.parseLong(value));
                case "seed-demo" -> seed = Boolean.parseBoolean(value);
                default -> {
                    String service = name.endsWith("-port") ? name.substring(0, name.length() - "-port".length()) : "";
                    if (!ports.containsKey(service)) {
                        throw new IllegalArgumentException("Unknown setting --" + name + " (see --help)");
                    }
                    ports.put(service, port(name, value));
                }
            }
        }
        return new LocalStackConfig(root, data, gateway, postgres, kafka, kafkaController, mqtt, mqttMetrics, ports,
                selected, jvm, timeout, seed, prometheus, prometheusAt);
    }

    /** Every port this stack will bind, by what binds it and the flag that moves it. */
    public Map<String, Integer> portsByFlag() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("gateway-port", gatewayPort);
        ports.put("postgres-port", postgresPort);
        ports.put("kafka-port", kafkaPort);
        ports.put("kafka-controller-port", kafkaControllerPort);
        ports.put("mqtt-port", mqttPort);
        ports.put("mqtt-metrics-port", mqttMetricsPort);
        if (withPrometheus) {
            ports.put("prometheus-port", prometheusPort);
        }
        services.forEach(service -> ports.put(service + "-port", servicePorts.get(service)));
        return ports;
    }

    public static String usage(Map<String, Integer> servicePorts) {
        List<String> lines = new ArrayList<>(List.of(
                "Usage: java -jar local-stack/target/local-stack-runner.jar [--name=value ...]",
                "Starts PostgreSQL, Kafka, an MQTT broker, the services and the gateway; Ctrl-C stops them.",
                "Each --name=value can also be given as LOCAL_STACK_NAME=value (e.g. LOCAL_STACK_GATEWAY_PORT=9080).",
                "  --repo-root=DIR            repository with built services (default: current directory)",
                "  --data-dir=DIR             data and logs, kept between runs (default: <repo-root>/.local-stack)",
                "  --gateway-port=8080        --postgres-port=15432     --mqtt-port=1883",
                "  --kafka-port=9092          --kafka-controller-port=9093    --mqtt-metrics-port=8087",
                "  --with-prometheus          also run Prometheus (Debian's package, fetched once) with the chart's",
                "                             alert rules, scraping every service and the broker",
                "  --prometheus-port=9090",
                "  --services=a,b             start only these services (default: all)",
                "  --jvm-options=\"...\"        service JVM options (default: " + String.join(" ", DEFAULT_JVM_OPTIONS) + ")",
                "  --ready-timeout=180        seconds to wait for every service to be ready",
                "  --seed-demo=true           create a demo organization with credentials on the first start"));
        servicePorts.forEach((service, port) -> lines.add("  --" + service + "-port=" + port));
        return String.join(System.lineSeparator(), lines);
    }

    private static int port(String name, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a port number (1-65535), got " + value);
        }
    }

    /** Distinct free ports: every socket stays open until all are taken, so none is handed out twice. */
    private static List<Integer> freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // the port is released either way
                }
            }
        }
    }
}
