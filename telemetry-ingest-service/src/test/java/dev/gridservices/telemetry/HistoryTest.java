package dev.gridservices.telemetry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import dev.gridservices.openadr.payload.DeviceType;
import dev.gridservices.telemetry.repository.ReadingRepository;
import dev.gridservices.telemetry.service.DeviceDirectory;
import dev.gridservices.telemetry.service.RetentionJob;
import dev.gridservices.testkit.InfrastructureResource;
import dev.gridservices.testkit.KafkaTestProducer;
import dev.gridservices.testkit.auth.TestCredentials;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The history writer (telemetry.raw → PostgreSQL), history at each granularity, redelivery, retention. */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class HistoryTest {

    @Inject
    DeviceDirectory devices;

    @Inject
    ReadingRepository readings;

    @Inject
    RetentionJob retention;

    private static RequestSpecification owner(Fixtures.Ven ven) {
        return given().header("Texture-Api-Key", TestCredentials.serverApiKey(ven.organizationId(), TestCredentials.OEM))
                .accept(ContentType.JSON);
    }

    /** 20 one-minute readings from {@code start}: charge level i, charging state CHARGING for even i. */
    private static String twentyMinutes(Fixtures.Ven ven, String name, Instant start) {
        String intervals = IntStream.range(0, 20).mapToObj(i -> """
                {"id":%d,"payloads":[{"type":"STORAGE_CHARGE_LEVEL","values":[%d]},\
                {"type":"x-telemetry:CHARGING_STATE","values":["%s"]}]}""".formatted(i, i, i % 2 == 0 ? "CHARGING" : "IDLE"))
                .collect(Collectors.joining(","));
        return """
                {"eventID":null,"clientName":"%s","resources":[{"resourceName":"%s",\
                "intervalPeriod":{"start":"%s","duration":"PT1M"},"intervals":[%s]}]}"""
                .formatted(ven.venId(), name, start, intervals);
    }

    @Test
    void historyReturnsWhatWasIngestedAtEachGranularity() {
        Fixtures.Ven ven = Fixtures.Ven.create();
        String id = ven.resource("HIST-1", DeviceType.BATTERY, devices);
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);
        ven.caller().body(twentyMinutes(ven, "HIST-1", start)).post("/v2/reports").then().statusCode(201);
        String from = start.toString();
        String to = start.plus(1, ChronoUnit.HOURS).toString();
        await().atMost(Duration.ofSeconds(30)).until(() -> owner(ven).queryParam("from", from).queryParam("to", to)
                .get("/v1/devices/" + id + "/history").then().extract().jsonPath().getInt("totalItems") == 20);

        JsonPath raw = owner(ven).queryParam("from", from).queryParam("to", to).queryParam("perPage", 5)
                .queryParam("page", 2).get("/v1/devices/" + id + "/history").then().statusCode(200)
                .body("page", is(2)).body("perPage", is(5)).body("totalItems", is(20)).body("totalPages", is(4))
                .extract().jsonPath();
        assertThat(raw.getList("data.createdAt")).containsExactly(start.plusSeconds(300).toString(),
                start.plusSeconds(360).toString(), start.plusSeconds(420).toString(), start.plusSeconds(480).toString(),
                start.plusSeconds(540).toString());
        assertThat(raw.getList("data.chargePercentage", Integer.class)).containsExactly(5, 6, 7, 8, 9);
        assertThat(raw.getList("data.chargingState")).containsExactly("idle", "charging", "idle", "charging", "idle");
        assertThat(raw.getList("data.payloads.STORAGE_CHARGE_LEVEL", Integer.class)).containsExactly(5, 6, 7, 8, 9);

        JsonPath five = owner(ven).queryParam("from", from).queryParam("to", to).queryParam("granularity", "FIVE_MINUTES")
                .get("/v1/devices/" + id + "/history").then().statusCode(200).body("totalItems", is(4)).extract().jsonPath();
        assertThat(five.getList("data.chargePercentage", Float.class)).containsExactly(2f, 7f, 12f, 17f);
        assertThat(five.getList("data.duration")).containsOnly("PT5M");
        // Not numeric: the bucket's last value (minute 4 of each bucket: even → CHARGING).
        assertThat(five.getList("data.chargingState")).containsExactly("charging", "idle", "charging", "idle");

        JsonPath fifteen = owner(ven).queryParam("from", from).queryParam("to", to)
                .queryParam("granularity", "FIFTEEN_MINUTES").get("/v1/devices/" + id + "/history").then()
                .statusCode(200).body("totalItems", is(2)).extract().jsonPath();
        assertThat(fifteen.getList("data.chargePercentage", Float.class)).containsExactly(7f, 17f);
        owner(ven).queryParam("from", from).queryParam("to", to).queryParam("granularity", "HOUR")
                .get("/v1/devices/" + id + "/history").then().statusCode(200).body("totalItems", is(1))
                .body("data[0].chargePercentage", is(9.5f)).body("data[0].createdAt", is(from));

        owner(ven).queryParam("from", from).queryParam("granularity", "DAILY").get("/v1/devices/" + id + "/history")
                .then().statusCode(400).body("errors[0].field", is("granularity"));
        owner(ven).get("/v1/devices/" + id + "/history").then().statusCode(400).body("errors[0].field", is("from"));
        // Paging values are text to the framework: a non-number is the caller's 400, not a 404.
        owner(ven).queryParam("from", from).queryParam("page", "x").get("/v1/devices/" + id + "/history")
                .then().statusCode(400).body("errors[0].field", is("page"));
        owner(ven).queryParam("from", from).queryParam("perPage", 101).get("/v1/devices/" + id + "/history")
                .then().statusCode(400).body("errors[0].field", is("perPage"));
        given().header("Texture-Api-Key", TestCredentials.serverApiKey(Fixtures.newId("org_"))).queryParam("from", from)
                .get("/v1/devices/" + id + "/history").then().statusCode(404);
    }

    @Test
    void aRedeliveredRecordAddsNoRow() {
        Fixtures.Ven ven = Fixtures.Ven.create();
        String id = ven.resource("REDELIVER-1", DeviceType.BATTERY, devices);
        Instant first = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);
        ven.caller().body(Fixtures.report(ven.venId(), null, "REDELIVER-1", first.toString(),
                Fixtures.VALID_PAYLOADS.get(DeviceType.BATTERY))).post("/v2/reports").then().statusCode(201);
        List<ConsumerRecord<String, String>> produced = TopicReader.read("telemetry.raw", r -> id.equals(r.key()), 1,
                Duration.ofSeconds(20));
        assertThat(produced).hasSize(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> total(ven, id, first) == 1);

        // The same record again (as after a consumer crash before its commit), then a new one as the marker.
        KafkaTestProducer.send("telemetry.raw", id, produced.get(0).value(), produced.get(0).value());
        Instant marker = first.plusSeconds(60);
        ven.caller().body(Fixtures.report(ven.venId(), null, "REDELIVER-1", marker.toString(),
                Fixtures.VALID_PAYLOADS.get(DeviceType.BATTERY))).post("/v2/reports").then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> owner(ven).queryParam("from", first.toString())
                .get("/v1/devices/" + id + "/history").then().extract().jsonPath().getList("data.createdAt")
                .contains(marker.toString()));
        owner(ven).queryParam("from", first.toString()).get("/v1/devices/" + id + "/history").then().statusCode(200)
                .body("totalItems", is(2)).body("data", hasSize(2));
    }

    private static int total(Fixtures.Ven ven, String id, Instant from) {
        return owner(ven).queryParam("from", from.toString()).get("/v1/devices/" + id + "/history").then().extract()
                .jsonPath().getInt("totalItems");
    }

    @Test
    void retentionDropsPartitionsOlderThanNinetyDays() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate old = today.minusDays(100);
        LocalDate edge = today.minusDays(90);
        readings.createPartition(old);
        readings.createPartition(edge);
        readings.createPartition(today);
        Instant at = old.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(3600);
        readings.upsert(List.of(new ReadingRepository.Row("res_old", at, "PT0S", "org_x", "ven_x", "BATTERY", null,
                null, "rpt_x", "{\"STORAGE_CHARGE_LEVEL\":1}", at)));

        List<LocalDate> dropped = retention.dropExpired(Instant.now());

        assertThat(dropped).contains(old).doesNotContain(edge, today);
        assertThat(readings.partitionDays()).doesNotContain(old).contains(edge, today);
        // A clock 11 days later drops the 90-day edge too.
        assertThat(retention.dropExpired(Instant.now().plus(11, ChronoUnit.DAYS))).contains(edge);
    }

    @Test
    void aManufacturerKeyPushesCoreApiStateThatLandsInHistory() {
        Fixtures.Ven ven = Fixtures.Ven.create();
        String id = ven.resource("V1-BAT", DeviceType.BATTERY, devices);
        String key = TestCredentials.manufacturerApiKey(ven.organizationId());
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(30);
        given().header("Texture-Api-Key", key).contentType(ContentType.JSON)
                .body("{\"timestamp\":\"" + at + "\",\"state\":{\"chargePercentage\":85,\"charge\":15725,"
                        + "\"chargeRate\":2400,\"chargingState\":\"charging\",\"backupReserve\":20}}")
                .post("/v1/devices/" + id + "/telemetry").then().statusCode(202)
                .body("accepted", is(true)).body("deviceId", is(id)).body("timestamp", is(at.toString()));
        await().atMost(Duration.ofSeconds(30)).until(() -> total(ven, id, at) == 1);
        owner(ven).queryParam("from", at.toString()).get("/v1/devices/" + id + "/history").then().statusCode(200)
                .body("data[0].chargePercentage", is(85)).body("data[0].charge", is(15725))
                .body("data[0].chargingState", is("charging")).body("data[0].backupReserve", is(20));

        given().header("Texture-Api-Key", key).contentType(ContentType.JSON)
                .body("{\"state\":{\"chargePercentage\":185,\"chargingState\":\"charging\"}}")
                .post("/v1/devices/" + id + "/telemetry").then().statusCode(400)
                .body("errors[0].message", is("STORAGE_CHARGE_LEVEL 185 is above 100"));
        given().header("Texture-Api-Key", key).contentType(ContentType.JSON)
                .body("{\"state\":{\"chargePercentage\":85,\"chargingState\":\"charging\",\"warpDrive\":1}}")
                .post("/v1/devices/" + id + "/telemetry").then().statusCode(400)
                .body("errors[0].field", is("state.warpDrive"));
        given().header("Texture-Api-Key", TestCredentials.manufacturerApiKey(Fixtures.newId("org_")))
                .contentType(ContentType.JSON).body("{\"state\":{\"chargePercentage\":85}}")
                .post("/v1/devices/" + id + "/telemetry").then().statusCode(404);
        given().header("Texture-Api-Key", TestCredentials.serverApiKey(ven.organizationId(), TestCredentials.OEM))
                .contentType(ContentType.JSON).body("{\"state\":{\"chargePercentage\":85}}")
                .post("/v1/devices/" + id + "/telemetry").then().statusCode(403);
    }
}
