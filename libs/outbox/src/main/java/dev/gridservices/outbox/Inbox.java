package dev.gridservices.outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Makes a consumer idempotent: call {@link #firstDelivery} in the transaction that applies a message;
 * it answers false for a message id this consumer has already applied, and the unique key settles
 * concurrent redeliveries (no read-then-write race).
 */
@ApplicationScoped
public class Inbox {

    private static final String INSERT = "INSERT INTO inbox_message (consumer, message_id, received_at) "
            + "VALUES (:consumer, :id, :now) ON CONFLICT DO NOTHING";

    public Uni<Boolean> firstDelivery(String consumer, UUID messageId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(INSERT)
                .setParameter("consumer", consumer)
                .setParameter("id", messageId)
                .setParameter("now", OffsetDateTime.now())
                .executeUpdate())
                .map(rows -> rows == 1);
    }
}
