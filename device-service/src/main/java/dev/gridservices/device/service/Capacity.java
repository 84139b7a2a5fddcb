package dev.gridservices.device.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gridservices.device.repository.Device;
import dev.gridservices.openadr.ValuesMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One device's contribution to its programs' fleet capacity, kept on the device row so a capacity request
 * is a sum over the program's enrolled devices, never a scan of telemetry history. Two halves:
 * <ul>
 *   <li><b>ratings</b> ({@link #rate}), from the registration attributes (Direct API §5): a BATTERY's
 *       {@code STORAGE_MAX_DISCHARGE_POWER} (kW) and {@code STORAGE_USABLE_CAPACITY} (Wh → kWh), an
 *       EV_CHARGER's or SOLAR_INVERTER's {@code x-static:NAMEPLATE_KW};</li>
 *   <li><b>now</b> ({@link #assess}), from the latest value of each telemetry payload type (§6):
 *     <ul>
 *       <li>BATTERY — stored kWh = {@code x-telemetry:STORAGE_ENERGY_LEVEL} (Wh) if reported, else usable
 *           capacity × {@code STORAGE_CHARGE_LEVEL} %; available discharge kW = the BMS's
 *           {@code DOWN_REGULATION_AVAILABLE} (W) capped at the rating if reported, else the full rating
 *           while the charge level is above {@code x-telemetry:BACKUP_RESERVE} (0 % if unreported); 0 while
 *           the battery reports FAULT/OFF or a grid outage (it is islanded, serving the home); unknown
 *           (null) before a charge level or energy level arrived;</li>
 *       <li>EV_CHARGER — available curtailment kW = the load it draws now ({@code DEMAND} kW, else
 *           {@code x-telemetry:CHARGER_POWER} W), capped at the nameplate; 0 unless charging when a
 *           charging state is reported;</li>
 *       <li>VEHICLE — curtailment from {@code x-telemetry:CHARGER_POWER} while charging; stored kWh from
 *           {@code x-telemetry:STORAGE_ENERGY_LEVEL};</li>
 *       <li>SOLAR_INVERTER — curtailable generation kW = {@code x-telemetry:GENERATION_POWER} (W) capped at the
 *           nameplate. Kept apart from available kW: curtailing generation raises net load, the opposite
 *           of what discharge and load curtailment deliver;</li>
 *       <li>THERMOSTAT, SMART_METER, unknown types — counted, no figures (no power is reported for them).</li>
 *     </ul></li>
 * </ul>
 * Connectivity is not part of the contribution: the sum leaves out devices that are not online.
 */
public final class Capacity {

    static final String CHARGE_LEVEL = "STORAGE_CHARGE_LEVEL";
    static final String ENERGY_LEVEL = "x-telemetry:STORAGE_ENERGY_LEVEL";
    static final String BACKUP_RESERVE = "x-telemetry:BACKUP_RESERVE";
    static final String DOWN_REGULATION = "DOWN_REGULATION_AVAILABLE";
    static final String CHARGING_STATE = "x-telemetry:CHARGING_STATE";
    static final String GRID_STATUS = "x-telemetry:GRID_STATUS";
    static final String DEMAND = "DEMAND";
    static final String CHARGER_POWER = "x-telemetry:CHARGER_POWER";
    static final String GENERATION_POWER = "x-telemetry:GENERATION_POWER";

    private static final Set<String> BATTERY_OUT = Set.of("FAULT", "OFF");

    private Capacity() {
    }

    /** Sets the device's ratings from its attributes (registration and attribute replacement). */
    public static void rate(Device d, List<ValuesMap> attributes) {
        DeviceKind kind = kind(d);
        d.maxDischargeKw = kind == DeviceKind.BATTERY ? number(attributes, Attributes.STORAGE_MAX_DISCHARGE_POWER) : null;
        Double usableWh = kind == DeviceKind.BATTERY ? number(attributes, Attributes.STORAGE_USABLE_CAPACITY) : null;
        d.usableCapacityKwh = usableWh == null ? null : usableWh / 1000;
        d.nameplateKw = kind == DeviceKind.EV_CHARGER || kind == DeviceKind.SOLAR_INVERTER
                ? number(attributes, Attributes.NAMEPLATE_KW) : null;
    }

    /**
     * Sets what the device can deliver now from its latest state ({@code {TYPE: {value, at}}}); true if any
     * figure changed.
     */
    public static boolean assess(Device d, JsonNode state) {
        Double discharge = null;
        Double curtailment = null;
        Double generation = null;
        Double stored = null;
        switch (kind(d)) {
            case BATTERY -> {
                Double soc = value(state, CHARGE_LEVEL);
                Double energyWh = value(state, ENERGY_LEVEL);
                if (energyWh != null) {
                    stored = Math.max(0, energyWh) / 1000;
                } else if (soc != null && d.usableCapacityKwh != null) {
                    stored = d.usableCapacityKwh * clamp(soc, 100) / 100;
                }
                if (soc == null && energyWh != null && d.usableCapacityKwh != null && d.usableCapacityKwh > 0) {
                    soc = energyWh / 1000 / d.usableCapacityKwh * 100;
                }
                if (soc != null) {
                    discharge = batteryDischarge(d, state, soc);
                }
            }
            case EV_CHARGER -> curtailment = load(state, d.nameplateKw);
            case VEHICLE -> {
                curtailment = load(state, null);
                Double energyWh = value(state, ENERGY_LEVEL);
                stored = energyWh == null ? null : Math.max(0, energyWh) / 1000;
            }
            case SOLAR_INVERTER -> {
                Double watts = value(state, GENERATION_POWER);
                generation = watts == null ? null : cap(Math.max(0, watts) / 1000, d.nameplateKw);
            }
            default -> {
                // Counted by type and state only.
            }
        }
        boolean changed = !Objects.equals(discharge, d.availableDischargeKw)
                || !Objects.equals(curtailment, d.availableCurtailmentKw)
                || !Objects.equals(generation, d.curtailableGenerationKw) || !Objects.equals(stored, d.storedKwh);
        d.availableDischargeKw = discharge;
        d.availableCurtailmentKw = curtailment;
        d.curtailableGenerationKw = generation;
        d.storedKwh = stored;
        return changed;
    }

    private static double batteryDischarge(Device d, JsonNode state, double soc) {
        String charging = text(state, CHARGING_STATE);
        if ((charging != null && BATTERY_OUT.contains(charging)) || "GRID_OUTAGE".equals(text(state, GRID_STATUS))) {
            return 0;
        }
        double rating = d.maxDischargeKw == null ? 0 : d.maxDischargeKw;
        Double bmsWatts = value(state, DOWN_REGULATION);
        if (bmsWatts != null) {
            return Math.min(rating, Math.max(0, bmsWatts) / 1000);
        }
        Double reserve = value(state, BACKUP_RESERVE);
        return soc > (reserve == null ? 0 : reserve) ? rating : 0;
    }

    /** The load a charger draws now (kW): DEMAND (kW), else CHARGER_POWER (W); 0 when it reports it is not charging. */
    private static Double load(JsonNode state, Double cap) {
        String charging = text(state, CHARGING_STATE);
        if (charging != null && !"CHARGING".equals(charging)) {
            return 0.0;
        }
        Double kw = value(state, DEMAND);
        if (kw == null) {
            Double watts = value(state, CHARGER_POWER);
            kw = watts == null ? null : watts / 1000;
        }
        return kw == null ? null : cap(Math.max(0, kw), cap);
    }

    private static double cap(double value, Double cap) {
        return cap == null ? value : Math.min(value, cap);
    }

    private static double clamp(double percent, double max) {
        return Math.max(0, Math.min(max, percent));
    }

    private static DeviceKind kind(Device d) {
        try {
            return DeviceKind.valueOf(d.deviceType);
        } catch (IllegalArgumentException | NullPointerException e) {
            return DeviceKind.UNKNOWN;
        }
    }

    private static Double number(List<ValuesMap> attributes, String type) {
        return ValuesMap.find(attributes, type)
                .filter(m -> m.values() != null && !m.values().isEmpty() && m.values().get(0) != null
                        && m.values().get(0).isNumber())
                .map(m -> m.values().get(0).asDouble()).orElse(null);
    }

    private static Double value(JsonNode state, String type) {
        JsonNode v = state == null ? null : state.path(type).get("value");
        return v != null && v.isNumber() ? v.asDouble() : null;
    }

    private static String text(JsonNode state, String type) {
        JsonNode v = state == null ? null : state.path(type).get("value");
        return v != null && v.isTextual() ? v.asText() : null;
    }
}
