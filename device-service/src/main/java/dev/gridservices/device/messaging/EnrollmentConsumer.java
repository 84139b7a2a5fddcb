package dev.gridservices.device.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridservices.device.repository.EnrollmentView;
import dev.gridservices.device.repository.EnrollmentViewRepository;
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
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Keeps {@code enrollment_view} from enrollment.changed (enrollment-service's {@code EnrollmentEvents}:
 * {@code enrollment.created|updated|ended} v1, key = device id, payload = the enrollment's whole current
 * state). Idempotent (inbox: a redelivered envelope id changes nothing) and ordered per enrollment by the
 * payload's {@code sequence} ({@link Inbox#applyIfNewer}: an older state arriving late is ignored).
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
        try {
            envelope = EventEnvelope.parse(mapper, record);
        } catch (RuntimeException e) {
            return skip("unreadable: " + e.getMessage());
        }
        if (envelope.id() == null || envelope.type() == null || !envelope.type().startsWith("enrollment.")
                || envelope.version() != 1 || envelope.payload() == null || !envelope.payload().isObject()) {
            return skip("not an enrollment.* v1 envelope");
        }
        JsonNode p = envelope.payload();
        String enrollmentId = text(p, "enrollmentId");
        String utility = text(p, "utilityOrganizationId");
        if (enrollmentId == null || utility == null || !p.path("sequence").canConvertToLong()
                || p.path("sequence").asLong() < 1) {
            return skip("enrollment " + envelope.id() + " without enrollmentId, utilityOrganizationId or sequence");
        }
        if (text(p, "deviceId") == null) {
            registry.counter("enrollment.changes", "outcome", "no_device").increment();
            return Uni.createFrom().voidItem();
        }
        long sequence = p.get("sequence").asLong();
        return Panache.withTransaction(() -> inbox.firstDelivery(CONSUMER, envelope.id())
                        .flatMap(first -> first ? inbox.applyIfNewer(CONSUMER, enrollmentId, sequence)
                                : Uni.createFrom().item(false))
                        .flatMap(newer -> newer ? apply(enrollmentId, sequence, p, envelope).replaceWith(true)
                                : Uni.createFrom().item(false)))
                .invoke(applied -> registry.counter("enrollment.changes", "outcome", applied ? "applied" : "duplicate_or_stale")
                        .increment())
                .replaceWithVoid()
                .onFailure().retry().withBackOff(Duration.ofMillis(100)).atMost(3)
                .onFailure().recoverWithUni(e -> {
                    LOG.errorf(e, "enrollment.changed %s (enrollment %s) could not be applied; skipped",
                            envelope.id(), enrollmentId);
                    registry.counter("enrollment.changes", "outcome", "failed").increment();
                    return Uni.createFrom().voidItem();
                });
    }

    private Uni<Void> apply(String enrollmentId, long sequence, JsonNode p, EventEnvelope envelope) {
        return enrollments.findById(enrollmentId).flatMap(existing -> {
            EnrollmentView e = existing == null ? new EnrollmentView() : existing;
            boolean wasLive = existing != null && existing.live();
            e.enrollmentId = enrollmentId;
            e.sequence = sequence;
            e.deviceId = text(p, "deviceId");
            e.programId = text(p, "programId");
            e.openadrProgramId = text(p, "openadrProgramId");
            e.programInstanceId = text(p, "programInstanceId");
            e.utilityOrganizationId = text(p, "utilityOrganizationId");
            e.oemOrganizationId = text(p, "oemOrganizationId");
            e.venId = text(p, "venId");
            e.state = text(p, "state");
            e.ended = p.path("ended").asBoolean(false);
            e.updatedAt = changedAt(p, envelope);
            if (wasLive != e.live()) {
                // The device joins or leaves its program's fleet: the program's capacity changes with it.
                registry.counter("capacity.updates", "cause", "enrollment").increment();
            }
            return (existing == null ? enrollments.persist(e) : Uni.createFrom().item(e)).replaceWithVoid();
        });
    }

    private OffsetDateTime changedAt(JsonNode p, EventEnvelope envelope) {
        try {
            if (p.path("changedAt").isTextual()) {
                return OffsetDateTime.parse(p.get("changedAt").asText());
            }
        } catch (DateTimeParseException ignored) {
            // The envelope's time is as good for a read model that orders by sequence, not by time.
        }
        return envelope.occurredAt() != null ? envelope.occurredAt().atOffset(ZoneOffset.UTC)
                : OffsetDateTime.now(clock);
    }

    private static String text(JsonNode p, String field) {
        JsonNode v = p.get(field);
        return v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank() ? null : v.asText();
    }

    private Uni<Void> skip(String why) {
        registry.counter("enrollment.changes", "outcome", "malformed").increment();
        LOG.warnf("Skipped a malformed enrollment.changed record: %s", why);
        return Uni.createFrom().voidItem();
    }
}
