package dev.gridservices.dispatch.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gridservices.dispatch.mapping.Json;
import dev.gridservices.dispatch.repository.EnrollmentRecord;
import dev.gridservices.dispatch.repository.KnownDevice;
import dev.gridservices.dispatch.repository.KnownSite;
import dev.gridservices.dispatch.repository.KnownVen;
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

    public Uni<Map<String, VenTarget>> resolve(String programId, String utilityOrganizationId, List<String> targets) {
        return EnrollmentRecord.<EnrollmentRecord>list("(programId = ?1 or openadrProgramId = ?1) and ended = false",
                        programId)
                .chain(rows -> facts(rows).map(facts -> select(rows, utilityOrganizationId, targets, facts)));
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
        Uni<List<KnownVen>> vens = venIds.isEmpty() ? Uni.createFrom().item(List.of())
                : KnownVen.list("venId in ?1", venIds);
        Uni<List<KnownDevice>> devices = deviceIds.isEmpty() ? Uni.createFrom().item(List.of())
                : KnownDevice.list("deviceId in ?1", deviceIds);
        // One session: the queries run one after the other.
        return vens.chain(v -> devices.chain(d -> {
            Set<String> siteIds = new HashSet<>();
            d.stream().map(x -> x.siteId).filter(Objects::nonNull).forEach(siteIds::add);
            Uni<List<KnownSite>> sites = siteIds.isEmpty() ? Uni.createFrom().item(List.of())
                    : KnownSite.list("siteId in ?1 and deleted = true", siteIds);
            return sites.map(s -> facts(v, d, s));
        }));
    }

    private Facts facts(List<KnownVen> vens, List<KnownDevice> devices, List<KnownSite> deletedSites) {
        Map<String, String> names = new HashMap<>();
        Set<String> deletedVens = new HashSet<>();
        for (KnownVen v : vens) {
            if (v.deleted) {
                deletedVens.add(v.venId);
            } else if (v.venName != null) {
                names.put(v.venId, v.venName);
            }
        }
        Map<String, Device> byId = new HashMap<>();
        for (KnownDevice d : devices) {
            Set<String> own = new LinkedHashSet<>();
            if (d.resourceName != null) {
                own.add(d.resourceName);
            }
            own.addAll(strings(d.tags));
            own.addAll(strings(d.targets));
            byId.put(d.deviceId, new Device(d.deviceId, d.siteId, d.deleted, own));
        }
        Set<String> sites = new HashSet<>();
        deletedSites.forEach(s -> sites.add(s.siteId));
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
