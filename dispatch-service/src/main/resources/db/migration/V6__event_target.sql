-- The devices an event reached, recorded with each create/update in the event's transaction: event responses
-- list every one of them (NO_RESPONSE until it reports), and a COMMAND_STATUS from any other device is ignored.
CREATE TABLE event_target (
    event_id   VARCHAR(64) NOT NULL REFERENCES dispatch_event (id) ON DELETE CASCADE,
    device_id  VARCHAR(128) NOT NULL,
    ven_id     VARCHAR(128) NOT NULL,
    PRIMARY KEY (event_id, device_id)
);
