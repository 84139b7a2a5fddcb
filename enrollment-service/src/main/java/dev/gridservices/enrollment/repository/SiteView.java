package dev.gridservices.enrollment.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** Read model of an OEM's site and its territory match (devices.changed {@code site.*}). */
@Entity
@Table(name = "site_view")
public class SiteView extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "organization_id")
    public String organizationId;
    public String state;
    public String zip;
    @Column(name = "territory_outcome")
    public String territoryOutcome;
    @Column(name = "utility_id")
    public String utilityId;
    @Column(name = "utility_name")
    public String utilityName;
    public boolean deleted;
    @Column(name = "source_at")
    public OffsetDateTime sourceAt;
}
