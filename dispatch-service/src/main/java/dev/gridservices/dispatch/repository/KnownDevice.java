package dev.gridservices.dispatch.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** What devices.changed device.* told us about a device (resource): what a target may name it by, and whether it exists. */
@Entity
@Table(name = "known_device")
public class KnownDevice extends PanacheEntityBase {

    @Id
    @Column(name = "device_id")
    public String deviceId;

    @Column(name = "resource_name")
    public String resourceName;

    @Column(name = "ven_id")
    public String venId;

    @Column(name = "organization_id")
    public String organizationId;

    @Column(name = "site_id")
    public String siteId;

    /** JSON array of strings. */
    public String tags;

    /** JSON array of strings. */
    public String targets;

    public boolean deleted;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
