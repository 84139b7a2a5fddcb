-- Programs: the catalog. A public program is visible to every organization; a private one only to
-- organization_id (the organization it was created for). slug doubles as the OpenADR programName,
-- which must be unique per VTN: the unique constraint (not a read-then-write) settles concurrent creates.
CREATE TABLE program (
    id                    VARCHAR(64) PRIMARY KEY,
    slug                  VARCHAR(128) NOT NULL,
    name                  VARCHAR(255) NOT NULL,
    description           TEXT NOT NULL DEFAULT '',
    states                VARCHAR(2)[] NOT NULL DEFAULT '{}',
    active                BOOLEAN NOT NULL,
    visibility            VARCHAR(16) NOT NULL CHECK (visibility IN ('public', 'private')),
    program_type          VARCHAR(32),
    year                  INTEGER,
    start_time            TIMESTAMPTZ,
    end_time              TIMESTAMPTZ,
    interval_duration     VARCHAR(64),
    randomize_start       VARCHAR(64),
    organization_id       VARCHAR(128) NOT NULL,
    workspace_id          VARCHAR(128),
    description_urls      TEXT NOT NULL DEFAULT '[]',
    payload_descriptors   TEXT,
    extra_attributes      TEXT NOT NULL DEFAULT '[]',
    targets               VARCHAR(128)[] NOT NULL DEFAULT '{}',
    created_at            TIMESTAMPTZ NOT NULL,
    updated_at            TIMESTAMPTZ NOT NULL,
    CONSTRAINT program_slug_unique UNIQUE (slug)
);
CREATE INDEX program_visibility_org ON program (visibility, organization_id);
CREATE INDEX program_states ON program USING GIN (states);

-- Program instances: one organization's deployment of a program. Never shared across organizations.
-- The instance slug is unique within its organization.
CREATE TABLE program_instance (
    id                    VARCHAR(64) PRIMARY KEY,
    program_id            VARCHAR(64) NOT NULL REFERENCES program (id) ON DELETE RESTRICT,
    organization_id       VARCHAR(128) NOT NULL,
    workspace_id          VARCHAR(128),
    slug                  VARCHAR(128) NOT NULL,
    title                 VARCHAR(255) NOT NULL,
    description           TEXT,
    eligibility_criteria  TEXT,
    program_terms         TEXT,
    form_config           TEXT,
    logo_url              VARCHAR(2048),
    start_date            TIMESTAMPTZ,
    end_date              TIMESTAMPTZ,
    status                VARCHAR(16) NOT NULL CHECK (status IN ('active', 'inactive', 'archived')),
    metadata              TEXT,
    created_at            TIMESTAMPTZ NOT NULL,
    updated_at            TIMESTAMPTZ NOT NULL,
    CONSTRAINT program_instance_slug_unique UNIQUE (organization_id, slug),
    CONSTRAINT program_instance_dates CHECK (end_date IS NULL OR start_date IS NULL OR end_date > start_date)
);
CREATE INDEX program_instance_program ON program_instance (program_id, organization_id, status);
CREATE INDEX program_instance_org ON program_instance (organization_id, created_at, id);
