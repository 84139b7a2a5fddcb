package dev.gridservices.device.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A VEN: one OEM/TPDO integration account (table {@code ven}). Attributes are OpenADR valuesMaps as JSON text. */
@Entity
@Table(name = "ven")
public class Ven extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "organization_id", nullable = false)
    public String organizationId;

    @Column(name = "workspace_id")
    public String workspaceId;

    @Column(name = "ven_name", nullable = false)
    public String venName;

    @Column(name = "client_id")
    public String clientId;

    @Column(nullable = false)
    public String attributes;

    @Column(nullable = false)
    public String[] targets;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
