-- Clean-up of what a failed upload created on a platform, kept until done
-- (src/store/undo.rs). A row is written before the creation starts and
-- removed when it succeeds; a row whose creation failed, or whose owner
-- stopped renewing it, is due at `due_at` (Unix seconds).
CREATE TABLE undo_jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    instance_id INTEGER NOT NULL,
    steps TEXT NOT NULL,
    owner TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    due_at INTEGER NOT NULL,
    last_error TEXT,
    created_at INTEGER NOT NULL
);

CREATE INDEX undo_jobs_due_at ON undo_jobs (due_at);
