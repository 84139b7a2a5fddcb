package dev.gridservices.device.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridservices.device.repository.EnrollmentView;
import dev.gridservices.device.repository.EnrollmentViewRepository;
import dev.gridservices.openadr.enrollment.EnrollmentChange;
import dev.gridservices.outbox.EventEnvelope;
import dev.gridservices.outbox.Inbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Keeps {@code enrollment_view} from enrollment.changed (enrollment-service's {@code EnrollmentEvents}:
 * {@code enrollment.created|updated|ended} v1, key = device id, payload = the enrollment's whole current
 * state, read as {@link EnrollmentChange}). Idempotent and ordered per enrollment by the payload's
 * {@code sequence} ({@link Inbox#shouldApply}: a redelivered envelope id or an older state arriving late changes
 * nothing).
 * Enrollments without a device (core API customer enrollments) are not kept: nothing here depends on them.
 * A malformed record is counted, logged and skipped; a failure applying a good one is retried, then
 * logged and skipped — the stream never stops.
 */
@ApplicationScoped
public class EnrollmentConsumer {

    static final String CONSUMER = "device-service.enrollments";
    private static final Logger LOG = Logger.getLogger(EnrollmentConsumer.class);

    private final Inbox inbox;
    private final EnrollmentViewRepository enrollments;
    private final ObjectMapper mapper;
    private final MeterRegistry registry;
    private final Clock clock;

    public EnrollmentConsumer(Inbox inbox, EnrollmentViewRepository enrollments, ObjectMapper mapper,
                              MeterRegistry registry, Clock clock) {
        this.inbox = inbox;
        this.enrollments = enrollments;
        this.mapper = mapper;
        this.registry = registry;
        this.clock = clock;
    }

    @Incoming("enrollments-in")
    public Uni<Void> consume(String record) {
        EventEnvelope envelope;
        EnrollmentChange change;
        try {
            envelope = EventEnvelope.parse(mapper, record);
            if (envelope.id() == null) {
                return skip("an envelope without id");
            }
            change = EnrollmentChange.of(envelope.type(), envelope.version(), envelope.payload());
        } catch (RuntimeException e) {
            return skip(e.getMessage());
        }
        if (change.deviceId() == null) {
            registry.counter("enrollment.changes", "outcome", "no_device").increment();
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> inbox.shouldApply(CONSUMER, envelope.id(), change.enrollmentId(),
                                change.sequence())
                        .flatMap(newer -> newer ? apply(change, envelope).replaceWith(true)
                                : Uni.createFrom().item(false)))
                .invoke(applied -> registry.counter("enrollment.changes", "outcome", applied ? "applied" : "duplicate_or_stale")
                        .increment())
                .replaceWithVoid()
                .onFailure().retry().withBackOff(Duration.ofMillis(100)).atMost(3)
                .onFailure().recoverWithUni(e -> {
                    LOG.errorf(e, "enrollment.changed %s (enrollment %s) could not be applied; skipped",
                            envelope.id(), change.enrollmentId());
                    registry.counter("enrollment.changes", "outcome", "failed").increment();
                    return Uni.createFrom().voidItem();
                });
    }

    private Uni<Void> apply(EnrollmentChange change, EventEnvelope envelope) {
        return enrollments.findById(change.enrollmentId()).flatMap(existing -> {
            EnrollmentView e = existing == null ? new EnrollmentView() : existing;
            boolean wasLive = existing != null && existing.live();
            e.enrollmentId = change.enrollmentId();
            e.sequence = change.sequence();
            e.deviceId = change.deviceId();
            e.programId = change.programId();
            e.openadrProgramId = change.openadrProgramId();
            e.programInstanceId = change.programInstanceId();
            e.utilityOrganizationId = change.utilityOrganizationId();
            e.oemOrganizationId = change.oemOrganizationId();
            e.venId = change.venId();
            e.state = change.state();
            e.ended = change.ended();
            // The envelope's time is as good for a read model that orders by sequence, not by time.
            e.updatedAt = change.changedAt() != null ? change.changedAt()
                    : envelope.occurredAt() != null ? envelope.occurredAt().atOffset(ZoneOffset.UTC)
                    : OffsetDateTime.now(clock);
            if (wasLive != e.live()) {
                // The device joins or leaves its program's fleet: the program's capacity changes with it.
                registry.counter("capacity.updates", "cause", "enrollment").increment();
            }
            return (existing == null ? enrollments.persist(e) : Uni.createFrom().item(e)).replaceWithVoid();
        });
    }

    private Uni<Void> skip(String why) {
        registry.counter("enrollment.changes", "outcome", "malformed").increment();
        LOG.warnf("Skipped a malformed %s record: %s", EnrollmentChange.TOPIC, why);
        return Uni.createFrom().voidItem();
    }
}
