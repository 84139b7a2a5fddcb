-- Read model of enrollment.changed: which device is enrolled in which utility's program, and how far its
-- lifecycle got. It widens a utility's view of devices (visibility rule) and selects the devices whose
-- contributions make a program's fleet capacity. One row per enrollment; the highest sequence wins.
CREATE TABLE enrollment_view (
    enrollment_id            VARCHAR(128) PRIMARY KEY,
    sequence                 BIGINT NOT NULL,
    device_id                VARCHAR(64),
    program_id               VARCHAR(128),
    openadr_program_id       VARCHAR(128),
    program_instance_id      VARCHAR(128),
    utility_organization_id  VARCHAR(128) NOT NULL,
    oem_organization_id      VARCHAR(128),
    ven_id                   VARCHAR(64),
    state                    VARCHAR(32),
    ended                    BOOLEAN NOT NULL,
    updated_at               TIMESTAMPTZ NOT NULL
);
-- Only live (dispatchable) enrollments are ever looked up on the request path: a utility's visible devices,
-- and a program's capacity. Partial indexes keep them small however many enrollments ended.
CREATE INDEX enrollment_view_utility_device ON enrollment_view (utility_organization_id, device_id)
    WHERE NOT ended AND state IN ('enrolled', 'active');
CREATE INDEX enrollment_view_program ON enrollment_view (program_id)
    WHERE NOT ended AND state IN ('enrolled', 'active');
CREATE INDEX enrollment_view_openadr_program ON enrollment_view (openadr_program_id)
    WHERE NOT ended AND state IN ('enrolled', 'active');
CREATE INDEX enrollment_view_device ON enrollment_view (device_id);

-- The OpenADR id of a program (/v2/x-texture/programs/{programID}/capacity names programs by it).
ALTER TABLE program_view ADD COLUMN openadr_program_id VARCHAR(128);
CREATE INDEX program_view_openadr ON program_view (openadr_program_id);

-- Each device's contribution to fleet capacity, kept current with every registration change and reading
-- (service/Capacity): static ratings from the attributes, and what the latest telemetry says it can
-- deliver now. Connectivity is applied when the figures are summed, so a connectivity change rewrites
-- nothing here. NULL = not applicable to the device's type, or not known.
ALTER TABLE device
    ADD COLUMN max_discharge_kw          DOUBLE PRECISION,
    ADD COLUMN usable_capacity_kwh       DOUBLE PRECISION,
    ADD COLUMN nameplate_kw              DOUBLE PRECISION,
    ADD COLUMN available_discharge_kw    DOUBLE PRECISION,
    ADD COLUMN available_curtailment_kw  DOUBLE PRECISION,
    ADD COLUMN curtailable_generation_kw DOUBLE PRECISION,
    ADD COLUMN stored_kwh                DOUBLE PRECISION;

-- Devices registered before this migration: their static ratings from the stored attributes (the dynamic
-- figures follow with their next reading). Attributes are a JSON array of {type, values}.
UPDATE device d SET
    max_discharge_kw = (SELECT (a -> 'values' ->> 0)::double precision FROM jsonb_array_elements(d.attributes::jsonb) a
                        WHERE a ->> 'type' = 'STORAGE_MAX_DISCHARGE_POWER' AND jsonb_typeof(a -> 'values' -> 0) = 'number'
                        LIMIT 1),
    usable_capacity_kwh = (SELECT (a -> 'values' ->> 0)::double precision / 1000 FROM jsonb_array_elements(d.attributes::jsonb) a
                           WHERE a ->> 'type' = 'STORAGE_USABLE_CAPACITY' AND jsonb_typeof(a -> 'values' -> 0) = 'number'
                           LIMIT 1),
    nameplate_kw = (SELECT (a -> 'values' ->> 0)::double precision FROM jsonb_array_elements(d.attributes::jsonb) a
                    WHERE a ->> 'type' = 'x-static:NAMEPLATE_KW' AND jsonb_typeof(a -> 'values' -> 0) = 'number'
                    LIMIT 1)
WHERE d.attributes <> '[]';
