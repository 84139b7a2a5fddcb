package dev.gridservices.dispatch.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** What programs.changed programInstance.* told us: an instance's program and owner (core API program events). */
@Entity
@Table(name = "known_instance")
public class KnownInstance extends PanacheEntityBase {

    @Id
    @Column(name = "instance_id")
    public String instanceId;

    @Column(name = "program_id")
    public String programId;

    @Column(name = "organization_id")
    public String organizationId;

    /** null: the instance belongs to no workspace of its organization. */
    @Column(name = "workspace_id")
    public String workspaceId;

    public boolean deleted;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
