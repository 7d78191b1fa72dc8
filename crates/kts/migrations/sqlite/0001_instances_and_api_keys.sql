-- Kaltura accounts ("instances") and API keys. Timestamps are Unix seconds
-- (INTEGER) so the same queries work on SQLite and PostgreSQL through sqlx's
-- Any driver. Secrets are stored encrypted (see src/store/secrets.rs).
CREATE TABLE instances (
    id INTEGER PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    service_url TEXT NOT NULL,
    partner_id INTEGER NOT NULL,
    player_uiconf_id INTEGER,
    thumbnail_player_uiconf_id INTEGER,
    admin_secret TEXT NOT NULL,
    user_secret TEXT,
    user_id TEXT NOT NULL,
    mobile_flavor_id INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    last_success_at INTEGER
);

CREATE TABLE api_keys (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    scope TEXT NOT NULL CHECK (scope IN ('read', 'write')),
    key_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked_at INTEGER
);
