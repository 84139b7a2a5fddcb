package dev.gridservices.telemetry;

import static dev.gridservices.telemetry.Fixtures.VALID_PAYLOADS;
import static dev.gridservices.telemetry.Fixtures.now;
import static dev.gridservices.telemetry.Fixtures.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import com.atlassian.oai.validator.model.Request;
import dev.gridservices.openadr.payload.DeviceType;
import dev.gridservices.telemetry.service.DeviceDirectory;
import dev.gridservices.telemetry.service.EventDirectory;
import dev.gridservices.testkit.InfrastructureResource;
import dev.gridservices.testkit.openadr.OpenAdrSchema;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Direct API §6: for each device type a valid report passes; each rule is refused with the rule named. */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class ReportValidationTest {

    @Inject
    DeviceDirectory devices;

    @Inject
    EventDirectory events;

    // One fleet for the whole class: announcing resources is a Kafka round trip each.
    private static Fixtures.Ven ven;
    private static final Map<DeviceType, String> names = new EnumMap<>(DeviceType.class);

    @BeforeEach
    void fleet() {
        if (ven != null) {
            return;
        }
        ven = Fixtures.Ven.create();
        for (DeviceType type : DeviceType.values()) {
            String name = "DEV-" + type + "-" + Fixtures.newId("");
            ven.resource(name, type, devices);
            names.put(type, name);
        }
    }

    @ParameterizedTest
    @EnumSource(DeviceType.class)
    void aValidReportOfEachDeviceTypeIsAccepted(DeviceType type) {
        String body = report(ven.venId(), null, names.get(type), now(), VALID_PAYLOADS.get(type));
        ven.caller().body(body).post("/v2/reports").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/v2/reports/rpt_"))
                .body("id", startsWith("rpt_")).body("objectType", org.hamcrest.Matchers.is("REPORT"))
                .body("clientName", org.hamcrest.Matchers.is(ven.venId()))
                .body("resources[0].resourceName", org.hamcrest.Matchers.is(names.get(type)))
                .body("clientID", org.hamcrest.Matchers.is("test-client"));
    }

    @Test
    void anEventResponseValidatesAgainstTheOpenAdrSchema() {
        String eventId = Fixtures.newId("evt_");
        Fixtures.announceEvent(eventId, "prg_1", "utility-1", List.of(ven.venId()), List.of(), events);
        String body = report(ven.venId(), eventId, names.get(DeviceType.BATTERY), now(),
                VALID_PAYLOADS.get(DeviceType.BATTERY) + ",{\"type\":\"x-telemetry:COMMAND_STATUS\",\"values\":[\"EXECUTING\"]}");
        OpenAdrSchema.assertValidRequest("/reports", Request.Method.POST, body);
        String created = ven.caller().body(body).post("/v2/reports").then().statusCode(201).extract().asString();
        OpenAdrSchema.assertValid("/reports", Request.Method.POST, 201, created);
        String id = io.restassured.path.json.JsonPath.from(created).getString("id");
        String read = ven.caller().get("/v2/reports/" + id).then().statusCode(200).extract().asString();
        OpenAdrSchema.assertValid("/reports/" + id, Request.Method.GET, 200, read);
        String list = ven.caller().queryParam("eventID", eventId).get("/v2/reports").then().statusCode(200)
                .extract().asString();
        OpenAdrSchema.assertValid("/reports", Request.Method.GET, 200, list);
        assertThat(io.restassured.path.json.JsonPath.from(list).getList("id")).containsExactly(id);
    }

    static Stream<Arguments> violations() {
        String at = "resources[0].intervals[0].payloads";
        return Stream.of(
                Arguments.of(DeviceType.BATTERY, "{\"type\":\"STORAGE_CHARGE_LEVEL\",\"values\":[150]},"
                        + "{\"type\":\"x-telemetry:CHARGING_STATE\",\"values\":[\"CHARGING\"]}",
                        at + "[0]", "STORAGE_CHARGE_LEVEL 150 is above 100"),
                Arguments.of(DeviceType.BATTERY, "{\"type\":\"STORAGE_CHARGE_LEVEL\",\"values\":[-1]},"
                        + "{\"type\":\"x-telemetry:CHARGING_STATE\",\"values\":[\"CHARGING\"]}",
                        at + "[0]", "STORAGE_CHARGE_LEVEL -1 is below 0"),
                Arguments.of(DeviceType.BATTERY, "{\"type\":\"STORAGE_CHARGE_LEVEL\",\"values\":[50]},"
                        + "{\"type\":\"x-telemetry:CHARGING_STATE\",\"values\":[\"CONNECTED\"]}",
                        at + "[1]", "x-telemetry:CHARGING_STATE \"CONNECTED\" is not one of CHARGING, DISCHARGING, IDLE, STANDBY, SLEEP, FAULT, OFF, UNKNOWN"),
                Arguments.of(DeviceType.BATTERY, "{\"type\":\"STORAGE_CHARGE_LEVEL\",\"values\":[\"85\"]},"
                        + "{\"type\":\"x-telemetry:CHARGING_STATE\",\"values\":[\"IDLE\"]}",
                        at + "[0]", "STORAGE_CHARGE_LEVEL must be a number, not \"85\""),
                Arguments.of(DeviceType.BATTERY, "{\"type\":\"STORAGE_CHARGE_LEVEL\",\"values\":[50]}",
                        at, "a BATTERY reading must include x-telemetry:CHARGING_STATE"),
                Arguments.of(DeviceType.BATTERY, "{\"type\":\"STORAGE_CHARGE_LEVEL\",\"values\":[50]},"
                        + "{\"type\":\"x-telemetry:CHARGING_STATE\",\"values\":[\"IDLE\"]},"
                        + "{\"type\":\"x-telemetry:GRID_STATUS\",\"values\":[\"SELLING\"]}",
                        at + "[2]", "x-telemetry:GRID_STATUS \"SELLING\" is not one of EXPORTING, IMPORTING, IDLE, GRID_OUTAGE, UNKNOWN"),
                Arguments.of(DeviceType.BATTERY, "{\"type\":\"STORAGE_CHARGE_LEVEL\",\"values\":[50]},"
                        + "{\"type\":\"x-telemetry:CHARGING_STATE\",\"values\":[\"IDLE\"]},"
                        + "{\"type\":\"x-telemetry:GRID_POWER\",\"values\":[12.5]}",
                        at + "[2]", "x-telemetry:GRID_POWER must be an integer, not 12.5"),
                Arguments.of(DeviceType.BATTERY, "{\"type\":\"STORAGE_CHARGE_LEVEL\",\"values\":[50]},"
                        + "{\"type\":\"x-telemetry:CHARGING_STATE\",\"values\":[\"IDLE\"]},"
                        + "{\"type\":\"x-telemetry:FAN_MODE\",\"values\":[\"AUTO\"]}",
                        at + "[2].type", "x-telemetry:FAN_MODE is not a BATTERY payload type"),
                Arguments.of(DeviceType.BATTERY, "{\"type\":\"STORAGE_CHARGE_LEVEL\",\"values\":[50]},"
                        + "{\"type\":\"x-telemetry:CHARGING_STATE\",\"values\":[\"IDLE\"]},"
                        + "{\"type\":\"x-telemetry:COMMAND_STATUS\",\"values\":[\"DONE\"]}",
                        at + "[2]", "x-telemetry:COMMAND_STATUS \"DONE\" is not one of ACCEPTED, EXECUTING, COMPLETED, FAILED"),
                Arguments.of(DeviceType.BATTERY, "{\"type\":\"STORAGE_CHARGE_LEVEL\",\"values\":[50,51]},"
                        + "{\"type\":\"x-telemetry:CHARGING_STATE\",\"values\":[\"IDLE\"]}",
                        at + "[0].values", "STORAGE_CHARGE_LEVEL takes exactly one value, not 2"),
                Arguments.of(DeviceType.BATTERY, "{\"type\":\"MADE_UP\",\"values\":[1]},"
                        + "{\"type\":\"STORAGE_CHARGE_LEVEL\",\"values\":[50]},{\"type\":\"x-telemetry:CHARGING_STATE\",\"values\":[\"IDLE\"]}",
                        at + "[0].type", "MADE_UP is not a known payload type"),
                Arguments.of(DeviceType.THERMOSTAT, "{\"type\":\"READING\",\"values\":[151]},"
                        + "{\"type\":\"x-telemetry:OPERATING_MODE\",\"values\":[\"COOL\"]}",
                        at + "[0]", "READING 151 is above 150"),
                Arguments.of(DeviceType.THERMOSTAT, "{\"type\":\"READING\",\"values\":[70]},"
                        + "{\"type\":\"x-telemetry:OPERATING_MODE\",\"values\":[\"TURBO\"]}",
                        at + "[1]", "x-telemetry:OPERATING_MODE \"TURBO\" is not one of HEAT, COOL, AUTO, ECO, OFF, UNKNOWN"),
                Arguments.of(DeviceType.THERMOSTAT, "{\"type\":\"READING\",\"values\":[70]},"
                        + "{\"type\":\"x-telemetry:OPERATING_MODE\",\"values\":[\"COOL\"]},{\"type\":\"x-telemetry:FAN_MODE\",\"values\":[\"HIGH\"]}",
                        at + "[2]", "x-telemetry:FAN_MODE \"HIGH\" is not one of AUTO, ON, OFF, CIRCULATE, UNKNOWN"),
                Arguments.of(DeviceType.EV_CHARGER, "{\"type\":\"x-telemetry:CHARGING_STATE\",\"values\":[\"SLEEP\"]},"
                        + "{\"type\":\"x-telemetry:IS_PLUGGED_IN\",\"values\":[true]},{\"type\":\"DEMAND\",\"values\":[7]}",
                        at + "[0]", "x-telemetry:CHARGING_STATE \"SLEEP\" is not one of CHARGING, CONNECTED, SUSPENDED_EVSE, SUSPENDED_EV, DISCHARGING, IDLE, FAULT, UNKNOWN"),
                Arguments.of(DeviceType.EV_CHARGER, "{\"type\":\"x-telemetry:CHARGING_STATE\",\"values\":[\"IDLE\"]},"
                        + "{\"type\":\"x-telemetry:IS_PLUGGED_IN\",\"values\":[\"yes\"]},{\"type\":\"DEMAND\",\"values\":[7]}",
                        at + "[1]", "x-telemetry:IS_PLUGGED_IN must be true or false, not \"yes\""),
                Arguments.of(DeviceType.SOLAR_INVERTER, "{\"type\":\"x-telemetry:GENERATION_POWER\",\"values\":[-5]}",
                        at + "[0]", "x-telemetry:GENERATION_POWER -5 is below 0"),
                Arguments.of(DeviceType.VEHICLE, "{\"type\":\"x-telemetry:CHARGING_STATE\",\"values\":[\"IDLE\"]},"
                        + "{\"type\":\"STORAGE_CHARGE_LEVEL\",\"values\":[50]},{\"type\":\"x-telemetry:CHARGE_COMPLETED_AT\",\"values\":[\"soon\"]}",
                        at + "[2]", "x-telemetry:CHARGE_COMPLETED_AT must be an RFC 3339 date-time, not \"soon\""),
                Arguments.of(DeviceType.SMART_METER, "{\"type\":\"DEMAND\",\"values\":[2]},{\"type\":\"x-telemetry:VOLTAGE\",\"values\":[-1]}",
                        at + "[1]", "x-telemetry:VOLTAGE -1 is below 0"));
    }

    @ParameterizedTest
    @MethodSource("violations")
    void eachRuleViolationIsRefusedWithTheRuleNamed(DeviceType type, String payloads, String field, String message) {
        String body = report(ven.venId(), null, names.get(type), now(), payloads);
        ven.caller().body(body).post("/v2/reports").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.is("https://direct.texturehq.com/errors/validation-error"))
                .body("detail", org.hamcrest.Matchers.is("Report validation failed: " + field + ": " + message))
                .body("errors.field", hasItem(field)).body("errors.message", hasItem(message));
    }

    @Test
    void descriptorsUnitsAndReadingTypeMustFitThePayload() {
        String body = report(ven.venId(), null, names.get(DeviceType.BATTERY), now(), VALID_PAYLOADS.get(DeviceType.BATTERY))
                .replace("\"units\":\"PERCENT\",\"readingType\":\"DIRECT_READ\"", "\"units\":\"KW\",\"readingType\":\"GUESSED\"");
        Response response = ven.caller().body(body).post("/v2/reports");
        response.then().statusCode(400)
                .body("errors.field", hasItem("payloadDescriptors[0].units"))
                .body("errors.message", hasItem("STORAGE_CHARGE_LEVEL of a BATTERY is measured in %, not KW (use %, PERCENT)"))
                .body("errors.field", hasItem("payloadDescriptors[0].readingType"));
    }

    @Test
    void intervalPeriodMustBeIsoAndWithinTheWindow() {
        String payloads = VALID_PAYLOADS.get(DeviceType.BATTERY);
        ven.caller().body(report(ven.venId(), null, names.get(DeviceType.BATTERY), now(), payloads)
                        .replace("\"duration\":\"PT0S\"", "\"duration\":\"15 minutes\""))
                .post("/v2/reports").then().statusCode(400)
                .body("errors.field", hasItem("resources[0].intervalPeriod.duration"))
                .body("errors.message", hasItem("duration \"15 minutes\" is not an ISO 8601 duration"));
        ven.caller().body(report(ven.venId(), null, names.get(DeviceType.BATTERY), "yesterday", payloads))
                .post("/v2/reports").then().statusCode(400)
                .body("errors.message", hasItem("start \"yesterday\" is not an RFC 3339 date-time"));
        String old = Instant.now().minus(91, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        ven.caller().body(report(ven.venId(), null, names.get(DeviceType.BATTERY), old, payloads))
                .post("/v2/reports").then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.is("resources[0].intervals[0]"))
                .body("errors[0].message", startsWith("start " + old + " is outside the accepted window"));
    }

    @Test
    void malformedJsonIsAProblemToo() {
        ven.caller().body("{\"resources\": [").post("/v2/reports").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.is("https://direct.texturehq.com/errors/malformed-request"));
    }
}
