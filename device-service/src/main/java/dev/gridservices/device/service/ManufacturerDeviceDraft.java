package dev.gridservices.device.service;

/** POST /v1/devices (MANUFACTURER key): what the manufacturer says about one device. */
public record ManufacturerDeviceDraft(String manufacturerDeviceId, String deviceModelId, String siteId,
                                      String serialNumber, String name) {
}
