package dev.gridservices.enrollment.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** Read model of an OEM's device (devices.changed {@code device.*}); capacity stays null: device-service does not publish it. */
@Entity
@Table(name = "resource_view")
public class ResourceView extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "resource_name")
    public String resourceName;
    @Column(name = "ven_id")
    public String venId;
    @Column(name = "organization_id")
    public String organizationId;
    @Column(name = "device_type")
    public String deviceType;
    @Column(name = "site_id")
    public String siteId;
    public Double capacity;
    public String connectivity;
    public boolean deleted;
    @Column(name = "source_at")
    public OffsetDateTime sourceAt;
}
