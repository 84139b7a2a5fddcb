package dev.gridservices.dispatch.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gridservices.dispatch.mapping.Json;
import dev.gridservices.dispatch.repository.EnrollmentRecord;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Resolves an event's targets against the enrollment read model and the devices.changed read models:
 * only devices with a dispatchable enrollment (enrolled or active, not ended) in the event's program, of
 * the event's utility, count, and of those not a device, VEN or site devices.changed reported deleted.
 * An event without targets addresses every such device; otherwise a device counts when a target names
 * its VEN (id or venName), its device id, its resource name (as enrollment.changed and devices.changed
 * tell it), one of its tags or targets, or its site id. Resolved at every change, so a revocation or
 * deletion that landed after the event was created keeps that device (and a VEN left with no device)
 * out of later deliveries.
 */
@ApplicationScoped
public class Targeting {

    /**
     * One VEN the event reaches, with the targets that reach it (what that VEN may see of the event's
     * targets) and its devices the event reaches.
     */
    public record VenTarget(String venId, String oemOrganizationId, Set<String> names, Set<String> devices) {
    }

    /** What devices.changed told about the VENs, devices and sites of some enrollments. */
    public record Facts(Map<String, String> venNames, Set<String> deletedVens, Map<String, Device> devices,
                        Set<String> deletedSites) {

        public static final Facts NONE = new Facts(Map.of(), Set.of(), Map.of(), Set.of());
    }

    /** A device as targeting needs it; {@code names} = resource name, tags and targets. */
    public record Device(String deviceId, String siteId, boolean deleted, Set<String> names) {
    }

    private final Json json;

    public Targeting(Json json) {
        this.json = json;
    }

    // Read as plain rows, not entities: the event's transaction then records an outbox row and a delivery per
    // VEN, and every native insert flushes the session, dirty-checking every managed entity (thousands of
    // read-model rows would make a fan-out quadratic).
    private static final String ENROLLMENTS = "SELECT enrollment_id, state, program_id, openadr_program_id, "
            + "utility_organization_id, oem_organization_id, ven_id, device_id, resource_name FROM dispatch_enrollment "
            + "WHERE (program_id = :program OR openadr_program_id = :program) AND ended = false";
    private static final String VENS = "SELECT ven_id, ven_name, deleted FROM known_ven WHERE ven_id IN (:ids)";
    private static final String DEVICES = "SELECT device_id, resource_name, site_id, tags, targets, deleted "
            + "FROM known_device WHERE device_id IN (:ids)";
    private static final String DELETED_SITES = "SELECT site_id, deleted FROM known_site WHERE site_id IN (:ids) "
            + "AND deleted";

    public Uni<Map<String, VenTarget>> resolve(String programId, String utilityOrganizationId, List<String> targets) {
        // flushed first, explicitly: a change of this transaction (the revocation being applied) must be seen
        return Panache.getSession().chain(s -> s.flush().chain(() -> s.createNativeQuery(ENROLLMENTS, Object[].class)
                        .setParameter("program", programId).getResultList()))
                .map(Targeting::enrollments)
                .chain(rows -> facts(rows).map(facts -> select(rows, utilityOrganizationId, targets, facts)));
    }

    private static List<EnrollmentRecord> enrollments(List<Object[]> rows) {
        List<EnrollmentRecord> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            EnrollmentRecord e = new EnrollmentRecord();
            e.enrollmentId = (String) r[0];
            e.state = (String) r[1];
            e.programId = (String) r[2];
            e.openadrProgramId = (String) r[3];
            e.utilityOrganizationId = (String) r[4];
            e.oemOrganizationId = (String) r[5];
            e.venId = (String) r[6];
            e.deviceId = (String) r[7];
            e.resourceName = (String) r[8];
            out.add(e);
        }
        return out;
    }

    /** The devices.changed facts about the VENs and devices of {@code enrollments}. */
    public Uni<Facts> facts(Collection<EnrollmentRecord> enrollments) {
        Set<String> venIds = new HashSet<>();
        Set<String> deviceIds = new HashSet<>();
        for (EnrollmentRecord e : enrollments) {
            if (e.venId != null) {
                venIds.add(e.venId);
            }
            if (e.deviceId != null) {
                deviceIds.add(e.deviceId);
            }
        }
        if (venIds.isEmpty() && deviceIds.isEmpty()) {
            return Uni.createFrom().item(Facts.NONE);
        }
        return rows(VENS, venIds).chain(vens -> rows(DEVICES, deviceIds).chain(devices -> {
            Set<String> siteIds = new HashSet<>();
            devices.stream().map(d -> (String) d[2]).filter(Objects::nonNull).forEach(siteIds::add);
            return rows(DELETED_SITES, siteIds).map(sites -> facts(vens, devices, sites));
        }));
    }

    private static Uni<List<Object[]>> rows(String sql, Set<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.getSession().chain(s -> s.createNativeQuery(sql, Object[].class)
                .setParameter("ids", List.copyOf(ids)).getResultList());
    }

    private Facts facts(List<Object[]> vens, List<Object[]> devices, List<Object[]> deletedSites) {
        Map<String, String> names = new HashMap<>();
        Set<String> deletedVens = new HashSet<>();
        for (Object[] v : vens) {
            if (Boolean.TRUE.equals(v[2])) {
                deletedVens.add((String) v[0]);
            } else if (v[1] != null) {
                names.put((String) v[0], (String) v[1]);
            }
        }
        Map<String, Device> byId = new HashMap<>();
        for (Object[] d : devices) {
            Set<String> own = new LinkedHashSet<>();
            if (d[1] != null) {
                own.add((String) d[1]);
            }
            own.addAll(strings((String) d[3]));
            own.addAll(strings((String) d[4]));
            byId.put((String) d[0], new Device((String) d[0], (String) d[2], Boolean.TRUE.equals(d[5]), own));
        }
        Set<String> sites = new HashSet<>();
        deletedSites.forEach(row -> sites.add((String) row[0]));
        return new Facts(names, deletedVens, byId, sites);
    }

    private List<String> strings(String array) {
        List<String> out = new ArrayList<>();
        if (array == null) {
            return out;
        }
        for (JsonNode n : json.read(array)) {
            if (n.isTextual() && !n.asText().isEmpty()) {
                out.add(n.asText());
            }
        }
        return out;
    }

    static Map<String, VenTarget> select(Collection<EnrollmentRecord> rows, String utilityOrganizationId,
                                         List<String> targets, Facts facts) {
        Map<String, VenTarget> vens = new LinkedHashMap<>();
        for (EnrollmentRecord e : rows) {
            if (!e.dispatchable() || (e.utilityOrganizationId != null
                    && !e.utilityOrganizationId.equals(utilityOrganizationId))
                    || facts.deletedVens().contains(e.venId)) {
                continue;
            }
            Device device = e.deviceId == null ? null : facts.devices().get(e.deviceId);
            if (device != null && (device.deleted()
                    || (device.siteId() != null && facts.deletedSites().contains(device.siteId())))) {
                continue;
            }
            Set<String> candidates = new LinkedHashSet<>();
            candidates.add(e.venId);
            candidates.add(facts.venNames().get(e.venId));
            candidates.add(e.deviceId);
            candidates.add(e.resourceName);
            if (device != null) {
                candidates.addAll(device.names());
                candidates.add(device.siteId());
            }
            Set<String> own = new LinkedHashSet<>();
            for (String name : candidates) {
                if (name != null && targets.contains(name)) {
                    own.add(name);
                }
            }
            if (!targets.isEmpty() && own.isEmpty()) {
                continue;
            }
            VenTarget ven = vens.computeIfAbsent(e.venId, v -> new VenTarget(v, e.oemOrganizationId,
                    new LinkedHashSet<>(), new LinkedHashSet<>()));
            ven.names().addAll(own);
            if (e.deviceId != null) {
                ven.devices().add(e.deviceId);
            }
        }
        return vens;
    }
}
