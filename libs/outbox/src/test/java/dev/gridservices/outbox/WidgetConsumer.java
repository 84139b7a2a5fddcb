package dev.gridservices.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** An idempotent consumer, as services write them: the inbox check and the effect share a transaction. */
@ApplicationScoped
public class WidgetConsumer {

    private final Inbox inbox;
    private final ObjectMapper mapper;

    public WidgetConsumer(Inbox inbox, ObjectMapper mapper) {
        this.inbox = inbox;
        this.mapper = mapper;
    }

    @Incoming("widgets-in")
    public Uni<Void> consume(String json) {
        EventEnvelope envelope = EventEnvelope.parse(mapper, json);
        return Panache.withTransaction(() -> inbox.firstDelivery("widget-consumer", envelope.id())
                .flatMap(first -> {
                    if (!first) {
                        return Uni.createFrom().voidItem();
                    }
                    WidgetSeen seen = new WidgetSeen();
                    seen.messageId = UUID.randomUUID();
                    seen.widgetId = UUID.fromString(envelope.payload().get("id").asText());
                    return seen.persist().replaceWithVoid();
                }));
    }
}
