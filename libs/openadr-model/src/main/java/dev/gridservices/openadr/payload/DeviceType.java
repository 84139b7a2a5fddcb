package dev.gridservices.openadr.payload;

/** The device types the Direct API defines telemetry for ({@code x-static:DEVICE_TYPE}). */
public enum DeviceType {
    BATTERY, THERMOSTAT, EV_CHARGER, SOLAR_INVERTER, VEHICLE
}
