package dev.gridservices.dispatch.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gridservices.dispatch.mapping.EventMapper;
import dev.gridservices.dispatch.mapping.Json;
import dev.gridservices.dispatch.messaging.EventFanout;
import dev.gridservices.dispatch.repository.EnrollmentRecord;
import dev.gridservices.dispatch.repository.EventRecord;
import dev.gridservices.dispatch.repository.KnownProgram;
import dev.gridservices.dispatch.service.Targeting.VenTarget;
import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.openadr.IsoDuration;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * OpenADR events: written by the utility that owns the event's program, read by the VENs it reaches.
 * Every change is fanned out ({@link EventFanout}) in its own transaction.
 */
@ApplicationScoped
public class EventService {

    public static final String CREATE = "CREATE";
    public static final String UPDATE = "UPDATE";
    public static final String DELETE = "DELETE";

    /** A search's filters; {@code active} null = any. */
    public record Search(String programId, Boolean active, List<String> targets, int skip, int limit) {
    }

    private final Targeting targeting;
    private final EventFanout fanout;
    private final EventMapper mapper;
    private final Json json;

    public EventService(Targeting targeting, EventFanout fanout, EventMapper mapper, Json json) {
        this.targeting = targeting;
        this.fanout = fanout;
        this.mapper = mapper;
        this.json = json;
    }

    @WithTransaction
    public Uni<ObjectNode> create(Caller caller, JsonNode body) {
        ObjectNode request = EventValidator.validate(body);
        String programId = request.get("programID").asText();
        return ownProgram(caller, programId).chain(() -> {
            EventRecord e = new EventRecord();
            e.id = "evt_" + UUID.randomUUID().toString().replace("-", "");
            e.organizationId = caller.organizationId();
            e.createdAt = Json.now();
            apply(e, request);
            return e.<EventRecord>persist().chain(saved -> fanOut(saved, CREATE)).map(v -> mapper.toOpenAdr(e));
        });
    }

    @WithTransaction
    public Uni<ObjectNode> replace(Caller caller, String id, JsonNode body) {
        ObjectNode request = EventValidator.validate(body);
        return own(caller, id).chain(e -> ownProgram(caller, request.get("programID").asText()).chain(() -> {
            apply(e, request);
            return fanOut(e, UPDATE).map(v -> mapper.toOpenAdr(e));
        }));
    }

    @WithTransaction
    public Uni<ObjectNode> delete(Caller caller, String id) {
        return own(caller, id).chain(e -> fanOut(e, DELETE).chain(e::delete).map(v -> mapper.toOpenAdr(e)));
    }

    /** One event as the caller may see it; 404 when it may not (no hint that it exists). */
    @WithSession
    public Uni<ObjectNode> get(Caller caller, String id) {
        return EventRecord.<EventRecord>findById(id).chain(e -> {
            if (e == null) {
                return Uni.createFrom().failure(ProblemException.notFound("Event", id));
            }
            if (caller.isUtility()) {
                return e.organizationId.equals(caller.organizationId()) ? Uni.createFrom().item(mapper.toOpenAdr(e))
                        : Uni.createFrom().failure(ProblemException.notFound("Event", id));
            }
            return visibleNames(caller, e).map(names -> {
                if (names == null) {
                    throw ProblemException.notFound("Event", id);
                }
                return mapper.toVenView(e, names);
            });
        });
    }

    @WithSession
    public Uni<List<ObjectNode>> search(Caller caller, Search search) {
        if (caller.isUtility()) {
            return candidates("organizationId = ?1", caller.organizationId(), search)
                    .map(rows -> page(rows.stream().filter(e -> matchesTargets(e, search.targets(), null))
                            .map(mapper::toOpenAdr).toList(), search));
        }
        return enrollmentsOf(caller)
                .chain(enrollments -> targeting.facts(enrollments).chain(facts -> {
                    Set<String> programs = new LinkedHashSet<>();
                    enrollments.stream().filter(EnrollmentRecord::dispatchable).forEach(en -> {
                        programs.add(en.programId);
                        if (en.openadrProgramId != null) {
                            programs.add(en.openadrProgramId);
                        }
                    });
                    if (programs.isEmpty()) {
                        return Uni.createFrom().item(List.<ObjectNode>of());
                    }
                    return candidates("programId in ?1", programs, search).map(rows -> {
                        List<ObjectNode> out = new ArrayList<>();
                        for (EventRecord e : rows) {
                            Set<String> names = namesFor(caller, e, enrollments, facts);
                            if (names != null && matchesTargets(e, search.targets(), names)) {
                                out.add(mapper.toVenView(e, names));
                            }
                        }
                        return page(out, search);
                    });
                }));
    }

    private Uni<List<EventRecord>> candidates(String where, Object value, Search search) {
        StringBuilder q = new StringBuilder(where);
        List<Object> params = new ArrayList<>(List.of(value));
        if (search.programId() != null) {
            params.add(search.programId());
            q.append(" and programId = ?").append(params.size());
        }
        if (search.active() != null) {
            params.add(Json.now());
            int n = params.size();
            String active = "(intervalStart <= ?" + n + " and (intervalEnd is null or intervalEnd > ?" + n + "))";
            q.append(search.active() ? " and " + active : " and not " + active);
        }
        q.append(" order by createdAt, id");
        return EventRecord.list(q.toString(), params.toArray());
    }

    private static <T> List<T> page(List<T> all, Search search) {
        return all.stream().skip(search.skip()).limit(search.limit()).toList();
    }

    private boolean matchesTargets(EventRecord e, List<String> wanted, Set<String> visible) {
        if (wanted.isEmpty()) {
            return true;
        }
        List<String> targets = EventMapper.targets(json.read(e.body));
        return wanted.stream().anyMatch(t -> targets.contains(t) && (visible == null || visible.contains(t)));
    }

    /** The targets a non-utility caller may see of {@code e}, or null when the event does not reach it. */
    private Uni<Set<String>> visibleNames(Caller caller, EventRecord e) {
        return enrollmentsOf(caller).chain(en -> targeting.facts(en).map(facts -> namesFor(caller, e, en, facts)));
    }

    private static Uni<List<EnrollmentRecord>> enrollmentsOf(Caller caller) {
        return EnrollmentRecord.list(caller.isVen() ? "venId = ?1" : "oemOrganizationId = ?1",
                caller.isVen() ? caller.venId() : caller.organizationId());
    }

    private Set<String> namesFor(Caller caller, EventRecord e, List<EnrollmentRecord> enrollments,
                                 Targeting.Facts facts) {
        List<EnrollmentRecord> mine = enrollments.stream()
                .filter(en -> caller.organizationId().equals(en.oemOrganizationId))
                .filter(en -> e.programId.equals(en.programId) || e.programId.equals(en.openadrProgramId))
                .toList();
        Map<String, VenTarget> reached = Targeting.select(mine, e.organizationId,
                EventMapper.targets(json.read(e.body)), facts);
        if (reached.isEmpty()) {
            return null;
        }
        Set<String> names = new LinkedHashSet<>();
        reached.values().forEach(v -> names.addAll(v.names()));
        return names;
    }

    /**
     * Inside the caller's transaction: one dispatch of a core API program event, as an OpenADR event of
     * {@code organizationId}'s program (checked by the caller), fanned out like a /v2 event. Returns the
     * devices it reached.
     */
    public Uni<Set<String>> createDispatch(String organizationId, String id, String programEventId,
                                           ObjectNode request) {
        ObjectNode valid = EventValidator.validate(request);
        EventRecord e = new EventRecord();
        e.id = id;
        e.organizationId = organizationId;
        e.programEventId = programEventId;
        e.createdAt = Json.now();
        apply(e, valid);
        return e.persist().chain(() -> fanOut(e, CREATE)).map(vens -> {
            Set<String> devices = new LinkedHashSet<>();
            vens.values().forEach(v -> devices.addAll(v.devices()));
            return devices;
        });
    }

    /** Inside the caller's transaction: a program event's dispatch is withdrawn (VENs are notified DELETE). */
    public Uni<Void> deleteDispatch(String id) {
        return EventRecord.<EventRecord>findById(id).chain(e -> e == null ? Uni.createFrom().voidItem()
                : fanOut(e, DELETE).chain(e::delete));
    }

    private Uni<Map<String, VenTarget>> fanOut(EventRecord e, String operation) {
        return targeting.resolve(e.programId, e.organizationId, EventMapper.targets(json.read(e.body)))
                .call(vens -> operation.equals(DELETE) ? Uni.createFrom().voidItem() : recordTargets(e.id, vens))
                .call(vens -> fanout.changed(e, operation, vens));
    }

    private static final String RECORD_TARGETS = "INSERT INTO event_target (event_id, device_id, ven_id) "
            + "SELECT :event, t->>'device', t->>'ven' FROM jsonb_array_elements(CAST(CAST(:targets AS text) AS jsonb)) t "
            + "ON CONFLICT DO NOTHING";

    /** Every device the event reaches now; one statement whatever the fleet's size. */
    private Uni<Void> recordTargets(String eventId, Map<String, VenTarget> vens) {
        List<Map<String, String>> rows = new ArrayList<>();
        vens.values().forEach(v -> v.devices().forEach(d -> rows.add(Map.of("device", d, "ven", v.venId()))));
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(s -> s.createNativeQuery(RECORD_TARGETS)
                .setParameter("event", eventId).setParameter("targets", json.write(rows)).executeUpdate())
                .replaceWithVoid();
    }

    private Uni<EventRecord> own(Caller caller, String id) {
        return EventRecord.<EventRecord>findById(id).map(e -> {
            if (e == null || !e.organizationId.equals(caller.organizationId())) {
                throw ProblemException.notFound("Event", id);
            }
            return e;
        });
    }

    /** An event belongs to a program of the caller's utility, as programs.changed told us. */
    private static Uni<Void> ownProgram(Caller caller, String programId) {
        return KnownProgram.<KnownProgram>findById(programId).map(p -> {
            if (p == null || p.deleted || !caller.organizationId().equals(p.organizationId)) {
                throw ProblemException.invalid("programID", "is not a program of your organization");
            }
            return null;
        });
    }

    private void apply(EventRecord e, ObjectNode request) {
        e.programId = request.get("programID").asText();
        e.body = json.write(request);
        e.modifiedAt = Json.now();
        window(e, request);
    }

    /** When the event is active: from intervalPeriod.start for (interval count × duration); open-ended without a duration. */
    private static void window(EventRecord e, ObjectNode request) {
        JsonNode period = request.get("intervalPeriod");
        JsonNode intervals = request.get("intervals");
        OffsetDateTime start = null;
        String duration = null;
        if (period != null && period.hasNonNull("start")) {
            start = OffsetDateTime.parse(period.get("start").asText());
            duration = period.path("duration").asText(null);
        } else if (intervals.get(0).has("intervalPeriod")) {
            JsonNode first = intervals.get(0).get("intervalPeriod");
            start = OffsetDateTime.parse(first.get("start").asText());
            duration = first.path("duration").asText(null);
        }
        e.intervalStart = start;
        e.intervalEnd = null;
        if (start != null && duration != null && !IsoDuration.isInfinite(duration)) {
            OffsetDateTime end = start;
            IsoDuration d = IsoDuration.parse(duration);
            for (int i = 0; i < intervals.size(); i++) {
                end = d.addTo(end);
            }
            e.intervalEnd = end;
        }
    }
}
