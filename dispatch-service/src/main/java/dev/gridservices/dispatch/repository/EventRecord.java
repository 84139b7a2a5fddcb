package dev.gridservices.dispatch.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** An OpenADR event; {@link #body} is the accepted eventRequest JSON. */
@Entity
@Table(name = "dispatch_event")
public class EventRecord extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "program_id")
    public String programId;

    @Column(name = "organization_id")
    public String organizationId;

    public String body;

    @Column(name = "interval_start")
    public OffsetDateTime intervalStart;

    /** null: open-ended (no duration, or the infinite one). */
    @Column(name = "interval_end")
    public OffsetDateTime intervalEnd;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "modified_at")
    public OffsetDateTime modifiedAt;

    /** The core API program event this event is a dispatch of; null for a /v2 event. */
    @Column(name = "program_event_id")
    public String programEventId;
}
