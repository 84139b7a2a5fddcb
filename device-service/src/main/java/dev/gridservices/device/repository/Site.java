package dev.gridservices.device.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * A site: one installation address (table {@code site}), the same row behind /v2/x-texture/sites and
 * /v1/sites, with the territory-matching outcome computed when its address was set.
 */
@Entity
@Table(name = "site")
public class Site extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "organization_id", nullable = false)
    public String organizationId;

    @Column(name = "workspace_id")
    public String workspaceId;

    @Column(name = "ven_id")
    public String venId;

    @Column(name = "customer_id")
    public String customerId;

    public String name;

    @Column(name = "reference_id")
    public String referenceId;

    @Column(name = "street_one", nullable = false)
    public String streetOne;

    @Column(name = "street_two")
    public String streetTwo;

    @Column(nullable = false)
    public String city;

    @Column(nullable = false)
    public String state;

    @Column(name = "postal_code", nullable = false)
    public String postalCode;

    @Column(nullable = false)
    public String country;

    @Column(name = "utility_account_number")
    public String utilityAccountNumber;

    public Double latitude;

    public Double longitude;

    /** {@code zip_centroid} or {@code caller}: where the point came from. */
    @Column(name = "location_source")
    public String locationSource;

    public String timezone;

    @Column(name = "territory_outcome", nullable = false)
    public String territoryOutcome;

    @Column(name = "utility_id")
    public String utilityId;

    @Column(name = "utility_eia_id")
    public String utilityEiaId;

    @Column(name = "utility_name")
    public String utilityName;

    @Column(name = "utility_slug")
    public String utilitySlug;

    /** JSON array of the distribution utilities found (several when the outcome is ambiguous). */
    @Column(name = "candidate_utilities", nullable = false)
    public String candidateUtilities;

    @Column(name = "cca_name")
    public String ccaName;

    public String iso;

    @Column(name = "program_eligible", nullable = false)
    public boolean programEligible;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
