-- device-service: the registry of VENs (OEM integration accounts), sites, devices (= OpenADR resources),
-- customers, and the read model of programs it needs for eligibility. Every row carries its owning
-- organization; every query filters on it.

-- A VEN is an OEM/TPDO integration account. The id is server-assigned and globally unique; the name is
-- unique within its organization (a name taken by another organization is nobody's business here).
CREATE TABLE ven (
    id               VARCHAR(64) PRIMARY KEY,
    organization_id  VARCHAR(128) NOT NULL,
    workspace_id     VARCHAR(128),
    ven_name         VARCHAR(128) NOT NULL,
    client_id        VARCHAR(128),
    attributes       TEXT NOT NULL DEFAULT '[]',
    targets          VARCHAR(128)[] NOT NULL DEFAULT '{}',
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    CONSTRAINT ven_name_unique UNIQUE (organization_id, ven_name)
);

CREATE TABLE customer (
    id               VARCHAR(64) PRIMARY KEY,
    organization_id  VARCHAR(128) NOT NULL,
    workspace_id     VARCHAR(128),
    reference_id     VARCHAR(255),
    first_name       VARCHAR(255),
    last_name        VARCHAR(255),
    email            VARCHAR(320),
    phone            VARCHAR(64),
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX customer_org ON customer (organization_id, created_at, id);

-- A site is one physical installation address, shared by /v2/x-texture/sites and /v1/sites. ven_id is set
-- when a VEN-bound client created it (that client sees only its VEN's sites). The territory columns are
-- the outcome of matching the geocoded point against the CommonGrid territories when the address was set.
CREATE TABLE site (
    id                      VARCHAR(64) PRIMARY KEY,
    organization_id         VARCHAR(128) NOT NULL,
    workspace_id            VARCHAR(128),
    ven_id                  VARCHAR(64) REFERENCES ven (id) ON DELETE SET NULL,
    customer_id             VARCHAR(64) REFERENCES customer (id) ON DELETE SET NULL,
    name                    VARCHAR(255),
    reference_id            VARCHAR(255),
    street_one              VARCHAR(255) NOT NULL,
    street_two              VARCHAR(255),
    city                    VARCHAR(128) NOT NULL,
    state                   VARCHAR(2) NOT NULL,
    postal_code             VARCHAR(10) NOT NULL,
    country                 VARCHAR(3) NOT NULL DEFAULT 'US',
    utility_account_number  VARCHAR(128),
    latitude                DOUBLE PRECISION,
    longitude               DOUBLE PRECISION,
    location_source         VARCHAR(16),
    timezone                VARCHAR(64),
    territory_outcome       VARCHAR(24) NOT NULL,
    utility_id              VARCHAR(64),
    utility_eia_id          VARCHAR(16),
    utility_name            VARCHAR(255),
    utility_slug            VARCHAR(128),
    candidate_utilities     TEXT NOT NULL DEFAULT '[]',
    cca_name                VARCHAR(255),
    iso                     VARCHAR(64),
    program_eligible        BOOLEAN NOT NULL,
    created_at              TIMESTAMPTZ NOT NULL,
    updated_at              TIMESTAMPTZ NOT NULL
);
CREATE INDEX site_org ON site (organization_id, created_at, id);
CREATE INDEX site_ven ON site (ven_id);
CREATE INDEX site_customer ON site (customer_id);

-- One device table for both APIs: an OpenADR resource (/v2/resources, id res_...) is a /v1 device.
-- resource_name is unique within the VEN (the idempotency key of POST /v2/resources); devices registered
-- with a MANUFACTURER key (POST /v1/devices) have no VEN and use manufacturerDeviceId as resource_name, unique
-- within the organization. The unique index (not a read-then-write) settles concurrent identical POSTs.
CREATE TABLE device (
    id                        VARCHAR(64) PRIMARY KEY,
    organization_id           VARCHAR(128) NOT NULL,
    workspace_id              VARCHAR(128),
    ven_id                    VARCHAR(64) REFERENCES ven (id) ON DELETE RESTRICT,
    resource_name             VARCHAR(128) NOT NULL,
    device_type               VARCHAR(32) NOT NULL,
    manufacturer              VARCHAR(128),
    manufacturer_device_id    VARCHAR(255),
    model                     VARCHAR(255),
    serial_number             VARCHAR(255),
    name                      VARCHAR(255),
    reference_id              VARCHAR(255),
    site_id                   VARCHAR(64) REFERENCES site (id) ON DELETE RESTRICT,
    provisioning_type         VARCHAR(32) NOT NULL,
    attributes                TEXT NOT NULL DEFAULT '[]',
    targets                   VARCHAR(128)[] NOT NULL DEFAULT '{}',
    tags                      VARCHAR(128)[] NOT NULL DEFAULT '{}',
    state                     TEXT NOT NULL DEFAULT '{}',
    last_seen                 TIMESTAMPTZ,
    connectivity_lost         BOOLEAN NOT NULL DEFAULT FALSE,
    connectivity_lost_at      TIMESTAMPTZ,
    created_at                TIMESTAMPTZ NOT NULL,
    updated_at                TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX device_resource_name_unique ON device (organization_id, COALESCE(ven_id, ''), resource_name);
CREATE INDEX device_org ON device (organization_id, created_at, id);
CREATE INDEX device_site ON device (site_id);
-- The 72-hour sweep looks only at devices that are not yet flagged.
CREATE INDEX device_silent ON device ((COALESCE(last_seen, created_at))) WHERE NOT connectivity_lost;

-- Read model of programs.changed: just what eligibility needs.
CREATE TABLE program_view (
    program_id       VARCHAR(64) PRIMARY KEY,
    organization_id  VARCHAR(128) NOT NULL,
    visibility       VARCHAR(16) NOT NULL,
    active           BOOLEAN NOT NULL,
    states           VARCHAR(2)[] NOT NULL DEFAULT '{}',
    end_time         TIMESTAMPTZ,
    updated_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX program_view_states ON program_view USING GIN (states);
