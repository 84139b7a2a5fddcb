-- Order by a database sequence, not JVM clocks: seq is assigned at insert, so rows of one key are
-- sent in the order their transactions wrote them, whichever replica wrote them. Rows pending before
-- this migration get seq values in table order.
ALTER TABLE outbox_message ADD COLUMN seq BIGINT GENERATED ALWAYS AS IDENTITY;
ALTER TABLE outbox_message ADD CONSTRAINT outbox_message_seq_unique UNIQUE (seq);
-- One sender per shard (hash of the key): the relay holds a PostgreSQL advisory lock per shard.
ALTER TABLE outbox_message ADD COLUMN shard INTEGER NOT NULL DEFAULT 0;
-- A row that failed max-attempts times for a reason a retry cannot fix is parked, not retried forever.
ALTER TABLE outbox_message ADD COLUMN parked_at TIMESTAMPTZ;
ALTER TABLE outbox_message ADD COLUMN last_error TEXT;

DROP INDEX outbox_message_pending;
CREATE INDEX outbox_message_pending ON outbox_message (shard, seq) WHERE published_at IS NULL AND parked_at IS NULL;
CREATE INDEX outbox_message_published ON outbox_message (published_at) WHERE published_at IS NOT NULL;
CREATE INDEX outbox_message_parked ON outbox_message (parked_at) WHERE parked_at IS NOT NULL;

-- Wake the relay when rows commit (NOTIFY is delivered at commit, once per transaction).
CREATE FUNCTION outbox_message_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('outbox_message', '');
    RETURN NULL;
END;
$$;
CREATE TRIGGER outbox_message_notify AFTER INSERT ON outbox_message
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_message_notify();

-- The newest aggregate version each consumer applied, so a stale (out-of-order) update is refused.
CREATE TABLE inbox_aggregate (
    consumer   VARCHAR(255) NOT NULL,
    aggregate  VARCHAR(255) NOT NULL,
    version    BIGINT NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (consumer, aggregate)
);
CREATE INDEX inbox_message_received ON inbox_message (received_at);
