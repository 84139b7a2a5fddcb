package dev.gridservices.auth.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A {@code Texture-Api-Key}; only its SHA-256 and a short display prefix are kept. */
@Entity
@Table(name = "api_key")
public class ApiKey extends PanacheEntityBase {

    public enum Type { SERVER, SCOPED, MANUFACTURER }

    @Id
    public UUID id;
    @Column(name = "organization_id")
    public UUID organizationId;
    @Column(name = "workspace_id")
    public UUID workspaceId;
    @Enumerated(EnumType.STRING)
    public Type type;
    @Column(name = "reference_id")
    public String referenceId;
    public String name;
    @Column(name = "key_prefix")
    public String keyPrefix;
    @Column(name = "key_hash")
    public String keyHash;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "revoked_at")
    public Instant revokedAt;
}
