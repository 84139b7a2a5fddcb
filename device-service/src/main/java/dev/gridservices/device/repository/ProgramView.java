package dev.gridservices.device.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** What device-service keeps of a program from programs.changed (table {@code program_view}): eligibility facts, and
 * the owner, offers and OpenADR id a capacity request is checked against. */
@Entity
@Table(name = "program_view")
public class ProgramView extends PanacheEntityBase {

    @Id
    @Column(name = "program_id")
    public String programId;

    @Column(name = "organization_id", nullable = false)
    public String organizationId;

    @Column(name = "openadr_program_id")
    public String openadrProgramId;

    @Column(nullable = false)
    public String visibility;

    public boolean active;

    @Column(nullable = false)
    public String[] states;

    @Column(name = "end_time")
    public OffsetDateTime endTime;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** The OEM organizations the program is offered to by name (programOffers.changed). */
    @Column(name = "offered_to", nullable = false)
    public String[] offeredTo = new String[0];

    @Column(name = "offered_to_all_oems", nullable = false)
    public boolean offeredToAllOems;

    /** When the kept offer set was current; null until the first programOffers.changed. */
    @Column(name = "offers_updated_at")
    public OffsetDateTime offersUpdatedAt;
}
