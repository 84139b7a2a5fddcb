-- Tenants, their OAuth clients and API keys, and the token signing keys.
-- Secrets and API keys are stored only as SHA-256 hashes (they are 256-bit random values, see README).

CREATE TABLE organization (
    id                         uuid PRIMARY KEY,
    name                       varchar(200) NOT NULL,
    domain                     varchar(253) NOT NULL,
    logo                       varchar(2048),
    url                        varchar(2048),
    industry                   varchar(200),
    preferred_temperature_unit varchar(16)  NOT NULL,
    created_at                 timestamptz  NOT NULL
);
CREATE UNIQUE INDEX organization_domain_key ON organization (lower(domain));

CREATE TABLE workspace (
    id              uuid PRIMARY KEY,
    organization_id uuid         NOT NULL REFERENCES organization (id),
    name            varchar(200) NOT NULL,
    created_at      timestamptz  NOT NULL,
    CONSTRAINT workspace_name_key UNIQUE (organization_id, name)
);

CREATE TABLE oauth_client (
    client_id       varchar(64) PRIMARY KEY,
    organization_id uuid         NOT NULL REFERENCES organization (id),
    workspace_id    uuid REFERENCES workspace (id),
    name            varchar(200) NOT NULL,
    ven_id          varchar(128),
    scopes          varchar(1024) NOT NULL,
    status          varchar(16)  NOT NULL,
    created_at      timestamptz  NOT NULL,
    revoked_at      timestamptz
);
CREATE INDEX oauth_client_organization_idx ON oauth_client (organization_id, created_at);

CREATE TABLE client_secret (
    id          uuid PRIMARY KEY,
    client_id   varchar(64) NOT NULL REFERENCES oauth_client (client_id),
    secret_hash char(64)    NOT NULL,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz,
    revoked_at  timestamptz
);
CREATE INDEX client_secret_client_idx ON client_secret (client_id);

CREATE TABLE api_key (
    id              uuid PRIMARY KEY,
    organization_id uuid         NOT NULL REFERENCES organization (id),
    workspace_id    uuid REFERENCES workspace (id),
    type            varchar(16)  NOT NULL,
    reference_id    varchar(256),
    name            varchar(200) NOT NULL,
    key_prefix      varchar(16)  NOT NULL,
    key_hash        char(64)     NOT NULL,
    created_at      timestamptz  NOT NULL,
    revoked_at      timestamptz,
    CONSTRAINT api_key_reference_check CHECK ((type = 'SCOPED') = (reference_id IS NOT NULL))
);
CREATE UNIQUE INDEX api_key_hash_key ON api_key (key_hash);
CREATE INDEX api_key_organization_idx ON api_key (organization_id, created_at);

-- NEXT (published, not signing) -> ACTIVE (signing) -> RETIRED (published until publish_until) -> REMOVED.
CREATE TABLE signing_key (
    kid                   varchar(64) PRIMARY KEY,
    state                 varchar(16) NOT NULL,
    public_key            bytea       NOT NULL,
    private_key_encrypted bytea,
    created_at            timestamptz NOT NULL,
    activated_at          timestamptz,
    retired_at            timestamptz,
    publish_until         timestamptz
);
-- At most one signing key and one waiting key, whatever the number of replicas racing to create them.
CREATE UNIQUE INDEX signing_key_one_active ON signing_key (state) WHERE state = 'ACTIVE';
CREATE UNIQUE INDEX signing_key_one_next ON signing_key (state) WHERE state = 'NEXT';
