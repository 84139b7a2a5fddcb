package dev.gridservices.device.repository;

import dev.gridservices.openadr.enrollment.EnrollmentChange;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * What device-service keeps of an enrollment from enrollment.changed (table {@code enrollment_view}): enough
 * to say which utility may see a device and which program's capacity it counts in. A device is
 * <em>live</em> in an enrollment while its state is enrolled or active and the enrollment has not ended —
 * the same rule dispatch targets by ({@link EnrollmentChange#live}).
 */
@Entity
@Table(name = "enrollment_view")
public class EnrollmentView extends PanacheEntityBase {

    @Id
    @Column(name = "enrollment_id")
    public String enrollmentId;

    @Column(nullable = false)
    public long sequence;

    @Column(name = "device_id")
    public String deviceId;

    @Column(name = "program_id")
    public String programId;

    @Column(name = "openadr_program_id")
    public String openadrProgramId;

    @Column(name = "program_instance_id")
    public String programInstanceId;

    @Column(name = "utility_organization_id", nullable = false)
    public String utilityOrganizationId;

    @Column(name = "oem_organization_id")
    public String oemOrganizationId;

    @Column(name = "ven_id")
    public String venId;

    public String state;

    @Column(nullable = false)
    public boolean ended;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    public boolean live() {
        return EnrollmentChange.live(state, ended);
    }
}
