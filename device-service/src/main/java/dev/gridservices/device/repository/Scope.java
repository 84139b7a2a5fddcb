package dev.gridservices.device.repository;

/**
 * Whose objects a query may see: always one organization; a VEN-bound client (token claim {@code ven_id})
 * further only its own VEN's. Every read for a caller goes through one, so no query forgets the tenant.
 * {@code enrolledDevices}: device reads of a utility also see the devices live in an enrollment in one of
 * its programs (the visibility rule, docs/architecture.md); writes never carry it.
 */
public record Scope(String organizationId, String venId, boolean enrolledDevices) {

    public Scope(String organizationId, String venId) {
        this(organizationId, venId, false);
    }

    public static Scope organization(String organizationId) {
        return new Scope(organizationId, null);
    }

    public boolean venBound() {
        return venId != null;
    }
}
