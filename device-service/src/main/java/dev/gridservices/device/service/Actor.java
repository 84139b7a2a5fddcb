package dev.gridservices.device.service;

import dev.gridservices.device.repository.Scope;

/**
 * The tenant a request acts for, taken from the credential by the REST layer: the organization, its
 * workspace, the VEN a VEN-bound client is tied to (else null), the OAuth client (tokens only), and whether
 * the organization is a utility.
 */
public record Actor(String organizationId, String workspaceId, String venId, String clientId, boolean utility) {

    /** What the actor owns: the scope of every write, and of every read but a utility's device reads. */
    public Scope scope() {
        return new Scope(organizationId, venId);
    }

    /**
     * The devices the actor may read: its own, and for a utility also the devices enrolled in its programs.
     * A utility reads an OEM's device but never changes it (writes use {@link #scope()}, so they answer 404).
     */
    public Scope deviceReadScope() {
        return new Scope(organizationId, venId, utility);
    }

    public boolean venBound() {
        return venId != null;
    }
}
