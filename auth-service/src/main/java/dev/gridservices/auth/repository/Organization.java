package dev.gridservices.auth.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.UUID;

/** A tenant. Every client, key and workspace belongs to exactly one. */
@Entity
public class Organization extends PanacheEntityBase {
    @Id
    public UUID id;
    public String name;
    public String domain;
    public String logo;
    public String url;
    public String industry;
    /** {@code utility} or {@code oem} (security-kit's {@code OrganizationKind} wire form); fixed at creation. */
    public String kind;
    @Column(name = "preferred_temperature_unit")
    public String preferredTemperatureUnit;
    @Column(name = "created_at")
    public Instant createdAt;
}
