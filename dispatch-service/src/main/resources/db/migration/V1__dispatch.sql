-- OpenADR events written by utilities. body is the OpenADR eventRequest as accepted (JSON text); the
-- columns beside it are what queries filter on.
CREATE TABLE dispatch_event (
    id                 VARCHAR(64) PRIMARY KEY,
    program_id         VARCHAR(128) NOT NULL,
    organization_id    VARCHAR(128) NOT NULL,
    body               TEXT NOT NULL,
    interval_start     TIMESTAMPTZ,
    interval_end       TIMESTAMPTZ,
    created_at         TIMESTAMPTZ NOT NULL,
    modified_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX dispatch_event_program ON dispatch_event (program_id, created_at);

-- Read model of programs.changed: which utility organization owns a program (events may only be
-- written by it). updated_at orders facts: an older one never overwrites a newer one.
CREATE TABLE known_program (
    program_id         VARCHAR(128) PRIMARY KEY,
    organization_id    VARCHAR(128) NOT NULL,
    deleted            BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at         TIMESTAMPTZ NOT NULL
);

-- Read model of enrollment.changed, one row per enrollment; the highest sequence wins.
CREATE TABLE dispatch_enrollment (
    enrollment_id            VARCHAR(128) PRIMARY KEY,
    sequence                 BIGINT NOT NULL,
    state                    VARCHAR(32),
    program_id               VARCHAR(128),
    openadr_program_id       VARCHAR(128),
    utility_organization_id  VARCHAR(128),
    oem_organization_id      VARCHAR(128),
    ven_id                   VARCHAR(128),
    device_id                VARCHAR(128),
    resource_name            VARCHAR(255),
    ended                    BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX dispatch_enrollment_program ON dispatch_enrollment (program_id);
CREATE INDEX dispatch_enrollment_openadr_program ON dispatch_enrollment (openadr_program_id);
CREATE INDEX dispatch_enrollment_ven ON dispatch_enrollment (ven_id);

-- OpenADR subscriptions. object_operations keeps callbackUrl per operation set, with bearerToken
-- AES-GCM encrypted (never returned); signing_secret likewise encrypted.
CREATE TABLE subscription (
    id                    VARCHAR(64) PRIMARY KEY,
    organization_id       VARCHAR(128) NOT NULL,
    ven_id                VARCHAR(128),
    client_id             VARCHAR(255) NOT NULL,
    client_name           VARCHAR(255) NOT NULL,
    program_id            VARCHAR(128),
    object_operations     TEXT NOT NULL,
    targets               TEXT NOT NULL DEFAULT '[]',
    contact_email         VARCHAR(320),
    signing_secret        TEXT NOT NULL,
    healthy               BOOLEAN NOT NULL DEFAULT TRUE,
    consecutive_failures  INTEGER NOT NULL DEFAULT 0,
    created_at            TIMESTAMPTZ NOT NULL,
    modified_at           TIMESTAMPTZ NOT NULL
);
CREATE INDEX subscription_org ON subscription (organization_id);

-- Durable webhook deliveries: one row per notification per subscription operation set; seq orders a
-- subscription's deliveries; lease_until marks one in flight (expired lease after a crash: retried,
-- with the same webhook_id).
CREATE TABLE webhook_delivery (
    id                VARCHAR(64) PRIMARY KEY,
    seq               BIGSERIAL NOT NULL,
    subscription_id   VARCHAR(64) NOT NULL REFERENCES subscription (id) ON DELETE CASCADE,
    operation_index   INTEGER NOT NULL,
    event_id          VARCHAR(64) NOT NULL,
    operation         VARCHAR(16) NOT NULL,
    body              TEXT NOT NULL,
    status            VARCHAR(16) NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'CANCELLED')),
    attempts          INTEGER NOT NULL DEFAULT 0,
    next_attempt_at   TIMESTAMPTZ NOT NULL,
    lease_until       TIMESTAMPTZ,
    last_status_code  INTEGER,
    last_error        TEXT,
    created_at        TIMESTAMPTZ NOT NULL,
    delivered_at      TIMESTAMPTZ
);
CREATE INDEX webhook_delivery_pending ON webhook_delivery (subscription_id, seq) WHERE status = 'PENDING';

CREATE TABLE webhook_attempt (
    id              VARCHAR(100) PRIMARY KEY,
    delivery_id     VARCHAR(64) NOT NULL REFERENCES webhook_delivery (id) ON DELETE CASCADE,
    attempt         INTEGER NOT NULL,
    attempted_at    TIMESTAMPTZ NOT NULL,
    status_code     INTEGER,
    latency_ms      BIGINT NOT NULL,
    error           TEXT,
    CONSTRAINT webhook_attempt_unique UNIQUE (delivery_id, attempt)
);

-- Per-device COMMAND_STATUS from event-response reports; rank only grows (out-of-order reports never
-- move a device backwards).
CREATE TABLE command_status (
    event_id        VARCHAR(64) NOT NULL,
    device_id       VARCHAR(128) NOT NULL,
    ven_id          VARCHAR(128),
    status          VARCHAR(16) NOT NULL,
    status_rank     INTEGER NOT NULL,
    failure_reason  TEXT,
    reported_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (event_id, device_id)
);
