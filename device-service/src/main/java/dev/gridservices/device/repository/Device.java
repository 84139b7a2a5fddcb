package dev.gridservices.device.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * A device (table {@code device}): an OpenADR resource of a VEN (/v2/resources) and a core API device
 * (/v1/devices) at once. {@code state} is the latest value per telemetry payload type (JSON text,
 * {@code {"TYPE": {"value": …, "unit": …, "at": …}}}), fed by telemetry.raw.
 */
@Entity
@Table(name = "device")
public class Device extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "organization_id", nullable = false)
    public String organizationId;

    @Column(name = "workspace_id")
    public String workspaceId;

    @Column(name = "ven_id")
    public String venId;

    @Column(name = "resource_name", nullable = false)
    public String resourceName;

    @Column(name = "device_type", nullable = false)
    public String deviceType;

    public String manufacturer;

    @Column(name = "manufacturer_device_id")
    public String manufacturerDeviceId;

    public String model;

    @Column(name = "serial_number")
    public String serialNumber;

    public String name;

    @Column(name = "reference_id")
    public String referenceId;

    @Column(name = "site_id")
    public String siteId;

    @Column(name = "provisioning_type", nullable = false)
    public String provisioningType;

    @Column(nullable = false)
    public String attributes;

    @Column(nullable = false)
    public String[] targets;

    @Column(nullable = false)
    public String[] tags;

    @Column(nullable = false)
    public String state;

    @Column(name = "last_seen")
    public OffsetDateTime lastSeen;

    @Column(name = "connectivity_lost", nullable = false)
    public boolean connectivityLost;

    @Column(name = "connectivity_lost_at")
    public OffsetDateTime connectivityLostAt;

    /** Fleet-capacity contribution (service/Capacity): static ratings from the attributes. */
    @Column(name = "max_discharge_kw")
    public Double maxDischargeKw;

    @Column(name = "usable_capacity_kwh")
    public Double usableCapacityKwh;

    @Column(name = "nameplate_kw")
    public Double nameplateKw;

    /** Fleet-capacity contribution: what the latest telemetry says the device can deliver now. */
    @Column(name = "available_discharge_kw")
    public Double availableDischargeKw;

    @Column(name = "available_curtailment_kw")
    public Double availableCurtailmentKw;

    @Column(name = "curtailable_generation_kw")
    public Double curtailableGenerationKw;

    @Column(name = "stored_kwh")
    public Double storedKwh;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
