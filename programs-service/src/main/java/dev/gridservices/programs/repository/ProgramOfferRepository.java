package dev.gridservices.programs.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Offers of one program; the program is already found (and locked) for the caller by the service. */
@ApplicationScoped
public class ProgramOfferRepository implements PanacheRepositoryBase<ProgramOffer, String> {

    /** Every offer of the program: the all-OEM offer first, then by organization. */
    public Uni<List<ProgramOffer>> ofProgram(String programId) {
        return list("from ProgramOffer o where o.programId = ?1 order by o.organizationId nulls first", programId);
    }

    /** Removes one offer ({@code organizationId} null: the all-OEM offer); how many rows went. */
    public Uni<Long> withdraw(String programId, String organizationId) {
        return organizationId == null
                ? delete("programId = ?1 and organizationId is null", programId)
                : delete("programId = ?1 and organizationId = ?2", programId, organizationId);
    }
}
