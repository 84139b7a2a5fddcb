package dev.gridservices.openadr.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PayloadRegistryTest {

    private final PayloadRegistry registry = PayloadRegistry.standard();
    private final ObjectMapper mapper = new ObjectMapper();

    private JsonNode values(String json) throws Exception {
        return mapper.readTree(json);
    }

    @Test
    void everyDeviceTypeOfTheSpecIsLoadedWithItsRequiredTypes() {
        assertEquals(List.of("STORAGE_CHARGE_LEVEL", "x-telemetry:CHARGING_STATE"),
                registry.missingRequired(DeviceType.BATTERY, Set.of()));
        assertEquals(List.of("READING", "x-telemetry:OPERATING_MODE"),
                registry.missingRequired(DeviceType.THERMOSTAT, Set.of()));
        assertEquals(List.of("DEMAND", "x-telemetry:CHARGING_STATE", "x-telemetry:IS_PLUGGED_IN"),
                registry.missingRequired(DeviceType.EV_CHARGER, Set.of()));
        assertEquals(List.of("x-telemetry:GENERATION_POWER"), registry.missingRequired(DeviceType.SOLAR_INVERTER, Set.of()));
        assertEquals(List.of(), registry.missingRequired(DeviceType.VEHICLE,
                Set.of("STORAGE_CHARGE_LEVEL", "x-telemetry:CHARGING_STATE")));
    }

    @Test
    void theSpecsExampleErrorIsTheMessage() throws Exception {
        assertEquals(List.of("STORAGE_CHARGE_LEVEL must be between 0 and 100"),
                registry.validate(DeviceType.BATTERY, "STORAGE_CHARGE_LEVEL", values("[101]")));
        assertEquals(List.of(), registry.validate(DeviceType.BATTERY, "STORAGE_CHARGE_LEVEL", values("[85]")));
    }

    @Test
    void valueKindsAreChecked() throws Exception {
        assertEquals(List.of(), registry.validate(DeviceType.BATTERY, "x-telemetry:CHARGING_STATE", values("[\"CHARGING\"]")));
        assertFalse(registry.validate(DeviceType.BATTERY, "x-telemetry:CHARGING_STATE", values("[\"CONNECTED\"]")).isEmpty(),
                "CONNECTED is an EV charger state, not a battery state");
        assertEquals(List.of(), registry.validate(DeviceType.EV_CHARGER, "x-telemetry:CHARGING_STATE", values("[\"CONNECTED\"]")));
        assertEquals(List.of("x-telemetry:IS_PLUGGED_IN must be true or false"),
                registry.validate(DeviceType.EV_CHARGER, "x-telemetry:IS_PLUGGED_IN", values("[\"yes\"]")));
        assertEquals(List.of("x-telemetry:GRID_POWER must be an integer"),
                registry.validate(DeviceType.BATTERY, "x-telemetry:GRID_POWER", values("[1.5]")));
        assertEquals(List.of(), registry.validate(DeviceType.BATTERY, "x-telemetry:CHARGE_RATE", values("[-2400]")));
        assertEquals(List.of("x-telemetry:CHARGE_POWER must be at least 0"),
                registry.validate(DeviceType.BATTERY, "x-telemetry:CHARGE_POWER", values("[-1]")));
        assertEquals(List.of(), registry.validate(DeviceType.THERMOSTAT, "READING", values("[72.5]")));
        assertFalse(registry.validate(DeviceType.THERMOSTAT, "READING", values("[151]")).isEmpty());
        assertEquals(List.of(), registry.validate(DeviceType.THERMOSTAT, "x-telemetry:ALLOWED_MODES", values("[\"HEAT\",\"COOL\"]")));
        assertEquals(List.of(), registry.validate(DeviceType.VEHICLE, "x-telemetry:CHARGE_COMPLETED_AT",
                values("[\"2026-03-24T21:00:00Z\"]")));
        assertFalse(registry.validate(DeviceType.VEHICLE, "x-telemetry:CHARGE_COMPLETED_AT", values("[\"soon\"]")).isEmpty());
    }

    @Test
    void shapeOfTheValuesArrayIsChecked() throws Exception {
        assertEquals(List.of("STORAGE_CHARGE_LEVEL must have a non-empty values array"),
                registry.validate(DeviceType.BATTERY, "STORAGE_CHARGE_LEVEL", values("[]")));
        assertEquals(List.of("STORAGE_CHARGE_LEVEL takes exactly one value"),
                registry.validate(DeviceType.BATTERY, "STORAGE_CHARGE_LEVEL", values("[1, 2]")));
    }

    @Test
    void unlistedTypesFollowTheStandard() throws Exception {
        assertTrue(registry.isOpenadrReportType("USAGE"));
        assertEquals(List.of(), registry.validate(DeviceType.BATTERY, "USAGE", values("[3]")),
                "a standard OpenADR report type is accepted for any device");
        assertEquals(List.of(), registry.validate(DeviceType.BATTERY, "x-vendor:FOO", values("[3]")),
                "private x- types are allowed by OpenADR");
        assertEquals(List.of("MADE_UP is not a known payload type"),
                registry.validate(DeviceType.BATTERY, "MADE_UP", values("[3]")));
    }

    @Test
    void smartMetersAndTheCommonCommandTypesAreKnown() throws Exception {
        assertEquals(List.of("DEMAND"), registry.missingRequired(DeviceType.SMART_METER, Set.of()));
        for (DeviceType type : DeviceType.values()) {
            assertEquals(List.of(), registry.validate(type, "x-telemetry:COMMAND_STATUS", values("[\"FAILED\"]")), type.name());
            assertEquals(List.of(), registry.validate(type, "x-telemetry:COMMAND_FAILURE_REASON", values("[\"breaker open\"]")));
        }
        assertFalse(registry.validate(DeviceType.BATTERY, "x-telemetry:COMMAND_STATUS", values("[\"DONE\"]")).isEmpty());
        assertFalse(registry.validate(DeviceType.BATTERY, "x-telemetry:COMMAND_FAILURE_REASON", values("[3]")).isEmpty());
    }

    @Test
    void descriptorUnitsAndReadingTypes() {
        PayloadSpec level = registry.spec(DeviceType.BATTERY, "STORAGE_CHARGE_LEVEL").orElseThrow();
        assertTrue(registry.unitsMatch(level, "PERCENT"));
        assertTrue(registry.unitsMatch(level, "percent"));
        assertTrue(registry.unitsMatch(level, null));
        assertFalse(registry.unitsMatch(level, "KW"));
        PayloadSpec demand = registry.spec(DeviceType.EV_CHARGER, "DEMAND").orElseThrow();
        assertTrue(registry.unitsMatch(demand, "KW"));
        assertFalse(registry.unitsMatch(demand, "W"));
        assertTrue(registry.isKnownReadingType("DIRECT_READ"));
        assertTrue(registry.isKnownReadingType("x-vendor:SMOOTHED"));
        assertFalse(registry.isKnownReadingType("GUESSED"));
    }

    @Test
    void boundsViolationsNameValueAndBound() {
        PayloadSpec level = registry.spec(DeviceType.BATTERY, "STORAGE_CHARGE_LEVEL").orElseThrow();
        assertEquals("STORAGE_CHARGE_LEVEL 150 is above 100", level.boundsViolation(150));
        assertEquals("STORAGE_CHARGE_LEVEL -0.5 is below 0", level.boundsViolation(-0.5));
        assertEquals(null, level.boundsViolation(42.5));
    }
}
