-- Events leave with the business row that caused them: both are written in one transaction and the
-- relay publishes rows with published_at null (at least once, in creation order).
CREATE TABLE outbox_message (
    id           UUID PRIMARY KEY,
    topic        VARCHAR(255) NOT NULL,
    message_key  VARCHAR(255),
    type         VARCHAR(255) NOT NULL,
    envelope     TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    published_at TIMESTAMPTZ,
    attempts     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX outbox_message_pending ON outbox_message (created_at) WHERE published_at IS NULL;

-- What each consumer has already handled, so a redelivered message changes nothing.
CREATE TABLE inbox_message (
    consumer    VARCHAR(255) NOT NULL,
    message_id  UUID NOT NULL,
    received_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (consumer, message_id)
);
