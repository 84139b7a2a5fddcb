package dev.gridservices.outbox;

import io.smallrye.mutiny.Uni;
import java.util.Objects;

/**
 * One event to record, built fluently: {@code outbox.event(topic).key(k).type(t).version(1)
 * .tenant(org).aggregateVersion(n).payload(p).record()}. Topic, type and payload are required;
 * the key decides the partition (and so the order); the aggregate version lets consumers refuse
 * a stale update ({@link Inbox#applyIfNewer}).
 */
public final class OutboxEvent {

    private final Outbox outbox;
    final String topic;
    String key;
    String type;
    int version = 1;
    String tenant;
    Long aggregateVersion;
    Object payload;

    OutboxEvent(Outbox outbox, String topic) {
        this.outbox = outbox;
        this.topic = Objects.requireNonNull(topic, "topic");
    }

    public OutboxEvent key(String key) {
        this.key = key;
        return this;
    }

    public OutboxEvent type(String type) {
        this.type = type;
        return this;
    }

    /** The payload schema version of {@code type} (default 1). */
    public OutboxEvent version(int version) {
        this.version = version;
        return this;
    }

    public OutboxEvent tenant(String tenant) {
        this.tenant = tenant;
        return this;
    }

    /** A number that grows with every change of the aggregate this event describes. */
    public OutboxEvent aggregateVersion(long aggregateVersion) {
        this.aggregateVersion = aggregateVersion;
        return this;
    }

    public OutboxEvent payload(Object payload) {
        this.payload = payload;
        return this;
    }

    /** Writes the event in the caller's transaction; fails (writing nothing) if it is invalid or too large. */
    public Uni<EventEnvelope> record() {
        return outbox.record(this);
    }
}
