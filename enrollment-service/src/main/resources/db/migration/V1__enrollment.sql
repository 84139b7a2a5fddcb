-- Read models, rebuilt from topics only (never from another service's database).
-- program_view / instance_view / program_offer come from programs.changed; resource_view / site_view
-- from devices.changed. source_at is the newest applied fact's time: an older record never overrides it.
CREATE TABLE program_view (
    program_id          VARCHAR(64) PRIMARY KEY,
    openadr_program_id  VARCHAR(64),
    organization_id     VARCHAR(128) NOT NULL,
    visibility          VARCHAR(16),
    program_type        VARCHAR(32),
    active              BOOLEAN NOT NULL DEFAULT TRUE,
    deleted             BOOLEAN NOT NULL DEFAULT FALSE,
    source_at           TIMESTAMPTZ NOT NULL
);

CREATE TABLE instance_view (
    instance_id            VARCHAR(64) PRIMARY KEY,
    program_id             VARCHAR(64) NOT NULL,
    openadr_program_id     VARCHAR(64),
    organization_id        VARCHAR(128) NOT NULL,
    status                 VARCHAR(16) NOT NULL,
    accepting_enrollments  BOOLEAN NOT NULL,
    states                 TEXT NOT NULL DEFAULT '[]',
    eligibility_criteria   TEXT,
    end_date               TIMESTAMPTZ,
    deleted                BOOLEAN NOT NULL DEFAULT FALSE,
    source_at              TIMESTAMPTZ NOT NULL
);
CREATE INDEX instance_view_program ON instance_view (program_id);

-- Which OEM organizations a utility offers a program to (program.offered): the named ones, or all.
CREATE TABLE program_offer (
    program_id         VARCHAR(64) NOT NULL,
    organization_id    VARCHAR(128) NOT NULL,
    offered_to         TEXT NOT NULL DEFAULT '[]',
    all_oems           BOOLEAN NOT NULL DEFAULT FALSE,
    source_at          TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (program_id, organization_id)
);

CREATE TABLE resource_view (
    id               VARCHAR(128) PRIMARY KEY,
    resource_name    VARCHAR(255),
    ven_id           VARCHAR(128),
    organization_id  VARCHAR(128) NOT NULL,
    device_type      VARCHAR(64),
    site_id          VARCHAR(128),
    capacity         DOUBLE PRECISION,
    connectivity     VARCHAR(16),
    deleted          BOOLEAN NOT NULL DEFAULT FALSE,
    source_at        TIMESTAMPTZ NOT NULL
);

CREATE TABLE site_view (
    id                 VARCHAR(128) PRIMARY KEY,
    organization_id    VARCHAR(128) NOT NULL,
    state              VARCHAR(8),
    zip                VARCHAR(16),
    territory_outcome  VARCHAR(32),
    utility_id         VARCHAR(128),
    utility_name       VARCHAR(255),
    deleted            BOOLEAN NOT NULL DEFAULT FALSE,
    source_at          TIMESTAMPTZ NOT NULL
);

-- One enrollment: a customer (core API, kind 'core') or a device (Direct API, kind 'direct') in one program
-- instance. utility_organization_id owns the instance; oem_organization_id owns the device and its consent.
-- Rows are never deleted: DELETE ends an enrollment (unenrolling / revoked) and keeps it.
CREATE TABLE enrollment (
    id                        VARCHAR(64) PRIMARY KEY,
    kind                      VARCHAR(8) NOT NULL CHECK (kind IN ('core', 'direct')),
    instance_id               VARCHAR(64) NOT NULL,
    program_id                VARCHAR(64) NOT NULL,
    openadr_program_id        VARCHAR(64),
    utility_organization_id   VARCHAR(128) NOT NULL,
    oem_organization_id       VARCHAR(128),
    workspace_id              VARCHAR(128),
    ven_id                    VARCHAR(128),
    device_id                 VARCHAR(128),
    resource_name             VARCHAR(255),
    device_type               VARCHAR(64),
    site_id                   VARCHAR(128),
    identification_type       VARCHAR(32),
    customer_id               VARCHAR(128),
    lead_id                   VARCHAR(64),
    first_name                VARCHAR(255),
    last_name                 VARCHAR(255),
    email                     VARCHAR(320),
    phone                     VARCHAR(64),
    serial_number             VARCHAR(255),
    reference_id              VARCHAR(255),
    reference_description     TEXT,
    manufacturer_slugs        TEXT NOT NULL DEFAULT '[]',
    tags                      TEXT NOT NULL DEFAULT '[]',
    meta                      TEXT NOT NULL DEFAULT '{}',
    address                   TEXT,
    enrollment_start_date     TIMESTAMPTZ,
    eligibility_status        VARCHAR(16) NOT NULL,
    eligibility_reason        TEXT,
    state                     VARCHAR(24),
    state_reason              TEXT,
    last_change_at            TIMESTAMPTZ,
    ended_at                  TIMESTAMPTZ,
    sequence                  BIGINT NOT NULL DEFAULT 1,
    created_at                TIMESTAMPTZ NOT NULL,
    updated_at                TIMESTAMPTZ NOT NULL
);
CREATE INDEX enrollment_instance ON enrollment (instance_id, eligibility_status, created_at, id);
CREATE INDEX enrollment_utility ON enrollment (utility_organization_id);
CREATE INDEX enrollment_oem ON enrollment (oem_organization_id, created_at, id);
CREATE INDEX enrollment_device ON enrollment (device_id);
-- Idempotent by device + program: one live enrollment per pair; the index (not a read-then-write) settles
-- concurrent duplicates. An ended enrollment (opted_out, revoked) leaves room for a new one.
CREATE UNIQUE INDEX enrollment_live_device_program ON enrollment (device_id, program_id)
    WHERE kind = 'direct' AND ended_at IS NULL;

-- Append-only lifecycle history: every transition with its time, cause and actor.
CREATE TABLE enrollment_transition (
    id             BIGSERIAL PRIMARY KEY,
    enrollment_id  VARCHAR(64) NOT NULL REFERENCES enrollment (id),
    from_state     VARCHAR(24),
    to_state       VARCHAR(24) NOT NULL,
    cause          VARCHAR(64) NOT NULL,
    actor          VARCHAR(255) NOT NULL,
    detail         TEXT,
    occurred_at    TIMESTAMPTZ NOT NULL,
    recorded_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX enrollment_transition_enrollment ON enrollment_transition (enrollment_id, id);

-- Consent as the OEM submitted it; kept at least 7 years (direct-api-v2 §10.5): never deleted or rewritten,
-- only its revocation time is set once.
CREATE TABLE consent_record (
    id                VARCHAR(64) PRIMARY KEY,
    enrollment_id     VARCHAR(64) NOT NULL REFERENCES enrollment (id),
    organization_id   VARCHAR(128) NOT NULL,
    device_id         VARCHAR(128) NOT NULL,
    opt_in            BOOLEAN NOT NULL,
    consented_at      TIMESTAMPTZ NOT NULL,
    source            VARCHAR(64) NOT NULL,
    terms_version     VARCHAR(128) NOT NULL,
    scope             TEXT NOT NULL,
    recorded_at       TIMESTAMPTZ NOT NULL,
    revoked_at        TIMESTAMPTZ,
    revocation_source VARCHAR(128)
);
CREATE INDEX consent_record_enrollment ON consent_record (enrollment_id);

CREATE FUNCTION forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END $$;

CREATE FUNCTION consent_revocation_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.revoked_at IS NOT NULL OR (to_jsonb(NEW) - 'revoked_at' - 'revocation_source')
            IS DISTINCT FROM (to_jsonb(OLD) - 'revoked_at' - 'revocation_source') THEN
        RAISE EXCEPTION 'consent_record % is immutable; only a first revocation may be set', OLD.id;
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER enrollment_transition_append_only BEFORE UPDATE OR DELETE ON enrollment_transition
    FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER consent_record_no_delete BEFORE DELETE ON consent_record
    FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER consent_record_revocation_only BEFORE UPDATE ON consent_record
    FOR EACH ROW EXECUTE FUNCTION consent_revocation_only();
CREATE TRIGGER enrollment_no_delete BEFORE DELETE ON enrollment
    FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- Revocation and change events (direct-api-v2 §10.6), keyed by the OEM's idempotency id: a replay finds the
-- row and changes nothing.
CREATE TABLE device_change_event (
    organization_id  VARCHAR(128) NOT NULL,
    event_id         VARCHAR(128) NOT NULL,
    type             VARCHAR(32) NOT NULL,
    device_id        VARCHAR(128) NOT NULL,
    occurred_at      TIMESTAMPTZ NOT NULL,
    received_at      TIMESTAMPTZ NOT NULL,
    outcome          VARCHAR(16) NOT NULL,
    body             TEXT NOT NULL,
    PRIMARY KEY (organization_id, event_id)
);

CREATE TABLE lead (
    id               VARCHAR(64) PRIMARY KEY,
    organization_id  VARCHAR(128) NOT NULL,
    workspace_id     VARCHAR(128),
    email            VARCHAR(320) NOT NULL,
    first_name       VARCHAR(255),
    last_name        VARCHAR(255),
    phone            VARCHAR(64),
    address1         VARCHAR(255),
    address2         VARCHAR(255),
    city             VARCHAR(255),
    state            VARCHAR(64),
    postal_code      VARCHAR(32),
    country          VARCHAR(64),
    metadata         TEXT NOT NULL DEFAULT '{}',
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX lead_organization ON lead (organization_id, created_at, id);
