package dev.gridservices.openadr.payload;

/** The device types the Direct API defines telemetry for ({@code x-static:DEVICE_TYPE}). */
public enum DeviceType {
    // SMART_METER: the Direct API's registration table and Appendix B list it next to the others.
    BATTERY, THERMOSTAT, EV_CHARGER, SOLAR_INVERTER, VEHICLE, SMART_METER
}
