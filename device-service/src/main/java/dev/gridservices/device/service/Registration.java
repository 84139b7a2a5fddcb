package dev.gridservices.device.service;

import dev.gridservices.device.repository.Device;

/** The outcome of an idempotent registration: the device, and whether this call created it (201) or found it (200). */
public record Registration(Device device, boolean created) {
}
