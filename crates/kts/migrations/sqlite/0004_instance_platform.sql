-- The platform an instance is an account of. The account's own fields stay
-- one column each, named as in the platform's field list
-- (src/store/account.rs). Every instance before this one is a Kaltura
-- account.
ALTER TABLE instances ADD COLUMN platform TEXT NOT NULL DEFAULT 'kaltura';
