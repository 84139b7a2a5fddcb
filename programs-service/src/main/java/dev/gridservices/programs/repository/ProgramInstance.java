package dev.gridservices.programs.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import org.hibernate.annotations.ColumnTransformer;

/**
 * One organization's deployment of a program (table {@code program_instance}). JSON-valued fields
 * (eligibility criteria, form config, metadata) are jsonb columns, held here as their JSON text.
 */
@Entity
@Table(name = "program_instance")
public class ProgramInstance extends PanacheEntityBase {

    @Id
    public String id;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "program_id", nullable = false)
    public Program program;

    @Column(name = "organization_id", nullable = false)
    public String organizationId;

    @Column(name = "workspace_id")
    public String workspaceId;

    @Column(nullable = false)
    public String slug;

    @Column(nullable = false)
    public String title;

    public String description;

    @Column(name = "eligibility_criteria")
    @ColumnTransformer(read = "eligibility_criteria::text", write = "?::text::jsonb")
    public String eligibilityCriteria;

    @Column(name = "program_terms")
    public String programTerms;

    @Column(name = "form_config")
    @ColumnTransformer(read = "form_config::text", write = "?::text::jsonb")
    public String formConfig;

    @Column(name = "logo_url")
    public String logoUrl;

    @Column(name = "start_date")
    public OffsetDateTime startDate;

    @Column(name = "end_date")
    public OffsetDateTime endDate;

    @Column(nullable = false)
    public String status;

    @ColumnTransformer(read = "metadata::text", write = "?::text::jsonb")
    public String metadata;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** Optimistic lock: bumped by every update; a write based on an older version is refused. */
    @Version
    public long version;
}
