package dev.gridservices.programs.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * A utility's program offered to an OEM organization (table {@code program_offer}): that organization's
 * callers and VENs may then see the program. {@code organizationId} null offers it to every OEM organization.
 */
@Entity
@Table(name = "program_offer")
public class ProgramOffer extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "program_id", nullable = false)
    public String programId;

    @Column(name = "organization_id")
    public String organizationId;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    public boolean toAllOems() {
        return organizationId == null;
    }
}
