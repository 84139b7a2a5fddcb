package dev.gridservices.enrollment.messaging;

import dev.gridservices.enrollment.repository.Enrollment;
import dev.gridservices.enrollment.repository.Transition;
import dev.gridservices.outbox.EventEnvelope;
import dev.gridservices.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Publishes every enrollment change on {@value #TOPIC} through the outbox: call it inside the transaction that
 * changed the row, so the record exists exactly when the change committed. Key = device id (an enrollment of
 * a customer without a device: its enrollment id), so one device's changes keep their order. The payload
 * carries the whole current state, so a consumer rebuilds its read model from the topic alone, keeping per
 * enrollment the record with the highest {@code sequence}.
 */
@ApplicationScoped
public class EnrollmentEvents {

    public static final String TOPIC = "enrollment.changed";
    public static final int VERSION = 1;
    public static final String CREATED = "enrollment.created";
    public static final String UPDATED = "enrollment.updated";
    public static final String ENDED = "enrollment.ended";

    /** One lifecycle (or eligibility) transition made by this change. */
    public record Step(String from, String to, String cause, String actor, OffsetDateTime occurredAt) {
    }

    /** Payload of every enrollment.* event (version 1). */
    public record EnrollmentChanged(String enrollmentId, String kind, long sequence, String state,
                                    String stateReason, String eligibilityStatus, String eligibilityReason,
                                    String programId, String openadrProgramId, String programInstanceId,
                                    String utilityOrganizationId, String oemOrganizationId, String venId,
                                    String deviceId, String resourceName, String deviceType, String siteId,
                                    boolean ended, OffsetDateTime endedAt, String cause, String actor,
                                    List<Step> transitions, OffsetDateTime changedAt) {
    }

    private final Outbox outbox;

    public EnrollmentEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<EventEnvelope> changed(String type, Enrollment e, String cause, String actor, List<Transition> steps) {
        EnrollmentChanged payload = new EnrollmentChanged(e.id, e.kind, e.sequence, e.state, e.stateReason,
                e.eligibilityStatus, e.eligibilityReason, e.programId, e.openadrProgramId, e.instanceId,
                e.utilityOrganizationId, e.oemOrganizationId, e.venId, e.deviceId, e.resourceName, e.deviceType,
                e.siteId, e.endedAt != null, e.endedAt, cause, actor,
                steps.stream().map(t -> new Step(t.fromState, t.toState, t.cause, t.actor, t.occurredAt)).toList(),
                e.updatedAt);
        String key = e.deviceId != null ? e.deviceId : e.id;
        return outbox.event(TOPIC).key(key).type(type).version(VERSION).tenant(e.utilityOrganizationId)
                .aggregateVersion(e.sequence).payload(payload).record();
    }
}
