package dev.gridservices.enrollment.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A prospective customer of a utility organization (core API /v1/leads). */
@Entity
@Table(name = "lead")
public class Lead extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "organization_id")
    public String organizationId;
    @Column(name = "workspace_id")
    public String workspaceId;
    public String email;
    @Column(name = "first_name")
    public String firstName;
    @Column(name = "last_name")
    public String lastName;
    public String phone;
    public String address1;
    public String address2;
    public String city;
    public String state;
    @Column(name = "postal_code")
    public String postalCode;
    public String country;
    public String metadata = "{}";
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
