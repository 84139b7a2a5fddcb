package dev.gridservices.dispatch.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gridservices.dispatch.mapping.Json;
import dev.gridservices.dispatch.mapping.ProgramEventMapper;
import dev.gridservices.dispatch.repository.KnownInstance;
import dev.gridservices.dispatch.repository.KnownProgram;
import dev.gridservices.dispatch.repository.ProgramEventRecord;
import dev.gridservices.dispatch.service.ProgramEventValidator.Dispatch;
import dev.gridservices.kit.paging.Page;
import dev.gridservices.kit.paging.PageRequest;
import dev.gridservices.kit.problem.ProblemException;
import io.github.thibaultmeyer.cuid.CUID;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Core API program events (/v1/program-events): a utility's SERVER key dispatches commands to the
 * devices of one of its program instances. Each dispatch becomes one OpenADR event in the /v2 event
 * table (its id is the dispatch id), so VENs hear of it exactly as of a /v2 event; cancelling withdraws
 * every dispatch (VENs are notified DELETE) and keeps the program event, marked cancelled. Another
 * organization's instance or event: 404.
 */
@ApplicationScoped
public class ProgramEventService {

    private static final String COUNTS = "SELECT event_id, status, count(*) FROM command_status "
            + "WHERE event_id IN (:ids) GROUP BY event_id, status";

    private final EventService events;
    private final ProgramEventMapper mapper;
    private final Json json;

    public ProgramEventService(EventService events, ProgramEventMapper mapper, Json json) {
        this.events = events;
        this.mapper = mapper;
        this.json = json;
    }

    @WithTransaction
    public Uni<ObjectNode> create(Caller caller, JsonNode body) {
        ProgramEventValidator.Request request = ProgramEventValidator.validate(body, Json.now());
        return ownInstance(caller, request.programInstanceId()).chain(instance -> {
            ProgramEventRecord r = new ProgramEventRecord();
            r.id = CUID.randomCUID1().toString();
            r.organizationId = caller.organizationId();
            r.programInstanceId = instance.instanceId;
            r.programId = instance.programId;
            r.type = request.type();
            r.startsAt = request.startsAt();
            r.endsAt = request.endsAt();
            r.createdAt = Json.now();
            ArrayNode dispatches = json.mapper().createArrayNode();
            return Multi.createFrom().iterable(request.dispatches()).onItem().transformToUniAndConcatenate(d -> {
                String eventId = CUID.randomCUID1().toString();
                return events.createDispatch(caller.organizationId(), eventId, r.id,
                                mapper.eventRequest(instance.programId, request.type(), d))
                        .invoke(devices -> dispatches.add(stored(eventId, d, r, devices.size())));
            }).collect().last().chain(() -> {
                r.dispatches = json.write(dispatches);
                return r.<ProgramEventRecord>persist();
            }).map(saved -> mapper.toView(saved, Map.of()));
        });
    }

    @WithSession
    public Uni<ObjectNode> get(Caller caller, String id) {
        return own(caller, id).chain(this::view);
    }

    /** The events of one of the caller's instances, newest first. */
    @WithSession
    public Uni<Page<ObjectNode>> list(Caller caller, String instanceId, PageRequest page) {
        return ownInstance(caller, instanceId).chain(instance -> ProgramEventRecord.count(
                        "programInstanceId = ?1 and organizationId = ?2", instanceId, caller.organizationId())
                .chain(total -> ProgramEventRecord.<ProgramEventRecord>find(
                                "programInstanceId = ?1 and organizationId = ?2 order by createdAt desc, id",
                                instanceId, caller.organizationId())
                        .range(page.offset(), page.offset() + page.limit() - 1).list()
                        .chain(rows -> counts(rows).map(counts -> Page.of(rows.stream()
                                .map(r -> mapper.toView(r, counts)).toList(), page, total)))));
    }

    /** Withdraws every dispatch still standing (VENs get DELETE) and marks the event cancelled; idempotent. */
    @WithTransaction
    public Uni<ObjectNode> cancel(Caller caller, String id) {
        return own(caller, id).chain(r -> {
            if (r.cancelledAt != null) {
                return view(r);
            }
            List<String> ids = dispatchIds(r);
            return Multi.createFrom().iterable(ids).onItem().transformToUniAndConcatenate(events::deleteDispatch)
                    .collect().last().chain(() -> {
                        r.cancelledAt = Json.now();
                        return view(r);
                    });
        });
    }

    private Uni<ObjectNode> view(ProgramEventRecord r) {
        return counts(List.of(r)).map(counts -> mapper.toView(r, counts));
    }

    /** COMMAND_STATUS counts per dispatch (= OpenADR event) id. */
    private Uni<Map<String, Map<String, Long>>> counts(List<ProgramEventRecord> rows) {
        List<String> ids = new ArrayList<>();
        rows.forEach(r -> ids.addAll(dispatchIds(r)));
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession().chain(s -> s.createNativeQuery(COUNTS, Object[].class)
                .setParameter("ids", ids).getResultList()).map(result -> {
                    Map<String, Map<String, Long>> out = new HashMap<>();
                    for (Object[] row : result) {
                        out.computeIfAbsent((String) row[0], k -> new HashMap<>())
                                .put((String) row[1], ((Number) row[2]).longValue());
                    }
                    return out;
                });
    }

    private List<String> dispatchIds(ProgramEventRecord r) {
        List<String> ids = new ArrayList<>();
        json.read(r.dispatches).forEach(d -> ids.add(d.get("id").asText()));
        return ids;
    }

    private ObjectNode stored(String eventId, Dispatch d, ProgramEventRecord r, int devices) {
        ObjectNode s = json.mapper().createObjectNode();
        s.put("id", eventId);
        s.put("tag", d.tag());
        s.put("startsAt", Json.timestamp(d.startsAt()));
        s.put("endsAt", Json.timestamp(d.endsAt()));
        s.put("type", d.type());
        s.set("input", d.input());
        s.put("issuedAt", Json.timestamp(r.createdAt));
        s.put("devices", devices);
        return s;
    }

    /** One of the caller's program events, checked through its instance (workspace keys), else 404. */
    private static Uni<ProgramEventRecord> own(Caller caller, String id) {
        return ProgramEventRecord.<ProgramEventRecord>findById(id).chain(r -> {
            if (r == null || !r.organizationId.equals(caller.organizationId())) {
                return Uni.createFrom().failure(ProblemException.notFound("Program event", id));
            }
            if (caller.workspaceId() == null) {
                return Uni.createFrom().item(r);
            }
            return KnownInstance.<KnownInstance>findById(r.programInstanceId).map(i -> {
                if (i == null || !caller.workspaceId().equals(i.workspaceId)) {
                    throw ProblemException.notFound("Program event", id);
                }
                return r;
            });
        });
    }

    /**
     * One of the caller's instances (a workspace-bound key: of its workspace), of a program not deleted, as
     * programs.changed told us; else 404.
     */
    private static Uni<KnownInstance> ownInstance(Caller caller, String instanceId) {
        return KnownInstance.<KnownInstance>findById(instanceId).chain(i -> {
            if (i == null || i.deleted || !caller.organizationId().equals(i.organizationId)
                    || (caller.workspaceId() != null && !caller.workspaceId().equals(i.workspaceId))) {
                return Uni.createFrom().failure(ProblemException.notFound("Program instance", instanceId));
            }
            return KnownProgram.<KnownProgram>findById(i.programId).map(p -> {
                if (p != null && p.deleted) {
                    throw ProblemException.notFound("Program instance", instanceId);
                }
                return i;
            });
        });
    }
}
