package dev.gridservices.auth.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A token signing key (ES256: EC P-256, or RS256: RSA-2048); the private half is AES-GCM encrypted and dropped once the key is REMOVED. */
@Entity
@Table(name = "signing_key")
public class SigningKey extends PanacheEntityBase {

    public enum State { NEXT, ACTIVE, RETIRED, REMOVED }

    @Id
    public String kid;
    @Enumerated(EnumType.STRING)
    public State state;
    /** ES256 or RS256; there is one ACTIVE and one NEXT key per algorithm. */
    public String alg;
    @Column(name = "public_key")
    public byte[] publicKey;
    @Column(name = "private_key_encrypted")
    public byte[] privateKeyEncrypted;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "activated_at")
    public Instant activatedAt;
    @Column(name = "retired_at")
    public Instant retiredAt;
    @Column(name = "publish_until")
    public Instant publishUntil;
}
