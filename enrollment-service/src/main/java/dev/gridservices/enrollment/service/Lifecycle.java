package dev.gridservices.enrollment.service;

import dev.gridservices.enrollment.messaging.EnrollmentEvents;
import dev.gridservices.enrollment.repository.Enrollment;
import dev.gridservices.enrollment.repository.Transition;
import dev.gridservices.kit.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Moves enrollments between states — only along {@link DeviceState}'s and {@link EligibilityStatus}'s
 * transitions — and commits a change: the transitions into the append-only history, the row, and one
 * enrollment.changed record, all in the caller's transaction.
 */
@ApplicationScoped
public class Lifecycle {

    private static final Logger LOG = Logger.getLogger(Lifecycle.class);

    private final Clock clock;
    private final EnrollmentEvents events;
    private final MeterRegistry registry;

    public Lifecycle(Clock clock, EnrollmentEvents events, MeterRegistry registry) {
        this.clock = clock;
        this.events = events;
        this.registry = registry;
    }

    public OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** Moves a device enrollment; a transition the machine does not have is a 409 naming both states. */
    public Transition move(Enrollment e, DeviceState to, String cause, String actor, String reason,
                           OffsetDateTime occurredAt) {
        DeviceState from = e.state == null ? null : DeviceState.ofWire(e.state);
        if (from != null && !from.canMoveTo(to)) {
            throw ProblemException.conflict("Enrollment " + e.id + " cannot move from " + from.wire() + " to "
                    + to.wire());
        }
        e.state = to.wire();
        e.stateReason = reason;
        e.eligibilityStatus = to.eligibility().wire();
        e.eligibilityReason = reason;
        if (to.isFinal()) {
            e.endedAt = now();
        }
        return step(e, from == null ? null : from.wire(), to.wire(), cause, actor, reason, occurredAt);
    }

    /** Moves a core enrollment's eligibility status; 409 naming both statuses when the move does not exist. */
    public Transition moveEligibility(Enrollment e, EligibilityStatus to, String reason, String cause, String actor) {
        EligibilityStatus from = EligibilityStatus.ofWire(e.eligibilityStatus);
        if (!from.canMoveTo(to)) {
            throw ProblemException.conflict("Enrollment " + e.id + " cannot move from " + from.wire() + " to "
                    + to.wire());
        }
        e.eligibilityStatus = to.wire();
        e.eligibilityReason = reason;
        if (to == EligibilityStatus.UNENROLLED) {
            e.endedAt = now();
        }
        return step(e, from.wire(), to.wire(), cause, actor, reason, now());
    }

    /** The first state of a new enrollment (no previous state). */
    public Transition start(Enrollment e, String state, String cause, String actor, String reason) {
        return step(e, null, state, cause, actor, reason, now());
    }

    private Transition step(Enrollment e, String from, String to, String cause, String actor, String detail,
                            OffsetDateTime occurredAt) {
        Transition t = new Transition();
        t.enrollmentId = e.id;
        t.fromState = from;
        t.toState = to;
        t.cause = cause;
        t.actor = actor;
        t.detail = detail;
        t.occurredAt = occurredAt;
        t.recordedAt = now();
        return t;
    }

    /**
     * Commits a change of a row already in the session (or just persisted, for {@code created}): its
     * transitions, a new sequence number, and the enrollment.changed record.
     */
    public Uni<Enrollment> commit(Enrollment e, boolean created, String cause, String actor, List<Transition> steps) {
        if (!created) {
            e.sequence++;
        }
        e.updatedAt = now();
        String type = created ? EnrollmentEvents.CREATED
                : steps.stream().anyMatch(t -> isEnd(t.toState)) ? EnrollmentEvents.ENDED
                : EnrollmentEvents.UPDATED;
        Uni<Void> persisted = created ? e.persist().replaceWithVoid() : Uni.createFrom().voidItem();
        return persisted
                .call(() -> steps.isEmpty() ? Uni.createFrom().voidItem() : Transition.persist(steps))
                .call(() -> events.changed(type, e, cause, actor, steps))
                .invoke(() -> {
                    for (Transition t : steps) {
                        registry.counter("enrollment.transitions", "state", t.toState, "program", e.programId,
                                "kind", e.kind).increment();
                    }
                    LOG.infof("Enrollment %s (%s, program %s): %s by %s -> %s/%s", e.id, e.kind, e.programId, cause,
                            actor, e.state, e.eligibilityStatus);
                })
                .replaceWith(e);
    }

    private static boolean isEnd(String state) {
        return "opted_out".equals(state) || "revoked".equals(state) || "unenrolled".equals(state)
                || "unenrolling".equals(state);
    }
}
