-- The OEM organizations a program is offered to (programs.changed programOffers.changed, the whole current set
-- each time), so that an OEM learns a private program offered to it exists before any of its devices is
-- enrolled: its fleet capacity is then zeros instead of 404. offers_updated_at orders the offer sets (a
-- program change does not touch them). Programs offered before this migration are learnt with their next
-- offer change.
ALTER TABLE program_view ADD COLUMN offered_to VARCHAR(128)[] NOT NULL DEFAULT '{}';
ALTER TABLE program_view ADD COLUMN offered_to_all_oems BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE program_view ADD COLUMN offers_updated_at TIMESTAMPTZ;
