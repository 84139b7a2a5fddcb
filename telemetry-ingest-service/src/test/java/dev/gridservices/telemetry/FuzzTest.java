package dev.gridservices.telemetry;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridservices.openadr.payload.DeviceType;
import dev.gridservices.telemetry.service.DeviceDirectory;
import dev.gridservices.testkit.InfrastructureResource;
import dev.gridservices.testkit.auth.TestCredentials;
import dev.gridservices.testkit.fuzz.ApiFuzzer;
import dev.gridservices.testkit.fuzz.FuzzReport;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Bad input never gets a 5xx: every operation of this service's OpenAPI document, fed valid and
 * mutated requests by libs/test-kit's ApiFuzzer, with credentials that get past authentication and
 * ownership so the requests reach the code: one OEM organization's MANUFACTURER key under /v1 (push
 * is MANUFACTURER-only; history and metrics check the device's organization), a token of that
 * organization's VEN with the report scopes under /v2, and {id} a battery of that VEN announced on
 * devices.changed.
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class FuzzTest {

    private static final Logger LOG = Logger.getLogger(FuzzTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** POST /v1/devices/{id}/telemetry, GET …/history, the three GET /v1/metrics, POST/GET /v2/reports, PUT /v2/reports/{reportID}. */
    private static final int OPERATIONS = 8;

    @Inject
    DeviceDirectory devices;

    @Test
    void noRequestBuiltFromTheOpenApiDocumentGetsA5xx() throws Exception {
        Fixtures.Ven ven = Fixtures.Ven.create();
        String deviceId = ven.resource("FUZZ-BAT-1", DeviceType.BATTERY, devices);
        Map<String, String> core = Map.of("Texture-Api-Key", TestCredentials.manufacturerApiKey(ven.organizationId()));
        Map<String, String> openAdr = Map.of("Authorization", "Bearer " + ven.token());
        // The bodies are read as bytes / a JSON tree, so the document has no schema for them: give ones
        // that pass, so the mutations reach the parser and validator instead of stopping at "not an object".
        String report = Fixtures.batteryReport(ven, "FUZZ-BAT-1");
        String reportId = ven.caller().body(report).post("/v2/reports").then().statusCode(201).extract().path("id");
        FuzzReport result = ApiFuzzer.forRunningService()
                .credentials(path -> path.startsWith("/v1") ? core : openAdr)
                .pathParameter("id", deviceId)
                .pathParameter("reportID", reportId)
                .exampleBody("POST /v2/reports", JSON.readTree(report))
                .exampleBody("PUT /v2/reports/{reportID}", JSON.readTree(report))
                .exampleBody("POST /v1/devices/{id}/telemetry", JSON.readTree("""
                        {"state":{"chargePercentage":85,"charge":15725,"chargeRate":2400,"chargingState":"charging",\
                        "backupReserve":20}}"""))
                .run();
        LOG.info(result.summary());
        result.assertOperationsAtLeast(OPERATIONS).assertNoServerErrors();
    }
}
