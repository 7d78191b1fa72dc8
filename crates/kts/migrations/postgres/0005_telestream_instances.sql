-- Instances may be Telestream Cloud factories (src/store/account/telestream.rs):
-- the Kaltura columns a factory leaves empty become nullable, and the
-- factory's fields get their columns (secrets encrypted like the others).
-- The application still checks every required field per platform.
ALTER TABLE instances ALTER COLUMN service_url DROP NOT NULL;
ALTER TABLE instances ALTER COLUMN partner_id DROP NOT NULL;
ALTER TABLE instances ALTER COLUMN admin_secret DROP NOT NULL;
ALTER TABLE instances ALTER COLUMN user_id DROP NOT NULL;
ALTER TABLE instances ALTER COLUMN ks_version DROP NOT NULL;
ALTER TABLE instances ADD COLUMN api_generation TEXT;
ALTER TABLE instances ADD COLUMN api_url TEXT;
ALTER TABLE instances ADD COLUMN factory_id TEXT;
ALTER TABLE instances ADD COLUMN access_key TEXT;
ALTER TABLE instances ADD COLUMN secret_access_key TEXT;
ALTER TABLE instances ADD COLUMN api_key TEXT;
ALTER TABLE instances ADD COLUMN profiles TEXT;

-- What KTS keeps about an entry that its platform has no field for (a
-- Telestream video has no name, description or tags, and no default
-- thumbnail): one row per entry KTS created or changed there.
CREATE TABLE entry_details (
    instance_id BIGINT NOT NULL,
    entry_id TEXT NOT NULL,
    name TEXT,
    description TEXT,
    tags TEXT,
    default_thumbnail TEXT,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (instance_id, entry_id)
);
