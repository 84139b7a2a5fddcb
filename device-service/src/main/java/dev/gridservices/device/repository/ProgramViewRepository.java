package dev.gridservices.device.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

@ApplicationScoped
public class ProgramViewRepository implements PanacheRepositoryBase<ProgramView, String> {

    /**
     * Whether an active program the organization may see (public, or its own) covers {@code state} and has
     * not ended at {@code now}.
     */
    public Uni<Boolean> anyActiveCovering(String state, String organizationId, OffsetDateTime now) {
        Map<String, Object> params = new HashMap<>();
        params.put("now", now);
        params.put("org", organizationId);
        params.put("state", state);
        return count("from ProgramView p where p.active = true and (p.endTime is null or p.endTime > :now)"
                        + " and (p.visibility = 'public' or p.organizationId = :org) and array_contains(p.states, :state)",
                params)
                .map(n -> n > 0);
    }

    /**
     * The program with this core id (or OpenADR id, if {@code openadrId}) if the organization may know it exists:
     * a public one (the catalog), its own, or, for an OEM organization, one offered to it (by name or to every
     * OEM); null otherwise, so another organization's private program stays unknown to it.
     */
    public Uni<ProgramView> visible(String programId, boolean openadrId, String organizationId, boolean oem) {
        Map<String, Object> params = new HashMap<>();
        params.put("program", programId);
        params.put("org", organizationId);
        params.put("oem", oem);
        return find((openadrId ? "openadrProgramId" : "programId") + " = :program and (visibility = 'public'"
                + " or organizationId = :org or (:oem = true and (offeredToAllOems = true"
                + " or array_contains(offeredTo, :org))))", params).firstResult();
    }
}
