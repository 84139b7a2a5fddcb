package dev.gridservices.e2e;

import dev.gridservices.localstack.LocalStack;
import dev.gridservices.localstack.LocalStackConfig;
import dev.gridservices.localstack.gateway.RouteTable;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The one local stack of this test JVM, started through the same launcher users run, on free ports
 * with a fresh data folder under target/. Its console output is kept so that tests can read what the
 * launcher reported.
 */
final class SuiteStack {

    private static LocalStack stack;
    private static LocalStackConfig config;
    private static final ByteArrayOutputStream CONSOLE = new ByteArrayOutputStream();

    private SuiteStack() {
    }

    static synchronized LocalStack get() {
        if (stack == null) {
            // a hung service fails its test within a minute instead of blocking the build
            RestAssured.config = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                    .setParam("http.connection.timeout", 10_000)
                    .setParam("http.socket.timeout", 60_000));
            config = freshConfig();
            stack = LocalStack.start(config, console());
            Runtime.getRuntime().addShutdownHook(new Thread(SuiteStack::stop, "e2e-stack-shutdown"));
            System.out.printf("e2e: suite ready %d s after the launcher started (data in %s)%n",
                    stack.startupTime().toSeconds(), config.dataDir());
        }
        return stack;
    }

    static synchronized LocalStackConfig config() {
        get();
        return config;
    }

    /** Stops the stack; the next {@link #get} starts a new one. */
    static synchronized void stop() {
        if (stack != null) {
            stack.close();
            stack = null;
        }
    }

    /** Starts the stack again on the same ports and data folder, with only {@code services}. */
    static synchronized LocalStack restart(List<String> services) {
        stop();
        stack = LocalStack.start(config.withServices(services), console());
        return stack;
    }

    /** Everything the launcher printed so far. */
    static String consoleOutput() {
        synchronized (CONSOLE) {
            return CONSOLE.toString(StandardCharsets.UTF_8);
        }
    }

    private static PrintStream console() {
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (CONSOLE) {
                    CONSOLE.write(b);
                }
                System.out.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                synchronized (CONSOLE) {
                    CONSOLE.write(bytes, offset, length);
                }
                System.out.write(bytes, offset, length);
            }
        };
        return new PrintStream(tee, true, StandardCharsets.UTF_8);
    }

    /** Keeps only the newest run's data folder (the one to look at after a failure), not every run's. */
    private static void deletePreviousRuns(Path workDir) throws IOException {
        try (Stream<Path> runs = Files.list(workDir)) {
            for (Path run : runs.filter(dir -> dir.getFileName().toString().startsWith("e2e-stack-")).toList()) {
                try (Stream<Path> tree = Files.walk(run)) {
                    for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(path);
                    }
                }
            }
        }
    }

    private static LocalStackConfig freshConfig() {
        Path repoRoot = Path.of(System.getProperty("e2e.repo-root", "..")).toAbsolutePath().normalize();
        Path workDir = Path.of(System.getProperty("e2e.work-dir", "target")).toAbsolutePath();
        try {
            deletePreviousRuns(Files.createDirectories(workDir));
            Path dataDir = Files.createTempDirectory(workDir, "e2e-stack-");
            return LocalStackConfig.defaults(repoRoot, RouteTable.fromClasspath().servicePorts())
                    .withDataDir(dataDir)
                    .withFreePorts();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
