-- Organization kinds (utility | oem), signing-key algorithms (ES256 default, RS256 per client).

-- Every organization created before kinds existed was created through the core API's /v1/organization,
-- which is the utility-facing API, and holds SERVER keys with the utility scopes (read_all write_programs
-- write_events): 'utility' keeps what those organizations could already do. An OEM among them is
-- re-created (or its row corrected) by the platform operator; nothing widens by this default.
ALTER TABLE organization ADD COLUMN kind varchar(16) NOT NULL DEFAULT 'utility';
ALTER TABLE organization ALTER COLUMN kind DROP DEFAULT;
ALTER TABLE organization ADD CONSTRAINT organization_kind_check CHECK (kind IN ('utility', 'oem'));

-- The algorithm a client's tokens are signed with: ES256 (default) or RS256 for verifiers without EC support.
ALTER TABLE oauth_client ADD COLUMN token_signing_alg varchar(8) NOT NULL DEFAULT 'ES256';
ALTER TABLE oauth_client ADD CONSTRAINT oauth_client_alg_check CHECK (token_signing_alg IN ('ES256', 'RS256'));

-- Existing signing keys are RSA; from now on there is one signing and one waiting key per algorithm.
ALTER TABLE signing_key ADD COLUMN alg varchar(8) NOT NULL DEFAULT 'RS256';
ALTER TABLE signing_key ALTER COLUMN alg DROP DEFAULT;
ALTER TABLE signing_key ADD CONSTRAINT signing_key_alg_check CHECK (alg IN ('ES256', 'RS256'));
DROP INDEX signing_key_one_active;
DROP INDEX signing_key_one_next;
CREATE UNIQUE INDEX signing_key_one_active ON signing_key (alg) WHERE state = 'ACTIVE';
CREATE UNIQUE INDEX signing_key_one_next ON signing_key (alg) WHERE state = 'NEXT';
