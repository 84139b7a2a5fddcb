package dev.gridservices.device.service;

public record CustomerDraft(String referenceId, String firstName, String lastName, String email, String phone) {
}
