package dev.gridservices.device.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gridservices.device.repository.Device;
import dev.gridservices.device.service.DeviceKind;
import dev.gridservices.kit.json.JsonText;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The core API's device (core-api-v1 Device). {@code state} follows the spec's per-type state schema
 * (BatteryState, ChargerState, ThermostatState, InverterState, VehicleState), built from the latest
 * telemetry value of each payload type; a device that never reported has {@code state: null}. Added:
 * {@code lastSeen}, {@code connectivity} (§10.6) and the OpenADR names (venId, resourceName).
 */
@ApplicationScoped
public class DeviceViews {

    public record CoreDevice(String id, String siteId, String name, String manufacturerDeviceId, String serialNumber,
                             String referenceId, String manufacturer, String type, String model, String rawType,
                             String rawModel, Integer modelYear, JsonNode state, List<String> availableCommands,
                             List<String> tags, String provisioningType, String venId, String resourceName,
                             OffsetDateTime lastSeen, Connectivity connectivity, OffsetDateTime createdAt,
                             OffsetDateTime updatedAt) {
    }

    /** status: {@code online} (reported within the silence limit), {@code lost} (silent longer), {@code never_seen}. */
    public record Connectivity(String status, OffsetDateTime lostAt) {
    }

    /** Payload type → state field, per /v1 device type. Values are copied as reported. */
    private static final Map<String, Map<String, String>> FIELDS = Map.of(
            "battery", Map.ofEntries(
                    Map.entry("x-telemetry:CHARGING_STATE", "chargingState"),
                    Map.entry("x-telemetry:STORAGE_ENERGY_LEVEL", "charge"),
                    Map.entry("STORAGE_CHARGE_LEVEL", "chargePercentage"),
                    Map.entry("x-telemetry:CHARGE_RATE", "chargeRate"),
                    Map.entry("x-telemetry:BACKUP_RESERVE", "backupReserve"),
                    Map.entry("x-telemetry:IS_STORM_MODE_ACTIVE", "isStormModeActive"),
                    Map.entry("x-telemetry:IS_STORM_MODE_ENABLED", "isStormModeEnabled"),
                    Map.entry("x-telemetry:STRATEGY", "strategy"),
                    Map.entry("x-telemetry:GRID_STATUS", "gridStatus"),
                    Map.entry("x-telemetry:GRID_POWER", "gridPower"),
                    Map.entry("x-telemetry:GRID_ENERGY", "gridEnergy"),
                    Map.entry("x-telemetry:LOAD_POWER", "loadPower"),
                    Map.entry("x-telemetry:LOAD_ENERGY", "loadEnergy")),
            "charger", Map.of(
                    "x-telemetry:CHARGING_STATE", "chargingState",
                    "x-telemetry:IS_PLUGGED_IN", "isPluggedIn",
                    "x-telemetry:CHARGER_VOLTAGE", "chargerVoltage",
                    "x-telemetry:CHARGER_CURRENT", "chargerCurrent",
                    "x-telemetry:CHARGER_POWER", "chargerWattage"),
            "thermostat", Map.of(
                    "READING", "ambientTemperature",
                    "x-telemetry:OPERATING_MODE", "operatingMode",
                    "x-telemetry:COOL_TARGET", "coolTarget",
                    "x-telemetry:HEAT_TARGET", "heatTarget",
                    "x-telemetry:FAN_MODE", "fanMode"),
            "inverter", Map.of(
                    "x-telemetry:GENERATION_POWER", "power",
                    "x-telemetry:GENERATION_ENERGY", "generatedEnergy",
                    "x-telemetry:GENERATION_ENERGY_LIFETIME", "lifetimeEnergyGenerated",
                    "x-telemetry:GRID_STATUS", "gridStatus",
                    "x-telemetry:GRID_POWER", "gridPower",
                    "x-telemetry:GRID_ENERGY", "gridEnergy",
                    "x-telemetry:LOAD_POWER", "loadPower",
                    "x-telemetry:LOAD_ENERGY", "loadEnergy"),
            "vehicle", Map.ofEntries(
                    Map.entry("x-telemetry:CHARGING_STATE", "chargingState"),
                    Map.entry("STORAGE_CHARGE_LEVEL", "chargePercentage"),
                    Map.entry("x-telemetry:CHARGE_COMPLETED_AT", "chargeCompletedAt"),
                    Map.entry("x-telemetry:CHARGE_LIMIT", "chargeLimit"),
                    Map.entry("x-telemetry:STORAGE_ENERGY_LEVEL", "charge"),
                    Map.entry("x-telemetry:IS_PLUGGED_IN", "isPluggedIn"),
                    Map.entry("x-telemetry:CHARGER_VOLTAGE", "chargerVoltage"),
                    Map.entry("x-telemetry:CHARGER_CURRENT", "chargerCurrent"),
                    Map.entry("x-telemetry:CHARGER_POWER", "chargerWattage"),
                    Map.entry("x-telemetry:RANGE", "range")));

    /** Enumerated state fields the spec writes in lower case (the Direct API reports them upper case). */
    private static final List<String> LOWER_CASE = List.of("chargingState", "strategy", "gridStatus", "operatingMode",
            "fanMode");

    private final JsonText json;
    private final ObjectMapper mapper;

    public DeviceViews(JsonText json, ObjectMapper mapper) {
        this.json = json;
        this.mapper = mapper;
    }

    public CoreDevice toV1(Device d) {
        String type = DeviceKind.wireType(d.deviceType);
        return new CoreDevice(d.id, d.siteId, d.name == null ? d.resourceName : d.name,
                d.manufacturerDeviceId == null ? d.resourceName : d.manufacturerDeviceId, d.serialNumber,
                d.referenceId, d.manufacturer, type, d.model, d.deviceType, d.model, null,
                state(type, d), List.of(), List.of(d.tags), d.provisioningType, d.venId, d.resourceName, d.lastSeen,
                new Connectivity(d.connectivityLost ? "lost" : d.lastSeen == null ? "never_seen" : "online",
                        d.connectivityLostAt), d.createdAt, d.updatedAt);
    }

    private JsonNode state(String type, Device d) {
        JsonNode readings = json.read(d.state);
        if (readings == null || readings.isEmpty()) {
            return null;
        }
        Map<String, String> fields = FIELDS.getOrDefault(type, Map.of());
        ObjectNode state = mapper.createObjectNode();
        OffsetDateTime newest = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = readings.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> reading = it.next();
            OffsetDateTime at = OffsetDateTime.parse(reading.getValue().get("at").asText());
            newest = newest == null || at.isAfter(newest) ? at : newest;
            String field = fields.get(reading.getKey());
            if (field == null) {
                continue;
            }
            JsonNode value = reading.getValue().get("value");
            if (value.isTextual() && LOWER_CASE.contains(field)) {
                state.put(field, value.asText().toLowerCase(Locale.ROOT));
            } else {
                state.set(field, value);
            }
        }
        // The state's id names this snapshot: the device and the time of its newest reading.
        state.put("id", d.id + "@" + newest);
        state.put("createdAt", newest.toString());
        if ("battery".equals(type)) {
            state.putNull("whConsumed");
        }
        return state;
    }
}
