package dev.gridservices.enrollment.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** Read model of a program (programs.changed {@code program.*}): its type, visibility and owner. */
@Entity
@Table(name = "program_view")
public class ProgramView extends PanacheEntityBase {
    @Id
    @Column(name = "program_id")
    public String programId;
    @Column(name = "openadr_program_id")
    public String openadrProgramId;
    @Column(name = "organization_id")
    public String organizationId;
    public String visibility;
    @Column(name = "program_type")
    public String programType;
    public boolean active;
    public boolean deleted;
    @Column(name = "source_at")
    public OffsetDateTime sourceAt;
}
