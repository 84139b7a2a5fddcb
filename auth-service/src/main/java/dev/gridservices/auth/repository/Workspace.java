package dev.gridservices.auth.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.UUID;

/** A subdivision of an organization that clients and keys may be confined to. */
@Entity
public class Workspace extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "organization_id")
    public UUID organizationId;
    public String name;
    @Column(name = "created_at")
    public Instant createdAt;
}
