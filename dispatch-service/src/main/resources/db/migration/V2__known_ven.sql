-- Read model of devices.changed ven.*: a VEN's name, so an event may target a VEN by venName.
CREATE TABLE known_ven (
    ven_id           VARCHAR(128) PRIMARY KEY,
    ven_name         VARCHAR(255),
    organization_id  VARCHAR(128),
    deleted          BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at       TIMESTAMPTZ NOT NULL
);
