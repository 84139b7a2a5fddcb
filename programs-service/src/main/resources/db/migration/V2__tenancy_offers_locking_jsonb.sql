-- Hardening (see README.md): optimistic locking, JSON as jsonb, slugs unique per organization, an index for
-- the targets filter, the platform as owner of the public catalog, and offers of programs to OEM organizations.

-- Optimistic locking: a write names the version it read; a stale write is refused (409), not lost.
ALTER TABLE program ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE program_instance ADD COLUMN version BIGINT NOT NULL DEFAULT 0;

-- JSON-valued columns become jsonb (validated by the database, queryable, compact).
ALTER TABLE program ALTER COLUMN description_urls DROP DEFAULT;
ALTER TABLE program ALTER COLUMN description_urls TYPE jsonb USING description_urls::jsonb;
ALTER TABLE program ALTER COLUMN description_urls SET DEFAULT '[]'::jsonb;
ALTER TABLE program ALTER COLUMN extra_attributes DROP DEFAULT;
ALTER TABLE program ALTER COLUMN extra_attributes TYPE jsonb USING extra_attributes::jsonb;
ALTER TABLE program ALTER COLUMN extra_attributes SET DEFAULT '[]'::jsonb;
ALTER TABLE program ALTER COLUMN payload_descriptors TYPE jsonb USING payload_descriptors::jsonb;
ALTER TABLE program_instance ALTER COLUMN eligibility_criteria TYPE jsonb USING eligibility_criteria::jsonb;
ALTER TABLE program_instance ALTER COLUMN form_config TYPE jsonb USING form_config::jsonb;
ALTER TABLE program_instance ALTER COLUMN metadata TYPE jsonb USING metadata::jsonb;

-- A slug is unique within its owning organization, so creating one never reveals that another tenant's
-- private program holds it. A public slug is unique across the VTN (everyone sees public programs, so
-- refusing a clash with one reveals nothing); the service checks private-against-public under an advisory
-- lock on the slug, this index settles public-against-public races.
ALTER TABLE program DROP CONSTRAINT program_slug_unique;
ALTER TABLE program ADD CONSTRAINT program_slug_unique_per_organization UNIQUE (organization_id, slug);
CREATE UNIQUE INDEX program_public_slug_unique ON program (slug) WHERE visibility = 'public';
CREATE INDEX program_slug ON program (slug);

-- /v2/programs filters on targets (array containment): GIN, like states.
CREATE INDEX program_targets ON program USING GIN (targets);

-- The public catalog belongs to the platform (the platform admin manages it).
UPDATE program SET organization_id = 'platform' WHERE organization_id = 'platform:commongrid';

-- Offers: the owning utility makes a program visible to OEM organizations, to one (organization_id) or to
-- every OEM organization (organization_id NULL). Gone with the program.
CREATE TABLE program_offer (
    id                    VARCHAR(64) PRIMARY KEY,
    program_id            VARCHAR(64) NOT NULL REFERENCES program (id) ON DELETE CASCADE,
    organization_id       VARCHAR(128),
    created_at            TIMESTAMPTZ NOT NULL,
    CONSTRAINT program_offer_unique UNIQUE NULLS NOT DISTINCT (program_id, organization_id)
);
CREATE INDEX program_offer_organization ON program_offer (organization_id, program_id);
