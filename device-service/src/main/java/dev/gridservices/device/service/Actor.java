package dev.gridservices.device.service;

import dev.gridservices.device.repository.Scope;

/**
 * The tenant a request acts for, taken from the credential by the REST layer: the organization, its
 * workspace, the VEN a VEN-bound client is tied to (else null) and the OAuth client (tokens only).
 */
public record Actor(String organizationId, String workspaceId, String venId, String clientId) {

    public Scope scope() {
        return new Scope(organizationId, venId);
    }

    public boolean venBound() {
        return venId != null;
    }
}
