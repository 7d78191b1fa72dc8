-- The KS version KTS builds for an instance's sessions: 'v2' (current
-- Kaltura accounts) or 'v1' (old accounts whose partner takes only v1).
-- Existing instances keep what KTS always built for them: v2.
ALTER TABLE instances ADD COLUMN ks_version TEXT NOT NULL DEFAULT 'v2'
    CHECK (ks_version IN ('v1', 'v2'));
