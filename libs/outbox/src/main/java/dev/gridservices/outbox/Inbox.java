package dev.gridservices.outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Makes a consumer idempotent and order-safe; call these in the transaction that applies a message.
 * <ul>
 * <li>{@link #firstDelivery}: false for a message id this consumer already applied (a redelivery).</li>
 * <li>{@link #applyIfNewer}: false unless the version is above the last one this consumer applied for
 * that aggregate (a stale, out-of-order update).</li>
 * <li>{@link #shouldApply}: both, from an envelope or from a message id and a version.</li>
 * </ul>
 * Each is one statement settled by a unique key, so concurrent deliveries cannot both win.
 */
@ApplicationScoped
public class Inbox {

    private static final String INSERT = "INSERT INTO inbox_message (consumer, message_id, received_at) "
            + "VALUES (:consumer, :id, :now) ON CONFLICT DO NOTHING";
    private static final String ADVANCE = "INSERT INTO inbox_aggregate (consumer, aggregate, version, applied_at) "
            + "VALUES (:consumer, :aggregate, :version, :now) "
            + "ON CONFLICT (consumer, aggregate) DO UPDATE SET version = EXCLUDED.version, applied_at = EXCLUDED.applied_at "
            + "WHERE inbox_aggregate.version < EXCLUDED.version";

    public Uni<Boolean> firstDelivery(String consumer, UUID messageId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(INSERT)
                .setParameter("consumer", consumer)
                .setParameter("id", messageId)
                .setParameter("now", OffsetDateTime.now())
                .executeUpdate())
                .map(rows -> rows == 1);
    }

    /** True (and the aggregate's version advanced) only if {@code version} is newer than any applied before. */
    public Uni<Boolean> applyIfNewer(String consumer, String aggregate, long version) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(ADVANCE)
                .setParameter("consumer", consumer)
                .setParameter("aggregate", aggregate)
                .setParameter("version", version)
                .setParameter("now", OffsetDateTime.now())
                .executeUpdate())
                .map(rows -> rows == 1);
    }

    /**
     * True if this envelope is neither a redelivery nor older than what was applied for {@code aggregate}
     * (usually the record key). An envelope without an aggregate version is checked for redelivery only.
     */
    public Uni<Boolean> shouldApply(String consumer, String aggregate, EventEnvelope envelope) {
        if (envelope.aggregateVersion() == null) {
            return firstDelivery(consumer, envelope.id());
        }
        return shouldApply(consumer, envelope.id(), aggregate, envelope.aggregateVersion());
    }

    /**
     * True if message {@code messageId} is no redelivery and {@code version} is above the last one applied for
     * {@code aggregate}: for a read model ordered by a version the payload carries (an enrollment's
     * {@code sequence}) rather than the envelope's {@code aggregateVersion}.
     */
    public Uni<Boolean> shouldApply(String consumer, UUID messageId, String aggregate, long version) {
        return firstDelivery(consumer, messageId).flatMap(first -> first ? applyIfNewer(consumer, aggregate, version)
                : Uni.createFrom().item(false));
    }
}
