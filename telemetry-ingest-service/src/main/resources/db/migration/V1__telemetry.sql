-- Reports as received (POST/PUT /v2/reports). The body is the client's JSON, kept as json (text checked
-- once, not decomposed: a 500-resource body costs PostgreSQL several times more as jsonb on the hot path);
-- id and metadata are columns, merged into the body (as jsonb) when read. utility_organization_id is the organization of the answered event's
-- program, so that utility can read the reports for its events.
CREATE TABLE report (
    id                      text PRIMARY KEY,
    organization_id         text        NOT NULL,
    ven_id                  text        NOT NULL,
    client_id               text        NOT NULL,
    client_name             text        NOT NULL,
    event_id                text,
    program_id              text,
    utility_organization_id text,
    body                    json        NOT NULL,
    created_at              timestamptz NOT NULL,
    modified_at             timestamptz NOT NULL
);
CREATE INDEX report_ven ON report (ven_id, created_at);
CREATE INDEX report_utility ON report (utility_organization_id, created_at) WHERE utility_organization_id IS NOT NULL;

-- One row per reading (device × interval start), written by the history writer from telemetry.raw.
-- Range partitions by day (created on demand by the writer, dropped by the retention job); the primary
-- key makes a redelivered record update the same row instead of adding one.
CREATE TABLE reading (
    device_id       text        NOT NULL,
    start_ts        timestamptz NOT NULL,
    duration        text        NOT NULL,
    organization_id text        NOT NULL,
    ven_id          text,
    device_type     text,
    event_id        text,
    program_id      text,
    report_id       text,
    payloads        jsonb       NOT NULL,
    received_at     timestamptz NOT NULL,
    PRIMARY KEY (device_id, start_ts)
) PARTITION BY RANGE (start_ts);
-- Readings arrive roughly in time order, so a BRIN index keeps time-range scans cheap at a tiny size.
CREATE INDEX reading_start_brin ON reading USING brin (start_ts);
