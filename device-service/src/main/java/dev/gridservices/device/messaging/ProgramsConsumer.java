package dev.gridservices.device.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridservices.device.repository.ProgramView;
import dev.gridservices.device.repository.ProgramViewRepository;
import dev.gridservices.outbox.EventEnvelope;
import dev.gridservices.outbox.Inbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Keeps {@code program_view} from programs.changed (program.created|updated|deleted v1 and the offer sets of
 * programOffers.changed v1; instance events are not needed here). Idempotent (inbox) and ordered per program by
 * the topic key; an update or offer set older than the stored one is ignored. Malformed records are logged and
 * skipped.
 */
@ApplicationScoped
public class ProgramsConsumer {

    static final String CONSUMER = "device-service.programs";
    private static final String OFFERS_CHANGED = "programOffers.changed";
    private static final Logger LOG = Logger.getLogger(ProgramsConsumer.class);

    private final Inbox inbox;
    private final ProgramViewRepository programs;
    private final ObjectMapper mapper;

    public ProgramsConsumer(Inbox inbox, ProgramViewRepository programs, ObjectMapper mapper) {
        this.inbox = inbox;
        this.programs = programs;
        this.mapper = mapper;
    }

    @Incoming("programs-in")
    public Uni<Void> consume(String record) {
        EventEnvelope envelope;
        try {
            envelope = EventEnvelope.parse(mapper, record);
        } catch (RuntimeException e) {
            LOG.warnf("Skipped an unreadable programs.changed record: %s", e.getMessage());
            return Uni.createFrom().voidItem();
        }
        boolean offers = OFFERS_CHANGED.equals(envelope.type());
        if (envelope.id() == null || envelope.type() == null || !(offers || envelope.type().startsWith("program."))
                || envelope.version() != 1 || envelope.payload() == null) {
            return Uni.createFrom().voidItem();
        }
        JsonNode p = envelope.payload();
        String id = p.path("programId").asText(null);
        if (id == null || p.path("updatedAt").isMissingNode()) {
            LOG.warnf("Skipped programs.changed %s without programId/updatedAt", envelope.id());
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> inbox.firstDelivery(CONSUMER, envelope.id())
                        .flatMap(first -> !first ? Uni.createFrom().voidItem()
                                : offers ? applyOffers(id, p) : apply(envelope.type(), id, p)))
                .onFailure().retry().withBackOff(Duration.ofMillis(100)).atMost(3)
                .onFailure().recoverWithUni(e -> {
                    LOG.errorf(e, "programs.changed %s could not be applied; skipped", envelope.id());
                    return Uni.createFrom().voidItem();
                });
    }

    /**
     * programOffers.changed carries the program's whole current offer set: it replaces the kept one unless that is
     * newer. Offers of a program not kept (deleted, or never announced) are dropped with it.
     */
    private Uni<Void> applyOffers(String id, JsonNode p) {
        OffsetDateTime updatedAt = OffsetDateTime.parse(p.get("updatedAt").asText());
        return programs.findById(id).invoke(view -> {
            if (view == null || (view.offersUpdatedAt != null && view.offersUpdatedAt.isAfter(updatedAt))) {
                return;
            }
            view.offeredToAllOems = p.path("allOems").asBoolean(false);
            view.offeredTo = texts(p.path("organizationIds"));
            view.offersUpdatedAt = updatedAt;
        }).replaceWithVoid();
    }

    private Uni<Void> apply(String type, String id, JsonNode p) {
        OffsetDateTime updatedAt = OffsetDateTime.parse(p.get("updatedAt").asText());
        return programs.findById(id).flatMap(existing -> {
            if (existing != null && existing.updatedAt.isAfter(updatedAt)) {
                return Uni.createFrom().voidItem();
            }
            if ("program.deleted".equals(type)) {
                return existing == null ? Uni.createFrom().voidItem() : programs.delete(existing);
            }
            ProgramView view = existing == null ? new ProgramView() : existing;
            view.programId = id;
            view.organizationId = p.path("organizationId").asText("");
            view.openadrProgramId = p.hasNonNull("openadrProgramId") ? p.get("openadrProgramId").asText() : null;
            view.visibility = p.path("visibility").asText("private");
            view.active = p.path("active").asBoolean(false);
            view.states = texts(p.path("states"));
            view.endTime = p.hasNonNull("endTime") ? OffsetDateTime.parse(p.get("endTime").asText()) : null;
            view.updatedAt = updatedAt;
            return (existing == null ? programs.persist(view) : Uni.createFrom().item(view)).replaceWithVoid();
        });
    }

    private static String[] texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out.toArray(String[]::new);
    }
}
