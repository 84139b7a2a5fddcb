package dev.gridservices.dispatch.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** What programs.changed told us about a program: its owning utility organization. */
@Entity
@Table(name = "known_program")
public class KnownProgram extends PanacheEntityBase {

    @Id
    @Column(name = "program_id")
    public String programId;

    @Column(name = "organization_id")
    public String organizationId;

    public boolean deleted;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
