package dev.gridservices.dispatch.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** What devices.changed site.* told us about a site: a target may name it; a deleted one no longer counts. */
@Entity
@Table(name = "known_site")
public class KnownSite extends PanacheEntityBase {

    @Id
    @Column(name = "site_id")
    public String siteId;

    @Column(name = "ven_id")
    public String venId;

    @Column(name = "organization_id")
    public String organizationId;

    public boolean deleted;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
