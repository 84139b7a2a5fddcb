-- Read models of devices.changed device.* and site.*: what an event may target besides a VEN (a device
-- id, a resource name, a device's tags and targets, its site), and whether a device still exists. The
-- newest updated_at wins; deleted sticks.
CREATE TABLE known_device (
    device_id        VARCHAR(128) PRIMARY KEY,
    resource_name    VARCHAR(255),
    ven_id           VARCHAR(128),
    organization_id  VARCHAR(128),
    site_id          VARCHAR(128),
    tags             TEXT NOT NULL DEFAULT '[]',
    targets          TEXT NOT NULL DEFAULT '[]',
    deleted          BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX known_device_ven ON known_device (ven_id);

CREATE TABLE known_site (
    site_id          VARCHAR(128) PRIMARY KEY,
    ven_id           VARCHAR(128),
    organization_id  VARCHAR(128),
    deleted          BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at       TIMESTAMPTZ NOT NULL
);
