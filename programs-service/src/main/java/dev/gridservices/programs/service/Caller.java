package dev.gridservices.programs.service;

/** The tenant a request acts for, taken from the authenticated credential by the REST layer. */
public record Caller(String organizationId, String workspaceId) {
}
