package dev.gridservices.programs.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gridservices.kit.json.JsonText;
import dev.gridservices.outbox.EventEnvelope;
import dev.gridservices.outbox.Outbox;
import dev.gridservices.programs.repository.Program;
import dev.gridservices.programs.repository.ProgramInstance;
import dev.gridservices.programs.service.Enrollability;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Publishes what other services need to know about programs and instances on {@value #TOPIC}, through
 * the outbox: call these inside the transaction that changed the row. Every event is keyed by the
 * program id, so one program's events and its instances' events keep their order on one partition.
 */
@ApplicationScoped
public class ProgramEvents {

    public static final String TOPIC = "programs.changed";
    public static final int VERSION = 1;

    public static final String PROGRAM_CREATED = "program.created";
    public static final String PROGRAM_UPDATED = "program.updated";
    public static final String PROGRAM_DELETED = "program.deleted";
    public static final String INSTANCE_CREATED = "programInstance.created";
    public static final String INSTANCE_UPDATED = "programInstance.updated";
    public static final String INSTANCE_DELETED = "programInstance.deleted";

    /** Payload of program.* events. */
    public record ProgramChanged(String programId, String slug, String openadrProgramId, String openadrProgramName,
                                 String name, boolean active, String visibility, String organizationId,
                                 List<String> states, String programType, OffsetDateTime startTime,
                                 OffsetDateTime endTime, OffsetDateTime updatedAt) {
    }

    /**
     * Payload of programInstance.* events: everything enrollment and dispatch need to decide whether
     * a device may join this instance and which OpenADR program its events belong to.
     */
    public record ProgramInstanceChanged(String instanceId, String programId, String programSlug,
                                         String openadrProgramId, String organizationId, String workspaceId,
                                         String status, boolean acceptingEnrollments, boolean programActive,
                                         List<String> states, JsonNode eligibilityCriteria,
                                         OffsetDateTime startDate, OffsetDateTime endDate,
                                         OffsetDateTime updatedAt) {
    }

    private final Outbox outbox;
    private final JsonText json;

    public ProgramEvents(Outbox outbox, JsonText json) {
        this.outbox = outbox;
        this.json = json;
    }

    public Uni<EventEnvelope> program(String type, Program p) {
        ProgramChanged payload = new ProgramChanged(p.id, p.slug, p.id, p.slug, p.name, p.active, p.visibility,
                p.organizationId, List.of(p.states), p.programType, p.startTime, p.endTime, p.updatedAt);
        return outbox.event(TOPIC).key(p.id).type(type).version(VERSION).tenant(p.organizationId).payload(payload)
                .record();
    }

    public Uni<EventEnvelope> instance(String type, ProgramInstance i) {
        Program p = i.program;
        ProgramInstanceChanged payload = new ProgramInstanceChanged(i.id, p.id, p.slug, p.id, i.organizationId,
                i.workspaceId, i.status, Enrollability.acceptsEnrollments(i, OffsetDateTime.now()), p.active,
                List.of(p.states), json.read(i.eligibilityCriteria), i.startDate, i.endDate, i.updatedAt);
        return outbox.event(TOPIC).key(p.id).type(type).version(VERSION).tenant(i.organizationId).payload(payload)
                .record();
    }
}
