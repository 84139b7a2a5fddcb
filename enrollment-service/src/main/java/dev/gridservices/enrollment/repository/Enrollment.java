package dev.gridservices.enrollment.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * One enrollment (table {@code enrollment}): a customer (kind core, core API) or a device (kind direct, Direct
 * API) in one program instance. List- and object-valued fields are stored as JSON text. Never deleted.
 */
@Entity
@Table(name = "enrollment")
public class Enrollment extends PanacheEntityBase {
    public static final String CORE = "core";
    public static final String DIRECT = "direct";

    @Id
    public String id;
    public String kind;
    @Column(name = "instance_id")
    public String instanceId;
    @Column(name = "program_id")
    public String programId;
    @Column(name = "openadr_program_id")
    public String openadrProgramId;
    @Column(name = "utility_organization_id")
    public String utilityOrganizationId;
    @Column(name = "oem_organization_id")
    public String oemOrganizationId;
    @Column(name = "workspace_id")
    public String workspaceId;
    @Column(name = "ven_id")
    public String venId;
    @Column(name = "device_id")
    public String deviceId;
    @Column(name = "resource_name")
    public String resourceName;
    @Column(name = "device_type")
    public String deviceType;
    @Column(name = "site_id")
    public String siteId;
    @Column(name = "identification_type")
    public String identificationType;
    @Column(name = "customer_id")
    public String customerId;
    @Column(name = "lead_id")
    public String leadId;
    @Column(name = "first_name")
    public String firstName;
    @Column(name = "last_name")
    public String lastName;
    public String email;
    public String phone;
    @Column(name = "serial_number")
    public String serialNumber;
    @Column(name = "reference_id")
    public String referenceId;
    @Column(name = "reference_description")
    public String referenceDescription;
    @Column(name = "manufacturer_slugs")
    public String manufacturerSlugs = "[]";
    public String tags = "[]";
    public String meta = "{}";
    public String address;
    @Column(name = "enrollment_start_date")
    public OffsetDateTime enrollmentStartDate;
    @Column(name = "eligibility_status")
    public String eligibilityStatus;
    @Column(name = "eligibility_reason")
    public String eligibilityReason;
    /** The device lifecycle state (direct-api-v2 §10.4); null for a core enrollment. */
    public String state;
    @Column(name = "state_reason")
    public String stateReason;
    /** Occurrence time of the newest change event applied: an older one never overrides it. */
    @Column(name = "last_change_at")
    public OffsetDateTime lastChangeAt;
    @Column(name = "ended_at")
    public OffsetDateTime endedAt;
    /** Grows by one with every change: consumers of enrollment.changed keep the highest. */
    public long sequence = 1;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public boolean isDirect() {
        return DIRECT.equals(kind);
    }
}
