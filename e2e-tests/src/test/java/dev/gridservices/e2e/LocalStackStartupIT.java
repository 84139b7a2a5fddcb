package dev.gridservices.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gridservices.localstack.LocalStack;
import dev.gridservices.localstack.LocalStackConfig;
import dev.gridservices.localstack.LocalStackException;
import dev.gridservices.localstack.gateway.RouteTable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts that must fail fast, with a message that says what to do. */
@Order(0)
class LocalStackStartupIT {

    @TempDir
    Path dataDir;

    @Test
    void aTakenPortStopsTheLauncherBeforeAnythingStarts() throws Exception {
        LocalStackConfig config = config();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (ServerSocket taken = new ServerSocket(config.servicePorts().get("dispatch-service"), 1,
                InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> LocalStack.start(config, new PrintStream(console, true, StandardCharsets.UTF_8)))
                    .isInstanceOf(LocalStackException.class)
                    .hasMessageContaining("Port(s) already in use: " + taken.getLocalPort() + " (--dispatch-service-port)")
                    .hasMessageContaining("LOCAL_STACK_");
        }
        assertThat(console.toString(StandardCharsets.UTF_8)).doesNotContain("Starting PostgreSQL");
        assertThat(dataDir.resolve("postgres")).doesNotExist();
    }

    @Test
    void unbuiltServicesAreNamedWithTheBuildCommand(@TempDir Path emptyCheckout) {
        LocalStackConfig config = LocalStackConfig.defaults(emptyCheckout, RouteTable.fromClasspath().servicePorts())
                .withDataDir(dataDir).withFreePorts();

        assertThatThrownBy(() -> LocalStack.start(config, new PrintStream(new ByteArrayOutputStream())))
                .isInstanceOf(LocalStackException.class)
                .hasMessageContaining(emptyCheckout.resolve("auth-service/target/quarkus-app/quarkus-run.jar").toString())
                .hasMessageContaining("mvn -B -DskipTests");
        assertThat(Files.exists(dataDir.resolve("logs"))).isFalse();
    }

    private LocalStackConfig config() {
        Path repoRoot = Path.of(System.getProperty("e2e.repo-root", "..")).toAbsolutePath().normalize();
        return LocalStackConfig.defaults(repoRoot, RouteTable.fromClasspath().servicePorts())
                .withDataDir(dataDir).withFreePorts();
    }
}
