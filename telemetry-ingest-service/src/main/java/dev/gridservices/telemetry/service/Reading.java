package dev.gridservices.telemetry.service;

import java.time.Instant;
import java.util.Map;

/** One validated reading (one resource × one interval), on its way to {@code telemetry.raw}. */
public record Reading(String deviceId, String venId, String organizationId, String deviceType, Instant start,
                      String duration, Map<String, Object> payloads) {
}
