package dev.gridservices.deploy;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * promtool, fetched by the test itself: Debian's prometheus package unpacked into target/ (apt-get download +
 * dpkg-deb -x, no install, no root needed for the unpack), or one already on the PATH.
 */
final class Promtool {

    private static final Path HOME = Chart.TARGET.resolve("promtool");
    private static final Path UNPACKED = HOME.resolve("root/usr/bin/promtool");
    private static Path binary;

    private Promtool() {
    }

    record Result(int exit, String output) {
    }

    static synchronized Path binary() {
        if (binary != null) {
            return binary;
        }
        if (Files.isExecutable(UNPACKED)) {
            return binary = UNPACKED;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, "promtool");
            if (Files.isExecutable(candidate)) {
                return binary = candidate;
            }
        }
        String why;
        try {
            Files.createDirectories(HOME);
            var download = run(HOME, "apt-get", "download", "prometheus");
            if (download.exit() != 0) {
                // A fresh machine may have no package lists yet.
                run(HOME, "apt-get", "update", "-qq");
                download = run(HOME, "apt-get", "download", "prometheus");
            }
            try (var debs = Files.list(HOME)) {
                var deb = debs.filter(p -> p.getFileName().toString().endsWith(".deb")).findFirst();
                if (deb.isPresent()) {
                    var unpack = run(HOME, "dpkg-deb", "-x", deb.get().toString(), HOME.resolve("root").toString());
                    if (Files.isExecutable(UNPACKED)) {
                        return binary = UNPACKED;
                    }
                    why = "dpkg-deb -x: " + unpack.output();
                } else {
                    why = "apt-get download prometheus: " + download.output();
                }
            }
        } catch (IOException e) {
            why = e.toString();
        }
        if (System.getenv("CI") != null) {
            throw new IllegalStateException("promtool could not be obtained on CI: " + why);
        }
        Assumptions.abort("promtool could not be obtained (apt-get download prometheus failed): " + why
                + " — install Debian's prometheus package or put promtool on the PATH");
        throw new IllegalStateException("unreachable");
    }

    static Result promtool(Path workDir, String... args) {
        var command = new ArrayList<String>();
        command.add(binary().toString());
        command.addAll(List.of(args));
        return run(workDir, command.toArray(String[]::new));
    }

    private static Result run(Path workDir, String... command) {
        try {
            var process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
            var output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, String.join(" ", command) + " timed out\n" + output);
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, e.toString());
        }
    }
}
