package dev.gridservices.telemetry;

import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import dev.gridservices.openadr.payload.DeviceType;
import dev.gridservices.telemetry.service.DeviceDirectory;
import dev.gridservices.testkit.InfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The broker telemetry.raw goes to is unreachable (the read models still read the real one): a report
 * is answered 503 with Retry-After within the deadline, never 2xx, and no report is stored.
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
@TestProfile(BrokerDownTest.DeadTelemetryBroker.class)
class BrokerDownTest {

    public static class DeadTelemetryBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.messaging.outgoing.telemetry-raw.bootstrap.servers", "127.0.0.1:" + closedPort(),
                    "telemetry.history.enabled", "false", "telemetry.mqtt.enabled", "false");
        }

        private static int closedPort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Inject
    DeviceDirectory devices;

    @Test
    void aReportIsRefused503WithRetryAfterAndNothingIsStored() {
        Fixtures.Ven ven = Fixtures.Ven.create();
        ven.resource("DOWN-1", DeviceType.BATTERY, devices);
        // Warm up: the first request of a fresh application fetches JWKS; not what is measured here.
        ven.caller().get("/v2/reports").then().statusCode(200);
        long started = System.nanoTime();
        ven.caller().body(Fixtures.batteryReport(ven, "DOWN-1")).post("/v2/reports").then().statusCode(503)
                .contentType("application/problem+json").header("Retry-After", is("5"))
                .body("type", is("https://direct.texturehq.com/errors/service-unavailable"));
        org.assertj.core.api.Assertions.assertThat((System.nanoTime() - started) / 1_000_000)
                .as("answered within the ack deadline plus slack").isLessThan(8_000);
        ven.caller().get("/v2/reports").then().statusCode(200).body("$", hasSize(0));
    }
}
