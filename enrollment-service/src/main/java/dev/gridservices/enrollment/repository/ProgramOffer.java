package dev.gridservices.enrollment.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import jakarta.persistence.IdClass;
import java.io.Serializable;
import java.util.Objects;

/**
 * Read model of a program's offer set (programs.changed {@code programOffers.changed}, the whole current set each
 * time): one row per program, keyed by the program and its owning organization.
 */
@Entity
@Table(name = "program_offer")
@IdClass(ProgramOffer.Key.class)
public class ProgramOffer extends PanacheEntityBase {
    @Id
    @Column(name = "program_id")
    public String programId;
    @Id
    @Column(name = "organization_id")
    public String organizationId;
    /** JSON array of OEM organization ids. */
    @Column(name = "offered_to")
    public String offeredTo;
    @Column(name = "all_oems")
    public boolean allOems;
    @Column(name = "source_at")
    public OffsetDateTime sourceAt;

    public static class Key implements Serializable {
        public String programId;
        public String organizationId;

        public Key() {
        }

        public Key(String programId, String organizationId) {
            this.programId = programId;
            this.organizationId = organizationId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(programId, k.programId)
                    && Objects.equals(organizationId, k.organizationId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(programId, organizationId);
        }
    }
}
