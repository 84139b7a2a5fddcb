package dev.gridservices.auth.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** An OAuth 2.0 confidential client of the client-credentials grant. */
@Entity
@Table(name = "oauth_client")
public class OAuthClient extends PanacheEntityBase {

    public enum Status { ACTIVE, SUSPENDED, REVOKED }

    @Id
    @Column(name = "client_id")
    public String clientId;
    @Column(name = "organization_id")
    public UUID organizationId;
    @Column(name = "workspace_id")
    public UUID workspaceId;
    public String name;
    @Column(name = "ven_id")
    public String venId;
    /** Allowed scopes, space-separated as in the token's scope claim. */
    public String scopes;
    /** ES256 (default) or RS256: the algorithm this client's tokens are signed with. */
    @Column(name = "token_signing_alg")
    public String tokenSigningAlg;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "revoked_at")
    public Instant revokedAt;

    @OneToMany(mappedBy = "client", cascade = CascadeType.PERSIST)
    @OrderBy("createdAt")
    public List<ClientSecret> secrets = new ArrayList<>();
}
