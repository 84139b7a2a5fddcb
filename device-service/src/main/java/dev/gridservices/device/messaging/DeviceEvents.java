package dev.gridservices.device.messaging;

import dev.gridservices.device.repository.Device;
import dev.gridservices.device.repository.Site;
import dev.gridservices.device.repository.Ven;
import dev.gridservices.device.service.DeviceKind;
import dev.gridservices.outbox.EventEnvelope;
import dev.gridservices.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Publishes every registry change on {@value #TOPIC} through the outbox (call inside the transaction that
 * changed the row). The topic is compacted, so every record is a full snapshot of its object, never a
 * delta: after compaction the last record per key still says everything a read model needs. Keys: the
 * device id for device events, the site id / VEN id for site / VEN events.
 */
@ApplicationScoped
public class DeviceEvents {

    public static final String TOPIC = "devices.changed";
    public static final int VERSION = 1;

    public static final String DEVICE_CREATED = "device.created";
    public static final String DEVICE_UPDATED = "device.updated";
    public static final String DEVICE_DELETED = "device.deleted";
    public static final String DEVICE_CONNECTIVITY_LOST = "device.connectivityLost";
    public static final String DEVICE_CONNECTIVITY_RESTORED = "device.connectivityRestored";
    public static final String SITE_CREATED = "site.created";
    public static final String SITE_UPDATED = "site.updated";
    public static final String SITE_DELETED = "site.deleted";
    public static final String VEN_CREATED = "ven.created";
    public static final String VEN_UPDATED = "ven.updated";
    public static final String VEN_DELETED = "ven.deleted";

    /** Payload of device.* events. */
    public record DeviceChanged(String deviceId, String resourceName, String venId, String organizationId,
                                String workspaceId, String siteId, String deviceType, String type,
                                String manufacturer, String manufacturerDeviceId, String model,
                                String serialNumber, List<String> targets, List<String> tags,
                                boolean connectivityLost, OffsetDateTime connectivityLostAt,
                                OffsetDateTime lastSeen, boolean deleted, OffsetDateTime updatedAt,
                                DeviceCapacity capacity) {
    }

    /**
     * The device's rated capability from its registration attributes (null where its type has none):
     * BATTERY {@code STORAGE_MAX_DISCHARGE_POWER} kW and {@code STORAGE_USABLE_CAPACITY} in kWh, EV_CHARGER /
     * SOLAR_INVERTER {@code x-static:NAMEPLATE_KW}. What enrollment's minimum-capacity rule can check.
     */
    public record DeviceCapacity(Double maxDischargeKw, Double usableCapacityKwh, Double nameplateKw) {
    }

    /** Payload of site.* events. */
    public record SiteChanged(String siteId, String organizationId, String workspaceId, String venId,
                              String customerId, String state, String postalCode, Double latitude, Double longitude,
                              String timezone, String territoryOutcome, String utilityId, String utilityEiaId,
                              String utilityName, String ccaName, String iso, boolean programEligible,
                              boolean deleted, OffsetDateTime updatedAt) {
    }

    /** Payload of ven.* events. */
    public record VenChanged(String venId, String organizationId, String workspaceId, String venName,
                             String clientId, boolean deleted, OffsetDateTime updatedAt) {
    }

    private final Outbox outbox;

    public DeviceEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<EventEnvelope> device(String type, Device d) {
        DeviceChanged payload = new DeviceChanged(d.id, d.resourceName, d.venId, d.organizationId, d.workspaceId,
                d.siteId, d.deviceType, DeviceKind.wireType(d.deviceType), d.manufacturer, d.manufacturerDeviceId,
                d.model, d.serialNumber, List.of(d.targets), List.of(d.tags), d.connectivityLost,
                d.connectivityLostAt, d.lastSeen, DEVICE_DELETED.equals(type), d.updatedAt,
                new DeviceCapacity(d.maxDischargeKw, d.usableCapacityKwh, d.nameplateKw));
        return outbox.event(TOPIC).key(d.id).type(type).version(VERSION).tenant(d.organizationId).payload(payload).record();
    }

    public Uni<EventEnvelope> site(String type, Site s) {
        SiteChanged payload = new SiteChanged(s.id, s.organizationId, s.workspaceId, s.venId, s.customerId, s.state,
                s.postalCode, s.latitude, s.longitude, s.timezone, s.territoryOutcome, s.utilityId, s.utilityEiaId,
                s.utilityName, s.ccaName, s.iso, s.programEligible, SITE_DELETED.equals(type), s.updatedAt);
        return outbox.event(TOPIC).key(s.id).type(type).version(VERSION).tenant(s.organizationId).payload(payload).record();
    }

    public Uni<EventEnvelope> ven(String type, Ven v) {
        VenChanged payload = new VenChanged(v.id, v.organizationId, v.workspaceId, v.venName, v.clientId,
                VEN_DELETED.equals(type), v.updatedAt);
        return outbox.event(TOPIC).key(v.id).type(type).version(VERSION).tenant(v.organizationId).payload(payload).record();
    }
}
