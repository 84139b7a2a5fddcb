package dev.gridservices.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** A consumer of keyed state: applies an update only if it is newer than the last applied for its key. */
@ApplicationScoped
public class VersionedWidgetConsumer {

    private final Inbox inbox;
    private final ObjectMapper mapper;

    public VersionedWidgetConsumer(Inbox inbox, ObjectMapper mapper) {
        this.inbox = inbox;
        this.mapper = mapper;
    }

    @Incoming("versions-in")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        EventEnvelope envelope = EventEnvelope.parse(mapper, record.value());
        return Panache.withTransaction(() -> inbox.shouldApply("versioned-widget-consumer", record.key(), envelope)
                .flatMap(apply -> {
                    if (!apply) {
                        return Uni.createFrom().voidItem();
                    }
                    WidgetSeen seen = new WidgetSeen();
                    seen.messageId = envelope.id();
                    seen.widgetId = UUID.fromString(envelope.payload().get("id").asText());
                    return seen.persist().replaceWithVoid();
                }));
    }
}
