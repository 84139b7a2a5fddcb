package dev.gridservices.device;

import static dev.gridservices.device.Api.attribute;
import static dev.gridservices.device.Api.createVen;
import static dev.gridservices.device.Api.newOrg;
import static dev.gridservices.device.Api.oemServer;
import static dev.gridservices.device.Api.siteBody;
import static dev.gridservices.device.Api.unique;
import static dev.gridservices.device.Api.utilityServer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridservices.device.Enrollments.Enrollment;
import dev.gridservices.device.service.ConnectivityMonitor;
import dev.gridservices.testkit.InfrastructureResource;
import dev.gridservices.testkit.KafkaTestProducer;
import dev.gridservices.testkit.auth.TestCredentials;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Fleet capacity of a known fleet with known telemetry, from the real broker: exact kW/kWh sums; revoked,
 * pending and other programs' devices left out; a connectivity-lost device (72-hour rule, moved clock)
 * counted but delivering nothing; what each utility and OEM may see; and freshness after a reading.
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class CapacityTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    MutableClock clock;

    @Inject
    ConnectivityMonitor monitor;

    private static String register(String org, String venId, String siteId, String type, Object[]... extra) {
        List<Map<String, Object>> attributes = new ArrayList<>(List.of(attribute("x-static:DEVICE_TYPE", type),
                attribute("x-static:SITE_ID", siteId)));
        for (Object[] a : extra) {
            attributes.add(attribute((String) a[0], a[1]));
        }
        return oemServer(org).body(Api.resource(venId, unique(type), attributes)).post("/v2/resources")
                .then().statusCode(201).extract().path("id");
    }

    private static String battery(String org, String venId, String siteId, double kw, int wh) {
        return register(org, venId, siteId, "BATTERY", new Object[]{"STORAGE_MAX_DISCHARGE_POWER", kw},
                new Object[]{"STORAGE_USABLE_CAPACITY", wh});
    }

    private static void report(String org, String venId, String deviceId, Map<String, Object> payloads,
                               OffsetDateTime at) {
        KafkaTestProducer.send("telemetry.raw", deviceId,
                TelemetryTest.reading(UUID.randomUUID().toString(), org, venId, deviceId, payloads, at, at));
    }

    private static JsonNode capacity(RequestSpecification caller, String path, int status) {
        String body = caller.get(path).then().statusCode(status).extract().asString();
        try {
            return MAPPER.readTree(body);
        } catch (Exception e) {
            throw new AssertionError(body, e);
        }
    }

    private static JsonNode await(RequestSpecification caller, String path, Predicate<JsonNode> until) {
        JsonNode[] last = new JsonNode[1];
        // A 404 while the records are still on their way is retried like a figure that is not there yet.
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> until.test(last[0] = capacity(caller, path, 200)));
        return last[0];
    }

    private static void figures(JsonNode f, long devices, long online, long lost, long neverSeen, double discharge,
                                double curtailment, double generation, double stored) {
        assertThat(f.path("devices").asLong()).as("devices in %s", f).isEqualTo(devices);
        assertThat(f.path("online").asLong()).as("online in %s", f).isEqualTo(online);
        assertThat(f.path("connectivityLost").asLong()).as("lost in %s", f).isEqualTo(lost);
        assertThat(f.path("neverSeen").asLong()).as("never seen in %s", f).isEqualTo(neverSeen);
        assertThat(f.path("availableDischargeKw").asDouble()).as("discharge in %s", f).isEqualTo(discharge);
        assertThat(f.path("availableCurtailmentKw").asDouble()).as("curtailment in %s", f).isEqualTo(curtailment);
        assertThat(f.path("availableKw").asDouble()).as("available in %s", f).isEqualTo(discharge + curtailment);
        assertThat(f.path("curtailableGenerationKw").asDouble()).as("generation in %s", f).isEqualTo(generation);
        assertThat(f.path("storedKwh").asDouble()).as("stored in %s", f).isEqualTo(stored);
    }

    private int sweep() throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> monitor.sweep());
    }

    @Test
    void aKnownFleetsCapacityIsSummedExactlyForEachCallerAndFollowsTheNextReading() throws Throwable {
        String oem = newOrg();
        String oem2 = newOrg();
        String utility = newOrg();
        String program = "prog-" + UUID.randomUUID();
        String openadr = openadrId();
        String ven = createVen(oem);
        String denver = Api.createSite(oemServer(oem));
        String sf = oemServer(oem).body(siteBody("1 Market St", "San Francisco", "CA", "94103"))
                .post("/v2/x-texture/sites").then().statusCode(201).extract().path("id");
        String sfUtility = oemServer(oem).get("/v2/x-texture/sites/" + sf).then().extract().path("utilityName");
        String ven2 = createVen(oem2);
        String denver2 = Api.createSite(oemServer(oem2));

        String b1 = battery(oem, ven, denver, 10, 10000);
        String b2 = battery(oem, ven, denver, 5, 13500);
        String revoked = battery(oem, ven, denver, 10, 10000);
        String lost = battery(oem, ven, denver, 10, 10000);
        String notEnrolled = battery(oem, ven, denver, 10, 10000);
        String otherProgram = battery(oem, ven, denver, 10, 10000);
        String charger = register(oem, ven, sf, "EV_CHARGER", new Object[]{"x-static:NAMEPLATE_KW", 7.2});
        String solar = register(oem, ven, sf, "SOLAR_INVERTER", new Object[]{"x-static:NAMEPLATE_KW", 6});
        String b6 = battery(oem2, ven2, denver2, 10, 10000);

        Enrollment.of(b1, ven, oem, utility, program, openadr).send(1, "enrolled", false);
        Enrollment e2 = Enrollment.of(b2, ven, oem, utility, program, openadr);
        e2.send(1, "enrolled", false);
        e2.send(2, "active", false);
        Enrollment e3 = Enrollment.of(revoked, ven, oem, utility, program, openadr);
        e3.send(1, "enrolled", false);
        e3.send(2, "revoked", true);
        Enrollment.of(lost, ven, oem, utility, program, openadr).send(1, "enrolled", false);
        Enrollment.of(charger, ven, oem, utility, program, openadr).send(1, "active", false);
        Enrollment.of(solar, ven, oem, utility, program, openadr).send(1, "enrolled", false);
        Enrollment.of(otherProgram, ven, oem, utility, "prog-" + UUID.randomUUID(), "prg_other").send(1, "enrolled", false);
        Enrollment e6 = Enrollment.of(b6, ven2, oem2, utility, program, openadr);
        e6.send(1, "active", false);

        String v1 = "/v1/programs/" + program + "/capacity";
        String v2 = "/v2/x-texture/programs/" + openadr + "/capacity";
        RequestSpecification utilityKey = utilityServer(utility);
        try {
            // Everyone reports, 73 hours on (the service's clock) — all but one battery, last heard of now.
            clock.advance(Duration.ofHours(73));
            OffsetDateTime later = OffsetDateTime.now(clock).withNano(0);
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
            // Above its 20 % reserve: the full 10 kW; 8 of 10 kWh stored.
            report(oem, ven, b1, Map.of("STORAGE_CHARGE_LEVEL", 80, "x-telemetry:BACKUP_RESERVE", 20), later);
            // The BMS says 3 kW (of 5) can go; stored energy as reported, 5.4 kWh.
            report(oem, ven, b2, Map.of("STORAGE_CHARGE_LEVEL", 40, "x-telemetry:STORAGE_ENERGY_LEVEL", 5400,
                    "DOWN_REGULATION_AVAILABLE", 3000), later);
            report(oem, ven, revoked, Map.of("STORAGE_CHARGE_LEVEL", 100), later);
            report(oem, ven, notEnrolled, Map.of("STORAGE_CHARGE_LEVEL", 100), later);
            report(oem, ven, otherProgram, Map.of("STORAGE_CHARGE_LEVEL", 100), later);
            report(oem, ven, lost, Map.of("STORAGE_CHARGE_LEVEL", 50), now);
            // Charging at 6.5 kW: that load can be shed.
            report(oem, ven, charger, Map.of("x-telemetry:CHARGING_STATE", "CHARGING", "x-telemetry:IS_PLUGGED_IN", true,
                    "DEMAND", 6.5), later);
            report(oem, ven, solar, Map.of("x-telemetry:GENERATION_POWER", 4200), later);
            report(oem2, ven2, b6, Map.of("STORAGE_CHARGE_LEVEL", 100), later);

            // Before the sweep the silent battery still counts as online (10 kW, 5 kWh more).
            await(utilityKey, v1, c -> c.path("total").path("online").asLong() == 6
                    && c.path("total").path("availableDischargeKw").asDouble() == 33.0
                    && c.path("total").path("storedKwh").asDouble() == 28.4
                    && c.path("total").path("availableCurtailmentKw").asDouble() == 6.5
                    && c.path("total").path("curtailableGenerationKw").asDouble() == 4.2);
            assertThat(sweep()).isGreaterThanOrEqualTo(1);
        } finally {
            clock.reset();
        }
        // A thermostat enrolled that never reported: counted, nothing delivered.
        String thermostat = register(oem, ven, sf, "THERMOSTAT");
        Enrollment.of(thermostat, ven, oem, utility, program, openadr).send(1, "enrolled", false);

        JsonNode c = await(utilityKey, v1, n -> n.path("total").path("devices").asLong() == 7);
        assertThat(c.path("programId").asText()).isEqualTo(program);
        assertThat(c.path("openadrProgramId").asText()).isEqualTo(openadr);
        assertThat(c.path("scope").asText()).isEqualTo("utility");
        figures(c.path("total"), 7, 5, 1, 1, 23.0, 6.5, 4.2, 23.4);
        assertThat(c.path("total").path("ratedDischargeKw").asDouble()).isEqualTo(35.0);
        assertThat(c.path("total").path("ratedStorageKwh").asDouble()).isEqualTo(43.5);
        assertThat(c.path("total").path("nameplateKw").asDouble()).isEqualTo(13.2);
        assertThat(c.path("enrollmentStates")).isEqualTo(MAPPER.readTree("{\"active\":3,\"enrolled\":4}"));
        figures(c.path("byType").path("battery"), 4, 3, 1, 0, 23.0, 0, 0, 23.4);
        figures(c.path("byType").path("charger"), 1, 1, 0, 0, 0, 6.5, 0, 0);
        figures(c.path("byType").path("inverter"), 1, 1, 0, 0, 0, 0, 4.2, 0);
        figures(c.path("byType").path("thermostat"), 1, 0, 0, 1, 0, 0, 0, 0);
        assertThat(c.path("byTerritory")).hasSize(2);
        for (JsonNode t : c.path("byTerritory")) {
            if ("Public Service Company of Colorado".equals(t.path("utilityName").asText())) {
                figures(t.path("figures"), 4, 3, 1, 0, 23.0, 0, 0, 23.4);
            } else {
                // As the site was matched (94103 lies in more than one distribution utility: null).
                assertThat(t.path("utilityName").isNull() ? null : t.path("utilityName").asText()).isEqualTo(sfUtility);
                assertThat(t.path("iso").asText()).isEqualTo("CAISO");
                figures(t.path("figures"), 3, 2, 0, 1, 0, 6.5, 4.2, 0);
            }
        }

        // The same figures by OpenADR id, with the utility's BL token; a token without the utility scopes: 403.
        RequestSpecification bl = Api.json(given()
                .auth().oauth2(TestCredentials.bearer(utility, "write_programs")));
        figures(capacity(bl, v2, 200).path("total"), 7, 5, 1, 1, 23.0, 6.5, 4.2, 23.4);
        capacity(Api.json(given().auth().oauth2(TestCredentials.bearer(utility, "write_events"))),
                v2, 403);

        // Each OEM: its own enrolled devices only, by key or by token.
        JsonNode mine = capacity(oemServer(oem), v1, 200);
        assertThat(mine.path("scope").asText()).isEqualTo("oem");
        figures(mine.path("total"), 6, 4, 1, 1, 13.0, 6.5, 4.2, 13.4);
        figures(capacity(Api.oem(oem, "read_ven_objects"), v2, 200).path("total"), 6, 4, 1, 1, 13.0, 6.5, 4.2, 13.4);
        figures(capacity(Api.ven(oem2, ven2), v2, 200).path("total"), 1, 1, 0, 0, 10.0, 0, 0, 10.0);

        // Neither the program's utility nor an OEM with devices in it: 404.
        capacity(utilityServer(newOrg()), v1, 404);
        capacity(Api.json(given().auth().oauth2(TestCredentials.bearer(newOrg(), "read_all"))),
                v2, 404);
        capacity(oemServer(newOrg()), v1, 404);
        capacity(Api.oem(newOrg()), v2, 404);
        // The core path takes a SERVER key only.
        capacity(bl, v1, 403);

        // Freshness: a reading on the broker moves the figure within seconds. Below its reserve, b1 has
        // nothing to give; 1.5 kWh left.
        long sent = System.nanoTime();
        report(oem, ven, b1, Map.of("STORAGE_CHARGE_LEVEL", 15), OffsetDateTime.now(ZoneOffset.UTC).plusHours(74));
        JsonNode fresh = await(utilityKey, v1, n -> n.path("total").path("availableDischargeKw").asDouble() == 13.0);
        long millis = (System.nanoTime() - sent) / 1_000_000;
        System.out.printf("Capacity freshness: reading produced -> figure changed in %d ms%n", millis);
        assertThat(millis).as("reading to capacity, ms").isLessThan(5000);
        figures(fresh.path("total"), 7, 5, 1, 1, 13.0, 6.5, 4.2, 16.9);

        // A revocation drops the device out within seconds.
        e6.send(2, "revoked", true);
        JsonNode afterRevocation = await(utilityKey, v1, n -> n.path("total").path("devices").asLong() == 6);
        figures(afterRevocation.path("total"), 6, 4, 1, 1, 3.0, 6.5, 4.2, 6.9);
        capacity(Api.ven(oem2, ven2), v2, 404);
    }

    /** A new OpenADR program id. */
    private static String openadrId() {
        return "prg_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    /** Announces a new program on programs.changed as programs-service does; returns its OpenADR id. */
    private static String announce(String owner, String program, String visibility) {
        String openadr = openadrId();
        announce("program.created", owner, program, openadr, visibility);
        return openadr;
    }

    /**
     * The program covers no state: a public one covering a state would make every site there eligible in the
     * other tests sharing this database (SiteTest).
     */
    private static void announce(String type, String owner, String program, String openadr, String visibility) {
        String now = OffsetDateTime.now(ZoneOffset.UTC).toString();
        KafkaTestProducer.send("programs.changed", program, "{\"id\":\"" + UUID.randomUUID()
                + "\",\"type\":\"" + type + "\",\"version\":1,\"occurredAt\":\"" + now + "\",\"tenant\":\"" + owner
                + "\",\"payload\":{\"programId\":\"" + program + "\",\"openadrProgramId\":\"" + openadr
                + "\",\"active\":true,\"visibility\":\"" + visibility + "\",\"organizationId\":\"" + owner
                + "\",\"states\":[],\"updatedAt\":\"" + now + "\"}}");
    }

    /** Announces a program's whole current offer set on programs.changed (programOffers.changed). */
    private static void offer(String owner, String program, boolean allOems, List<String> oems, OffsetDateTime at) {
        KafkaTestProducer.send("programs.changed", program, "{\"id\":\"" + UUID.randomUUID()
                + "\",\"type\":\"programOffers.changed\",\"version\":1,\"occurredAt\":\"" + at + "\",\"tenant\":\""
                + owner + "\",\"payload\":{\"programId\":\"" + program + "\",\"slug\":\"s\",\"organizationId\":\""
                + owner + "\",\"visibility\":\"private\",\"allOems\":" + allOems + ",\"organizationIds\":"
                + oems.stream().map(o -> "\"" + o + "\"").toList() + ",\"updatedAt\":\"" + at + "\"}}");
    }

    private static void zero(JsonNode c, String program, String openadr, String scope) {
        assertThat(c.path("programId").asText()).isEqualTo(program);
        assertThat(c.path("openadrProgramId").asText()).isEqualTo(openadr);
        assertThat(c.path("scope").asText()).isEqualTo(scope);
        figures(c.path("total"), 0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(c.path("byType").isEmpty()).isTrue();
        assertThat(c.path("byTerritory").isEmpty()).isTrue();
    }

    @Test
    void aUtilitysOwnProgramWithoutEnrolledDevicesHasZeroCapacityAndStaysHiddenFromOthers() {
        String utility = newOrg();
        String program = "prog-" + UUID.randomUUID();
        String openadr = announce(utility, program, "private");
        String v1 = "/v1/programs/" + program + "/capacity";
        String v2 = "/v2/x-texture/programs/" + openadr + "/capacity";
        zero(await(utilityServer(utility), v2, n -> n.has("total")), program, openadr, "utility");
        zero(capacity(utilityServer(utility), v1, 200), program, openadr, "utility");
        // Another organization's private program: 404 to another utility and to an OEM, by either id.
        String other = newOrg();
        capacity(utilityServer(other), v1, 404);
        capacity(Api.json(given().auth().oauth2(TestCredentials.bearer(other, "read_all"))), v2, 404);
        capacity(oemServer(newOrg()), v1, 404);
        capacity(Api.oem(newOrg(), "read_ven_objects"), v2, 404);
    }

    @Test
    void aCatalogProgramWithoutEnrolledDevicesHasZeroCapacityForEveryCaller() {
        // The public catalog is owned by the pseudo-organization "platform": no caller owns it.
        String program = "prog-" + UUID.randomUUID();
        String openadr = announce("platform", program, "public");
        String v1 = "/v1/programs/" + program + "/capacity";
        String v2 = "/v2/x-texture/programs/" + openadr + "/capacity";
        String utility = newOrg();
        zero(await(utilityServer(utility), v1, n -> n.has("total")), program, openadr, "utility");
        zero(capacity(Api.json(given().auth().oauth2(TestCredentials.bearer(utility, "read_all"))), v2, 200),
                program, openadr, "utility");
        String oem = newOrg();
        zero(capacity(oemServer(oem), v1, 200), program, openadr, "oem");
        zero(capacity(Api.ven(oem, createVen(oem)), v2, 200), program, openadr, "oem");
        // A program device-service never heard of stays 404.
        capacity(utilityServer(utility), "/v1/programs/prog-" + UUID.randomUUID() + "/capacity", 404);
        capacity(oemServer(oem), "/v2/x-texture/programs/prg_unknown/capacity", 404);
    }

    @Test
    void aPrivateProgramOfferedToAnOemHasZeroCapacityForThatOemOnly() {
        String utility = newOrg();
        String named = "prog-" + UUID.randomUUID();
        String namedOpenadr = announce(utility, named, "private");
        String toAll = "prog-" + UUID.randomUUID();
        announce(utility, toAll, "private");
        String oem = newOrg();
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC);
        offer(utility, named, false, List.of(oem), at);
        offer(utility, toAll, true, List.of(), at);
        String v1 = "/v1/programs/" + named + "/capacity";

        // Offered by name: zeros for that OEM, by key and by VEN token; 404 for another OEM.
        zero(await(oemServer(oem), v1, n -> n.has("total")), named, namedOpenadr, "oem");
        zero(capacity(Api.ven(oem, createVen(oem)), "/v2/x-texture/programs/" + namedOpenadr + "/capacity", 200),
                named, namedOpenadr, "oem");
        capacity(oemServer(newOrg()), v1, 404);
        // Offered to every OEM: any OEM sees its zeros; a utility that does not own it still gets 404.
        String other = newOrg();
        assertThat(await(oemServer(other), "/v1/programs/" + toAll + "/capacity", n -> n.has("total"))
                .path("programId").asText()).isEqualTo(toAll);
        capacity(utilityServer(newOrg()), "/v1/programs/" + toAll + "/capacity", 404);

        // The offer withdrawn (a newer, empty offer set): 404 again; an older set arriving late changes nothing.
        offer(utility, named, false, List.of(), at.plusSeconds(1));
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> oemServer(oem).get(v1).statusCode() == 404);
        offer(utility, named, false, List.of(oem), at.minusSeconds(1));
        // The positive marker that the late set was processed: a program change on the same key (the program),
        // which leaves the offers alone, and is seen under its new OpenADR id.
        String renamed = openadrId();
        announce("program.updated", utility, named, renamed, "private");
        await(utilityServer(utility), "/v2/x-texture/programs/" + renamed + "/capacity", n -> n.has("total"));
        capacity(oemServer(oem), v1, 404);
    }
}
