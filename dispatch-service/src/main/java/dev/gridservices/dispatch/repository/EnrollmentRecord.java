package dev.gridservices.dispatch.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Set;

/** One enrollment as enrollment.changed last told it (highest sequence). */
@Entity
@Table(name = "dispatch_enrollment")
public class EnrollmentRecord extends PanacheEntityBase {

    /** Enrollment-service: dispatch targets a device while its enrollment is in one of these states. */
    public static final Set<String> DISPATCHABLE = Set.of("enrolled", "active");

    @Id
    @Column(name = "enrollment_id")
    public String enrollmentId;

    public long sequence;

    public String state;

    @Column(name = "program_id")
    public String programId;

    @Column(name = "openadr_program_id")
    public String openadrProgramId;

    @Column(name = "utility_organization_id")
    public String utilityOrganizationId;

    @Column(name = "oem_organization_id")
    public String oemOrganizationId;

    @Column(name = "ven_id")
    public String venId;

    @Column(name = "device_id")
    public String deviceId;

    @Column(name = "resource_name")
    public String resourceName;

    public boolean ended;

    public boolean dispatchable() {
        return !ended && state != null && DISPATCHABLE.contains(state) && venId != null;
    }
}
