package dev.gridservices.programs.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import org.hibernate.annotations.ColumnTransformer;

/**
 * A program of the catalog (table {@code program}, see V1__programs.sql). One row serves both the core
 * API (/v1) and the OpenADR 3.1 program object (/v2); the OpenADR-only parts (description URLs,
 * payload descriptors, other attributes) are jsonb columns, held here as their JSON text.
 */
@Entity
@Table(name = "program")
public class Program extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false)
    public String slug;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String description;

    @Column(nullable = false)
    public String[] states;

    public boolean active;

    @Column(nullable = false)
    public String visibility;

    @Column(name = "program_type")
    public String programType;

    public Integer year;

    @Column(name = "start_time")
    public OffsetDateTime startTime;

    @Column(name = "end_time")
    public OffsetDateTime endTime;

    @Column(name = "interval_duration")
    public String intervalDuration;

    @Column(name = "randomize_start")
    public String randomizeStart;

    @Column(name = "organization_id", nullable = false)
    public String organizationId;

    @Column(name = "workspace_id")
    public String workspaceId;

    @Column(name = "description_urls", nullable = false)
    @ColumnTransformer(read = "description_urls::text", write = "?::text::jsonb")
    public String descriptionUrls;

    @Column(name = "payload_descriptors")
    @ColumnTransformer(read = "payload_descriptors::text", write = "?::text::jsonb")
    public String payloadDescriptors;

    @Column(name = "extra_attributes", nullable = false)
    @ColumnTransformer(read = "extra_attributes::text", write = "?::text::jsonb")
    public String extraAttributes;

    @Column(nullable = false)
    public String[] targets;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** Optimistic lock: bumped by every update; a write based on an older version is refused. */
    @Version
    public long version;

    public boolean isPublic() {
        return Visibility.PUBLIC.value().equals(visibility);
    }

}
