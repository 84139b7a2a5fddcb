package dev.gridservices.dispatch.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * An OpenADR subscription. {@link #objectOperations} is JSON with each bearerToken replaced by its
 * AES-GCM ciphertext ({@code bearerTokenEncrypted}); {@link #signingSecret} is encrypted the same way.
 */
@Entity
@Table(name = "subscription")
public class SubscriptionRecord extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "organization_id")
    public String organizationId;

    @Column(name = "ven_id")
    public String venId;

    @Column(name = "client_id")
    public String clientId;

    @Column(name = "client_name")
    public String clientName;

    @Column(name = "program_id")
    public String programId;

    @Column(name = "object_operations")
    public String objectOperations;

    public String targets;

    @Column(name = "contact_email")
    public String contactEmail;

    @Column(name = "signing_secret")
    public String signingSecret;

    public boolean healthy;

    @Column(name = "consecutive_failures")
    public int consecutiveFailures;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "modified_at")
    public OffsetDateTime modifiedAt;
}
