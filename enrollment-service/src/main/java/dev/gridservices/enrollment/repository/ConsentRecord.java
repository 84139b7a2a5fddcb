package dev.gridservices.enrollment.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** Consent as submitted (never deleted; only a first revocation may be set, enforced by a trigger). */
@Entity
@Table(name = "consent_record")
public class ConsentRecord extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "enrollment_id")
    public String enrollmentId;
    @Column(name = "organization_id")
    public String organizationId;
    @Column(name = "device_id")
    public String deviceId;
    @Column(name = "opt_in")
    public boolean optIn;
    @Column(name = "consented_at")
    public OffsetDateTime consentedAt;
    public String source;
    @Column(name = "terms_version")
    public String termsVersion;
    /** JSON array of program types. */
    public String scope;
    @Column(name = "recorded_at")
    public OffsetDateTime recordedAt;
    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;
    @Column(name = "revocation_source")
    public String revocationSource;
}
