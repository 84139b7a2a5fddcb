package dev.gridservices.device.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridservices.device.service.LiveState;
import dev.gridservices.openadr.telemetry.TelemetryReading;
import dev.gridservices.outbox.EventEnvelope;
import dev.gridservices.outbox.Inbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes {@value TelemetryReading#TOPIC} into each device's live state. Idempotent (inbox: a redelivered
 * envelope id changes nothing) and tolerant: a record that is not a {@value TelemetryReading#TYPE} v1
 * envelope with a complete reading (device, organization, receivedAt, an RFC 3339
 * start and at least one payload) is counted, logged and skipped, never retried and never stops the
 * stream. A failure applying a good record is retried a few times, then logged and skipped.
 */
@ApplicationScoped
public class TelemetryConsumer {

    static final String CONSUMER = "device-service.telemetry";
    private static final Logger LOG = Logger.getLogger(TelemetryConsumer.class);

    private final Inbox inbox;
    private final LiveState state;
    private final ObjectMapper mapper;
    private final MeterRegistry registry;

    public TelemetryConsumer(Inbox inbox, LiveState state, ObjectMapper mapper, MeterRegistry registry) {
        this.inbox = inbox;
        this.state = state;
        this.mapper = mapper;
        this.registry = registry;
    }

    @Incoming("telemetry-in")
    public Uni<Void> consume(String record) {
        EventEnvelope envelope;
        TelemetryReading reading;
        try {
            envelope = EventEnvelope.parse(mapper, record);
            if (envelope.id() == null || !TelemetryReading.ENVELOPE_TYPE.equals(envelope.type())
                    || envelope.version() != TelemetryReading.ENVELOPE_VERSION || envelope.payload() == null) {
                return skip("not a " + TelemetryReading.ENVELOPE_TYPE + " v" + TelemetryReading.ENVELOPE_VERSION
                        + " envelope");
            }
            reading = mapper.treeToValue(envelope.payload(), TelemetryReading.class);
        } catch (RuntimeException | java.io.IOException e) {
            return skip("unreadable: " + e.getMessage());
        }
        String missing = missingField(reading);
        if (missing != null) {
            return skip("reading without " + missing);
        }
        return Panache.withTransaction(() -> inbox.firstDelivery(CONSUMER, envelope.id()).flatMap(first -> first
                        ? state.apply(reading).invoke(known -> {
                            if (!known) {
                                registry.counter("telemetry.readings", "outcome", "unknown_device").increment();
                                LOG.debugf("Reading for unknown device %s skipped", reading.deviceId());
                            } else {
                                registry.counter("telemetry.readings", "outcome", "applied").increment();
                            }
                        }).replaceWithVoid()
                        : Uni.createFrom().voidItem()))
                .onFailure().retry().withBackOff(Duration.ofMillis(100)).atMost(3)
                .onFailure().recoverWithUni(e -> {
                    LOG.errorf(e, "Reading %s for device %s could not be applied; skipped", envelope.id(),
                            reading.deviceId());
                    registry.counter("telemetry.readings", "outcome", "failed").increment();
                    return Uni.createFrom().voidItem();
                });
    }

    /** The first required field the reading lacks (or cannot be read), or null when it is complete. */
    static String missingField(TelemetryReading reading) {
        if (reading.deviceId() == null) {
            return "deviceId";
        }
        if (reading.organizationId() == null) {
            return "organizationId";
        }
        if (reading.receivedAt() == null) {
            return "receivedAt";
        }
        if (reading.payloads() == null || reading.payloads().isEmpty()) {
            return "payloads";
        }
        if (reading.start() == null) {
            return "start";
        }
        try {
            OffsetDateTime.parse(reading.start());
        } catch (DateTimeParseException e) {
            return "an RFC 3339 start";
        }
        return null;
    }

    private Uni<Void> skip(String why) {
        registry.counter("telemetry.readings", "outcome", "malformed").increment();
        LOG.warnf("Skipped a malformed %s record: %s", TelemetryReading.TOPIC, why);
        return Uni.createFrom().voidItem();
    }
}
