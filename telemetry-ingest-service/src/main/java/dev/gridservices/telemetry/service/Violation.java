package dev.gridservices.telemetry.service;

/**
 * One broken rule of a report: where ({@code resources[17].intervals[0].payloads[2]}), which rule (a short
 * name, also the {@code reason} tag of the rejected-readings metric) and what it says
 * ("STORAGE_CHARGE_LEVEL 150 is above 100").
 */
public record Violation(String field, String rule, String message) {
}
