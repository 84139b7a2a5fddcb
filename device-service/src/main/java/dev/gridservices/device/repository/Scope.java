package dev.gridservices.device.repository;

/**
 * Whose objects a query may see: always one organization; a VEN-bound client (token claim {@code ven_id})
 * further only its own VEN's. Every read for a caller goes through one, so no query forgets the tenant.
 */
public record Scope(String organizationId, String venId) {

    public static Scope organization(String organizationId) {
        return new Scope(organizationId, null);
    }

    public boolean venBound() {
        return venId != null;
    }
}
