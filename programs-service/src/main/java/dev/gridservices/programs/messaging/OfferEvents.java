package dev.gridservices.programs.messaging;

import dev.gridservices.outbox.EventEnvelope;
import dev.gridservices.outbox.Outbox;
import dev.gridservices.programs.repository.Program;
import dev.gridservices.programs.repository.ProgramOffer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Publishes a program's offers on {@value ProgramEvents#TOPIC} (through the outbox, inside the transaction
 * that changed them), keyed by the program id like every program event. Each event carries the whole current
 * set (state transfer, not a delta), so a consumer simply replaces what it kept: enrollment-service and
 * dispatch-service learn which OEM organizations may see, enroll in and subscribe to the program.
 */
@ApplicationScoped
public class OfferEvents {

    public static final String OFFERS_CHANGED = "programOffers.changed";

    /**
     * Payload of programOffers.changed.
     *
     * @param organizationId  the owning (utility) organization
     * @param allOems         offered to every OEM organization
     * @param organizationIds the OEM organizations it is offered to by name
     */
    public record ProgramOffersChanged(String programId, String slug, String organizationId, String visibility,
                                       boolean allOems, List<String> organizationIds, OffsetDateTime updatedAt) {
    }

    private final Outbox outbox;

    public OfferEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<EventEnvelope> offers(Program p, List<ProgramOffer> offers) {
        ProgramOffersChanged payload = new ProgramOffersChanged(p.id, p.slug, p.organizationId, p.visibility,
                offers.stream().anyMatch(ProgramOffer::toAllOems),
                offers.stream().filter(o -> !o.toAllOems()).map(o -> o.organizationId).toList(),
                OffsetDateTime.now(ZoneOffset.UTC));
        return outbox.event(ProgramEvents.TOPIC).key(p.id).type(OFFERS_CHANGED).version(ProgramEvents.VERSION)
                .tenant(p.organizationId).payload(payload).record();
    }
}
