-- Read model of programs.changed programInstance.*: an instance's program and owner organization.
CREATE TABLE known_instance (
    instance_id      VARCHAR(128) PRIMARY KEY,
    program_id       VARCHAR(128) NOT NULL,
    organization_id  VARCHAR(128) NOT NULL,
    workspace_id     VARCHAR(128),
    deleted          BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at       TIMESTAMPTZ NOT NULL
);

-- Core API program events (/v1/program-events): the frame of the request; each dispatch is an OpenADR
-- event of dispatch_event (program_event_id), so both APIs fan out through one table and one path.
CREATE TABLE program_event (
    id                   VARCHAR(64) PRIMARY KEY,
    organization_id      VARCHAR(128) NOT NULL,
    program_instance_id  VARCHAR(128) NOT NULL,
    program_id           VARCHAR(128) NOT NULL,
    type                 VARCHAR(64) NOT NULL,
    starts_at            TIMESTAMPTZ NOT NULL,
    ends_at              TIMESTAMPTZ NOT NULL,
    dispatches           TEXT NOT NULL,
    created_at           TIMESTAMPTZ NOT NULL,
    cancelled_at         TIMESTAMPTZ
);
CREATE INDEX program_event_instance ON program_event (program_instance_id, created_at);

ALTER TABLE dispatch_event ADD COLUMN program_event_id VARCHAR(64);
CREATE INDEX dispatch_event_program_event ON dispatch_event (program_event_id) WHERE program_event_id IS NOT NULL;
