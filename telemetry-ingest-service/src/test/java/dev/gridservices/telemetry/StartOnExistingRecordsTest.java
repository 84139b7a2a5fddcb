package dev.gridservices.telemetry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import dev.gridservices.openadr.payload.DeviceType;
import dev.gridservices.telemetry.messaging.CatchUpHook;
import dev.gridservices.telemetry.messaging.ReadModelCatchUp;
import dev.gridservices.telemetry.service.DeviceDirectory;
import dev.gridservices.telemetry.service.EventDirectory;
import dev.gridservices.testkit.InfrastructureResource;
import dev.gridservices.testkit.auth.TestCredentials;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The service started on topics that already held records ({@link PrebootRecordsResource} sent them before the
 * suite's boot): the catch-up gate counted them at start-up, the read models applied them, and a report of
 * the pre-existing resource answering the pre-existing event is accepted.
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
@QuarkusTestResource(PrebootRecordsResource.class)
class StartOnExistingRecordsTest {

    @Inject
    ReadModelCatchUp gate;

    @Inject
    DeviceDirectory devices;

    @Inject
    EventDirectory events;

    @Test
    void theReadModelsCatchUpOnRecordsFromBeforeTheStartAndAReportOfThemIsAccepted() {
        Fixtures.awaitCaughtUp();
        // What the gate waited for at start-up included the records sent before the boot.
        assertThat(CatchUpHook.recordsAtStart(gate, "devices.changed")).isPositive();
        assertThat(CatchUpHook.recordsAtStart(gate, "events.dispatched")).isPositive();
        assertThat(devices.byId(PrebootRecordsResource.DEVICE)).get()
                .extracting(DeviceDirectory.Device::venId).isEqualTo(PrebootRecordsResource.VEN);
        assertThat(events.find(PrebootRecordsResource.EVENT)).get()
                .satisfies(e -> assertThat(e.reaches(PrebootRecordsResource.VEN)).isTrue());

        Fixtures.Ven ven = new Fixtures.Ven(PrebootRecordsResource.ORGANIZATION, PrebootRecordsResource.VEN);
        ven.caller().body(Fixtures.report(ven.venId(), PrebootRecordsResource.EVENT, PrebootRecordsResource.RESOURCE_NAME,
                        Fixtures.now(), Fixtures.VALID_PAYLOADS.get(DeviceType.BATTERY)))
                .post("/v2/reports").then().statusCode(201)
                .body("eventID", is(PrebootRecordsResource.EVENT));
        given().header("Texture-Api-Key", TestCredentials.manufacturerApiKey(PrebootRecordsResource.ORGANIZATION))
                .queryParam("from", "2026-01-01T00:00:00Z")
                .get("/v1/devices/" + PrebootRecordsResource.DEVICE + "/history").then().statusCode(200);
    }
}
