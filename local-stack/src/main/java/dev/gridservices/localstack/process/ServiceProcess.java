package dev.gridservices.localstack.process;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** One service running as its own JVM from its built {@code quarkus-run.jar}, logging to one file. */
public final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Path logFile;
    private final Process process;
    private volatile boolean stopping;

    private ServiceProcess(String name, int port, Path logFile, Process process) {
        this.name = name;
        this.port = port;
        this.logFile = logFile;
        this.process = process;
    }

    /**
     * Starts {@code java <jvmOptions> -D<properties> -jar <jar>} with {@code secrets} as environment
     * variables (not on the command line, where {@code ps} shows it); {@code onUnexpectedExit} hears of
     * an exit that {@link #stop} did not ask for.
     */
    public static ServiceProcess start(String name, Path jar, int port, List<String> jvmOptions,
                                       Map<String, String> properties, Map<String, String> secrets, Path logFile,
                                       Consumer<ServiceProcess> onUnexpectedExit) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        try {
            if (Files.exists(logFile)) {
                // the previous run's log stays readable next to the new one (e.g. after a crash)
                Files.move(logFile, logFile.resolveSibling(logFile.getFileName() + ".previous"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            Files.createFile(logFile);
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(secrets);
            Process process = builder
                    .directory(jar.getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            ServiceProcess service = new ServiceProcess(name, port, logFile, process);
            process.onExit().thenRun(() -> {
                if (!service.stopping) {
                    onUnexpectedExit.accept(service);
                }
            });
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
    }

    /**
     * Waits until {@code /q/health/ready} answers 200.
     *
     * @throws IllegalStateException when the process exits or the timeout passes first
     */
    public void awaitReady(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + " while starting");
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (ConnectException notListeningYet) {
                // the JVM is still starting
            } catch (IOException e) {
                // a half-started server may drop the connection; ask again
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout.toSeconds() + " s");
    }

    /** SIGTERM (Quarkus shuts down gracefully), then SIGKILL after {@code grace}. */
    public void stop(Duration grace) {
        stopping = true;
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Whether {@link #stop} was asked for; an exit without it is a failure worth reporting. */
    public boolean stopRequested() {
        return stopping;
    }

    /** The last {@code count} lines of the service's log. */
    public List<String> logTail(int count) {
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long length = file.length();
            long from = Math.max(0, length - 64 * 1024);
            byte[] bytes = new byte[(int) (length - from)];
            file.seek(from);
            file.readFully(bytes);
            List<String> lines = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
            return List.copyOf(lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (IOException e) {
            return List.of("(log unreadable: " + e.getMessage() + ")");
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Optional<Integer> exitCode() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    public Path logFile() {
        return logFile;
    }
}
