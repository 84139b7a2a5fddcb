package dev.gridservices.dispatch.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * A core API program event: the request's frame (instance, type, window) and its dispatches. Each
 * dispatch is one OpenADR event in dispatch_event (its id = the dispatch id, program_event_id = this id),
 * fanned out like any /v2 event.
 */
@Entity
@Table(name = "program_event")
public class ProgramEventRecord extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "organization_id")
    public String organizationId;

    @Column(name = "program_instance_id")
    public String programInstanceId;

    @Column(name = "program_id")
    public String programId;

    public String type;

    @Column(name = "starts_at")
    public OffsetDateTime startsAt;

    @Column(name = "ends_at")
    public OffsetDateTime endsAt;

    /** JSON array: per dispatch {id, tag, startsAt, endsAt, type, input, issuedAt, devices}. */
    public String dispatches;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "cancelled_at")
    public OffsetDateTime cancelledAt;
}
