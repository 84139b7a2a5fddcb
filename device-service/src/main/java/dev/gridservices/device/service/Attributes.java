package dev.gridservices.device.service;

/** The resource attribute types device-service reads (Direct API §5). */
public final class Attributes {

    public static final String DEVICE_TYPE = "x-static:DEVICE_TYPE";
    public static final String SITE_ID = "x-static:SITE_ID";
    public static final String MANUFACTURER = "x-static:MANUFACTURER";
    public static final String MANUFACTURER_DEVICE_ID = "x-static:MANUFACTURER_DEVICE_ID";
    public static final String DEVICE_MODEL = "x-static:DEVICE_MODEL";
    public static final String SERIAL_NUMBER = "x-static:SERIAL_NUMBER";
    public static final String DEVICE_NAME = "x-static:DEVICE_NAME";
    public static final String NAMEPLATE_KW = "x-static:NAMEPLATE_KW";
    public static final String STORAGE_MAX_DISCHARGE_POWER = "STORAGE_MAX_DISCHARGE_POWER";
    public static final String STORAGE_USABLE_CAPACITY = "STORAGE_USABLE_CAPACITY";

    private Attributes() {
    }
}
