-- Instances may be Telestream Cloud factories (src/store/account/telestream.rs):
-- the Kaltura columns a factory leaves empty become nullable, and the
-- factory's fields get their columns (secrets encrypted like the others).
-- SQLite cannot drop NOT NULL in place, so the table is rebuilt with the same
-- rows; the application still checks every required field per platform.
CREATE TABLE instances_new (
    id INTEGER PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    platform TEXT NOT NULL DEFAULT 'kaltura',
    service_url TEXT,
    partner_id INTEGER,
    player_uiconf_id INTEGER,
    thumbnail_player_uiconf_id INTEGER,
    admin_secret TEXT,
    user_secret TEXT,
    user_id TEXT,
    mobile_flavor_id INTEGER,
    ks_version TEXT CHECK (ks_version IS NULL OR ks_version IN ('v1', 'v2')),
    api_generation TEXT,
    api_url TEXT,
    factory_id TEXT,
    access_key TEXT,
    secret_access_key TEXT,
    api_key TEXT,
    profiles TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    last_success_at INTEGER
);

INSERT INTO instances_new (id, name, platform, service_url, partner_id, player_uiconf_id,
    thumbnail_player_uiconf_id, admin_secret, user_secret, user_id, mobile_flavor_id, ks_version,
    created_at, updated_at, last_success_at)
SELECT id, name, platform, service_url, partner_id, player_uiconf_id,
    thumbnail_player_uiconf_id, admin_secret, user_secret, user_id, mobile_flavor_id, ks_version,
    created_at, updated_at, last_success_at
FROM instances;

DROP TABLE instances;
ALTER TABLE instances_new RENAME TO instances;

-- What KTS keeps about an entry that its platform has no field for (a
-- Telestream video has no name, description or tags, and no default
-- thumbnail): one row per entry KTS created or changed there.
CREATE TABLE entry_details (
    instance_id INTEGER NOT NULL,
    entry_id TEXT NOT NULL,
    name TEXT,
    description TEXT,
    tags TEXT,
    default_thumbnail TEXT,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (instance_id, entry_id)
);
