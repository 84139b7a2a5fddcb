package dev.gridservices.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import dev.gridservices.openadr.payload.DeviceType;
import dev.gridservices.telemetry.messaging.ReadModelCatchUp;
import dev.gridservices.telemetry.service.DeviceDirectory;
import dev.gridservices.testkit.InfrastructureResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A VEN may be faster than the topics: it reports for a resource it created a moment ago, or answers an event
 * the moment its notification arrives, before this replica's read model applied the record announcing it. Such
 * a report waits for the read model (not a false 400); a read model that cannot catch up in time is a 503; a
 * resource that is really unknown is still a 400. The read-model consumer is paused to hold the record back.
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class FreshObjectsTest {

    @Inject
    DeviceDirectory devices;

    @Inject
    ReadModelCatchUp readModels;

    @Inject
    KafkaClientService kafka;

    @Inject
    MeterRegistry registry;

    @BeforeEach
    void caughtUp() {
        Fixtures.awaitCaughtUp();
    }

    @Test
    void aReportForAResourceAnnouncedAMomentAgoWaitsForTheReadModelAndIsAccepted() throws Exception {
        Fixtures.Ven ven = Fixtures.Ven.create();
        ven.resource("FRESH-0", DeviceType.BATTERY, devices);
        double before = waits("current");
        pause("devices-changed");
        CompletableFuture<Response> post;
        try {
            Fixtures.announceResource(Fixtures.newId("res_"), "FRESH-1", ven.venId(), ven.organizationId(), "BATTERY");
            post = CompletableFuture.supplyAsync(() -> ven.caller().body(Fixtures.batteryReport(ven, "FRESH-1"))
                    .post("/v2/reports"));
            await().atMost(Duration.ofSeconds(10)).until(() -> readModels.waiting() == 1);
            assertThat(post).isNotDone();
        } finally {
            resume("devices-changed");
        }
        post.get(10, TimeUnit.SECONDS).then().statusCode(201);
        assertThat(waits("current")).isEqualTo(before + 1);
    }

    @Test
    void anEventAnsweredTheMomentItArrivesWaitsForTheReadModelAndIsAccepted() throws Exception {
        Fixtures.Ven ven = Fixtures.Ven.create();
        ven.resource("FRESH-EV", DeviceType.BATTERY, devices);
        String eventId = Fixtures.newId("evt_");
        pause("events-dispatched");
        CompletableFuture<Response> post;
        try {
            Fixtures.sendEventChange(eventId, Fixtures.newId("prg_"), Fixtures.newId("org_"), "CREATE",
                    List.of(ven.venId()), List.of());
            String answer = Fixtures.report(ven.venId(), eventId, "FRESH-EV", Fixtures.now(),
                    Fixtures.VALID_PAYLOADS.get(DeviceType.BATTERY));
            post = CompletableFuture.supplyAsync(() -> ven.caller().body(answer).post("/v2/reports"));
            await().atMost(Duration.ofSeconds(10)).until(() -> readModels.waiting() == 1);
            assertThat(post).isNotDone();
        } finally {
            resume("events-dispatched");
        }
        post.get(10, TimeUnit.SECONDS).then().statusCode(201).body("eventID", is(eventId));
    }

    @Test
    void aReadModelThatCannotCatchUpInTimeIsA503AndTheSameReportIsAcceptedOnceItHas() {
        Fixtures.Ven ven = Fixtures.Ven.create();
        ven.resource("FRESH-2", DeviceType.BATTERY, devices);
        double before = waits("behind");
        pause("devices-changed");
        try {
            Fixtures.announceResource(Fixtures.newId("res_"), "FRESH-3", ven.venId(), ven.organizationId(), "BATTERY");
            ven.caller().body(Fixtures.batteryReport(ven, "FRESH-3")).post("/v2/reports").then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", is("2"))
                    .body("type", is("https://direct.texturehq.com/errors/service-unavailable"));
        } finally {
            resume("devices-changed");
        }
        assertThat(waits("behind")).isEqualTo(before + 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> devices.byVenAndName(ven.venId(), "FRESH-3").isPresent());
        ven.caller().body(Fixtures.batteryReport(ven, "FRESH-3")).post("/v2/reports").then().statusCode(201);
    }

    @Test
    void aResourceThatReallyIsUnknownIsStillA400AfterTheReadModelWasFoundCurrent() {
        Fixtures.Ven ven = Fixtures.Ven.create();
        ven.resource("FRESH-4", DeviceType.BATTERY, devices);
        double before = waits("current");
        ven.caller().body(Fixtures.batteryReport(ven, "NEVER-ANNOUNCED")).post("/v2/reports").then().statusCode(400)
                .body("errors[0].message", is("resource NEVER-ANNOUNCED is not registered for VEN " + ven.venId()));
        assertThat(waits("current")).isEqualTo(before + 1);
    }

    private void pause(String channel) {
        kafka.getConsumer(channel).pause().await().atMost(Duration.ofSeconds(10));
    }

    private void resume(String channel) {
        kafka.getConsumer(channel).resume().await().atMost(Duration.ofSeconds(10));
    }

    private double waits(String outcome) {
        var counter = registry.find("telemetry.read.models.waits").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}
