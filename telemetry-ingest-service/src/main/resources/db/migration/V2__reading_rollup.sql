-- 5-, 15- and 60-minute rollups of reading, one row per (device, width, bucket, payload type), kept current
-- by the history writer in the same statement that writes the readings (only payloads new to their reading
-- are added, so a redelivered record changes nothing). Numeric values keep count/sum/min/max; every value
-- type keeps the bucket's last value. Buckets are date_bin from 2000-01-01T00:00Z (aligned to the hour).
CREATE TABLE reading_rollup (
    device_id       text        NOT NULL,
    bucket_minutes  smallint    NOT NULL,
    bucket_start    timestamptz NOT NULL,
    payload_type    text        NOT NULL,
    organization_id text        NOT NULL,
    value_count     integer     NOT NULL,
    numeric_count   integer     NOT NULL,
    numeric_sum     float8      NOT NULL,
    numeric_min     float8,
    numeric_max     float8,
    last_value      jsonb       NOT NULL,
    last_start      timestamptz NOT NULL,
    PRIMARY KEY (device_id, bucket_minutes, bucket_start, payload_type)
);
-- /v1/metrics reads an organization's buckets of one width over a time range.
CREATE INDEX reading_rollup_org ON reading_rollup (organization_id, bucket_minutes, bucket_start);
