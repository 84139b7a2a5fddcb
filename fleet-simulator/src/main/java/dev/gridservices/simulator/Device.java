package dev.gridservices.simulator;

import java.util.Random;

/**
 * One simulated device and its state, moved by a small random walk each reading so the telemetry looks
 * like a fleet's (state of charge drifts, chargers plug in and out); every value stays inside the Direct
 * API's ranges.
 */
final class Device {

    static final String[] TYPES = {"BATTERY", "THERMOSTAT", "EV_CHARGER", "SOLAR_INVERTER", "VEHICLE", "SMART_METER"};

    final String resourceName;
    final String type;
    private final Random random;
    private double level;
    private double power;
    private boolean plugged;

    Device(String resourceName, String type, long seed) {
        this.resourceName = resourceName;
        this.type = type;
        this.random = new Random(seed);
        this.level = 20 + random.nextInt(70);
        this.power = random.nextInt(5000);
        this.plugged = random.nextBoolean();
    }

    /** The payloads of one reading, as the JSON items of {@code payloads}. */
    String payloads() {
        level = clamp(level + random.nextGaussian(), 0, 100);
        power = power + random.nextGaussian() * 200;
        if (random.nextInt(50) == 0) {
            plugged = !plugged;
        }
        return switch (type) {
            case "BATTERY" -> item("STORAGE_CHARGE_LEVEL", round(level)) + "," + item("x-telemetry:CHARGE_RATE", Math.round(power))
                    + "," + text("x-telemetry:CHARGING_STATE", power > 100 ? "CHARGING" : power < -100 ? "DISCHARGING" : "IDLE")
                    + "," + item("x-telemetry:BACKUP_RESERVE", 20) + "," + text("x-telemetry:GRID_STATUS", "IMPORTING");
            case "THERMOSTAT" -> item("READING", round(60 + level / 4)) + "," + text("x-telemetry:OPERATING_MODE", "COOL")
                    + "," + item("x-telemetry:COOL_TARGET", 72) + "," + text("x-telemetry:FAN_MODE", "AUTO");
            case "EV_CHARGER" -> text("x-telemetry:CHARGING_STATE", plugged ? "CHARGING" : "IDLE") + ","
                    + "{\"type\":\"x-telemetry:IS_PLUGGED_IN\",\"values\":[" + plugged + "]}," + item("DEMAND", plugged ? 7.2 : 0)
                    + "," + item("x-telemetry:CHARGER_VOLTAGE", 240);
            case "SOLAR_INVERTER" -> item("x-telemetry:GENERATION_POWER", Math.abs(Math.round(power))) + ","
                    + item("x-telemetry:GRID_POWER", -Math.abs(Math.round(power / 2)));
            case "VEHICLE" -> text("x-telemetry:CHARGING_STATE", plugged ? "CHARGING" : "IDLE") + ","
                    + item("STORAGE_CHARGE_LEVEL", round(level)) + "," + item("x-telemetry:RANGE", Math.round(level * 3));
            default -> item("DEMAND", round(power / 1000)) + "," + item("x-telemetry:VOLTAGE", round(239 + random.nextGaussian()));
        };
    }

    /** The attributes device-service requires at registration (Direct API §5). */
    String attributes(String siteId) {
        StringBuilder a = new StringBuilder();
        a.append("{\"type\":\"x-static:DEVICE_TYPE\",\"values\":[\"").append(type).append("\"]},")
                .append("{\"type\":\"x-static:SITE_ID\",\"values\":[\"").append(siteId).append("\"]},")
                .append("{\"type\":\"x-static:MANUFACTURER_DEVICE_ID\",\"values\":[\"").append(resourceName).append("\"]}");
        switch (type) {
            case "BATTERY" -> a.append(",{\"type\":\"STORAGE_MAX_DISCHARGE_POWER\",\"values\":[10]},")
                    .append("{\"type\":\"STORAGE_USABLE_CAPACITY\",\"values\":[13500]}");
            case "EV_CHARGER", "SOLAR_INVERTER" -> a.append(",{\"type\":\"x-static:NAMEPLATE_KW\",\"values\":[7.6]}");
            default -> { }
        }
        return a.toString();
    }

    private static String item(String type, Number value) {
        return "{\"type\":\"" + type + "\",\"values\":[" + value + "]}";
    }

    private static String text(String type, String value) {
        return "{\"type\":\"" + type + "\",\"values\":[\"" + value + "\"]}";
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }
}
