-- Whether KTS asks an instance's platform for gzip-compressed answers:
-- 'auto' (off for a loopback host, on otherwise), 'on' or 'off'
-- (src/store/account/compression.rs). NULL, as existing rows get, reads as
-- 'auto': what KTS did so far for remote servers.
ALTER TABLE instances ADD COLUMN compression TEXT;
