package dev.gridservices.dispatch.service;

import dev.gridservices.dispatch.repository.EnrollmentRecord;
import dev.gridservices.dispatch.repository.KnownVen;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Resolves an event's targets against the enrollment read model: only devices with a dispatchable
 * enrollment (enrolled or active, not ended) in the event's program, of the event's utility, count; an
 * event without targets addresses every such device, otherwise a device counts when a target names its
 * VEN (id, or venName from devices.changed), its device id or its resource name. Resolved at every change, so a revocation that landed after
 * the event was created keeps that device (and a VEN left with no device) out of later deliveries.
 */
@ApplicationScoped
public class Targeting {

    /** One VEN the event reaches, with the targets that reach it (what that VEN may see of the event's targets). */
    public record VenTarget(String venId, String oemOrganizationId, Set<String> names) {
    }

    public Uni<Map<String, VenTarget>> resolve(String programId, String utilityOrganizationId, List<String> targets) {
        return EnrollmentRecord.<EnrollmentRecord>list("(programId = ?1 or openadrProgramId = ?1) and ended = false",
                        programId)
                .chain(rows -> venNames(rows.stream().map(e -> e.venId).filter(Objects::nonNull).toList())
                        .map(names -> select(rows, utilityOrganizationId, targets, names)));
    }

    /** VEN id → venName (devices.changed), for the VENs given. */
    public Uni<Map<String, String>> venNames(Collection<String> venIds) {
        if (venIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return KnownVen.<KnownVen>list("venId in ?1 and deleted = false", Set.copyOf(venIds)).map(vens -> {
            Map<String, String> names = new HashMap<>();
            vens.stream().filter(v -> v.venName != null).forEach(v -> names.put(v.venId, v.venName));
            return names;
        });
    }

    static Map<String, VenTarget> select(Collection<EnrollmentRecord> rows, String utilityOrganizationId,
                                         List<String> targets, Map<String, String> venNames) {
        Map<String, VenTarget> vens = new LinkedHashMap<>();
        for (EnrollmentRecord e : rows) {
            if (!e.dispatchable() || (e.utilityOrganizationId != null
                    && !e.utilityOrganizationId.equals(utilityOrganizationId))) {
                continue;
            }
            Set<String> own = new LinkedHashSet<>();
            for (String name : new String[] {e.venId, venNames.get(e.venId), e.deviceId, e.resourceName}) {
                if (name != null && targets.contains(name)) {
                    own.add(name);
                }
            }
            if (!targets.isEmpty() && own.isEmpty()) {
                continue;
            }
            vens.computeIfAbsent(e.venId, v -> new VenTarget(v, e.oemOrganizationId, new LinkedHashSet<>()))
                    .names().addAll(own);
        }
        return vens;
    }
}
