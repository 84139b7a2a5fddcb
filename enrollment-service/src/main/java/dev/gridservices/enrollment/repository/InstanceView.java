package dev.gridservices.enrollment.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** Read model of a program instance (programs.changed {@code programInstance.*}). */
@Entity
@Table(name = "instance_view")
public class InstanceView extends PanacheEntityBase {
    @Id
    @Column(name = "instance_id")
    public String instanceId;
    @Column(name = "program_id")
    public String programId;
    @Column(name = "openadr_program_id")
    public String openadrProgramId;
    @Column(name = "organization_id")
    public String organizationId;
    public String status;
    @Column(name = "accepting_enrollments")
    public boolean acceptingEnrollments;
    /** JSON array of US state codes (the program's). */
    public String states;
    /** JSON text of the instance's eligibility criteria (object or string), or null. */
    @Column(name = "eligibility_criteria")
    public String eligibilityCriteria;
    @Column(name = "end_date")
    public OffsetDateTime endDate;
    public boolean deleted;
    @Column(name = "source_at")
    public OffsetDateTime sourceAt;
}
