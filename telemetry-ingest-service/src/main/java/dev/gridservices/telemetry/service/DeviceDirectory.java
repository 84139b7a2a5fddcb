package dev.gridservices.telemetry.service;

import dev.gridservices.openadr.payload.DeviceType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local read model of {@code devices.changed}: which resources exist, their VEN, organization and
 * device type, and the sites' customer and ISO (for metrics). Ownership checks read it instead of calling device-service once per reading; it is
 * filled by {@code ReadModelConsumers} from the start of the topic in every replica.
 */
@ApplicationScoped
public class DeviceDirectory {

    /** One resource as device-service announced it; {@code deviceType} is null for a type we have no table for. */
    public record Device(String id, String resourceName, String venId, String organizationId, DeviceType deviceType,
                         String deviceTypeName, String siteId) {
    }

    /** A site as device-service announced it: what metrics answers need (customer, ISO for emission factors). */
    public record Site(String id, String organizationId, String customerId, String iso) {
    }

    private final Map<String, Device> byId = new ConcurrentHashMap<>();
    private final Map<String, Site> sites = new ConcurrentHashMap<>();
    private final Map<String, Device> byVenAndName = new ConcurrentHashMap<>();
    private final Map<String, String> venOrganization = new ConcurrentHashMap<>();

    public Optional<Device> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The resource {@code resourceName} of VEN {@code venId}: resource names are unique per VEN. */
    public Optional<Device> byVenAndName(String venId, String resourceName) {
        return Optional.ofNullable(byVenAndName.get(key(venId, resourceName)));
    }

    public Optional<String> organizationOfVen(String venId) {
        return Optional.ofNullable(venOrganization.get(venId));
    }

    public java.util.Collection<Device> all() {
        return byId.values();
    }

    public int size() {
        return byId.size();
    }

    public synchronized void upsert(Device device) {
        Device previous = byId.put(device.id(), device);
        if (previous != null) {
            byVenAndName.remove(key(previous.venId(), previous.resourceName()));
        }
        byVenAndName.put(key(device.venId(), device.resourceName()), device);
    }

    public synchronized void remove(String id) {
        Device previous = byId.remove(id);
        if (previous != null) {
            byVenAndName.remove(key(previous.venId(), previous.resourceName()));
        }
    }

    public void upsertVen(String venId, String organizationId) {
        venOrganization.put(venId, organizationId);
    }

    public void removeVen(String venId) {
        venOrganization.remove(venId);
    }

    public void upsertSite(Site site) {
        sites.put(site.id(), site);
    }

    public void removeSite(String siteId) {
        sites.remove(siteId);
    }

    /** The site of {@code device}, when device-service announced it for the device's own organization. */
    public Optional<Site> siteOf(Device device) {
        Site site = device.siteId() == null ? null : sites.get(device.siteId());
        return site != null && device.organizationId().equals(site.organizationId()) ? Optional.of(site) : Optional.empty();
    }

    private static String key(String venId, String resourceName) {
        return venId + '\u0000' + resourceName;
    }
}
