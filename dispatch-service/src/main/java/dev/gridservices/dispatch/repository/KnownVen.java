package dev.gridservices.dispatch.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** What devices.changed told us about a VEN: its name (a target may name it). */
@Entity
@Table(name = "known_ven")
public class KnownVen extends PanacheEntityBase {

    @Id
    @Column(name = "ven_id")
    public String venId;

    @Column(name = "ven_name")
    public String venName;

    @Column(name = "organization_id")
    public String organizationId;

    public boolean deleted;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
