//! The `undo_jobs` table: a durable list of what must be removed from a
//! platform because an upload that created it did not finish.
//!
//! A row is written *before* a creation starts, owned by the running
//! process and not due while that process renews its lease; it is removed
//! when the creation succeeds. When the creation fails the row becomes due
//! at once; when the process dies its lease runs out and the row becomes due
//! for whichever process runs the clean-up next. So a restart or an outage of
//! the platform delays a clean-up but never forgets it. The steps are text to
//! the store (written and read by `ops::undo`).

use sqlx::Row;
use sqlx::any::AnyRow;

use super::{Store, StoreError, now};
use crate::ids::InstanceId;

/// One clean-up to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UndoJob {
    /// Row id.
    pub id: i64,
    /// The instance whose platform holds what is to be removed.
    pub instance: InstanceId,
    /// What is left to do, as `ops::undo` wrote it.
    pub steps: String,
    /// Failed attempts so far.
    pub attempts: i64,
}

fn job_from_row(row: &AnyRow) -> Result<UndoJob, StoreError> {
    let instance: i64 = row.try_get("instance_id")?;
    let instance = u32::try_from(instance)
        .ok()
        .and_then(|n| InstanceId::new(n).ok())
        .ok_or_else(|| StoreError::CorruptRow(format!("undo job instance {instance}")))?;
    Ok(UndoJob {
        id: row.try_get("id")?,
        instance,
        steps: row.try_get("steps")?,
        attempts: row.try_get("attempts")?,
    })
}

impl Store {
    /// Records `steps` that undo a creation about to start for `instance`.
    /// The row belongs to `owner` and is not due before `lease_until` (Unix
    /// seconds) unless it fails; returns its id.
    pub async fn open_undo(
        &self,
        instance: InstanceId,
        steps: &str,
        owner: &str,
        lease_until: i64,
    ) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO undo_jobs (instance_id, steps, owner, attempts, due_at, created_at) \
             VALUES ($1, $2, $3, 0, $4, $5) RETURNING id",
        )
        .bind(i64::from(instance.get()))
        .bind(steps)
        .bind(owner)
        .bind(lease_until)
        .bind(now())
        .fetch_one(&self.pool)
        .await?;
        Ok(row.try_get("id")?)
    }

    /// The creation succeeded, or the clean-up is done: forget the row.
    pub async fn close_undo(&self, id: i64) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM undo_jobs WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// What is left of a clean-up (`steps`) is due at `due_at`, owned by no
    /// process, after `attempts` failed attempts (the last one's `error`).
    pub async fn reschedule_undo(
        &self,
        id: i64,
        steps: &str,
        attempts: i64,
        due_at: i64,
        error: Option<&str>,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE undo_jobs SET steps = $2, attempts = $3, due_at = $4, last_error = $5, \
             owner = NULL WHERE id = $1",
        )
        .bind(id)
        .bind(steps)
        .bind(attempts)
        .bind(due_at)
        .bind(error)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Keeps the row of a creation `owner` is still running from falling
    /// due before `lease_until` (no change once it failed or was claimed).
    pub async fn renew_undo_lease(
        &self,
        id: i64,
        owner: &str,
        lease_until: i64,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE undo_jobs SET due_at = $3 WHERE id = $1 AND owner = $2")
            .bind(id)
            .bind(owner)
            .bind(lease_until)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Takes up to `limit` rows due now, oldest first, each claimed until
    /// `claim_until` so that another process running the clean-up skips it
    /// meanwhile.
    pub async fn claim_due_undos(
        &self,
        claim_until: i64,
        limit: i64,
    ) -> Result<Vec<UndoJob>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, instance_id, steps, attempts, due_at FROM undo_jobs \
             WHERE due_at <= $1 ORDER BY due_at, id LIMIT $2",
        )
        .bind(now())
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        let mut claimed = Vec::with_capacity(rows.len());
        for row in &rows {
            let due_at: i64 = row.try_get("due_at")?;
            let id: i64 = row.try_get("id")?;
            // Claimed only if no one changed the row since it was read.
            let taken = sqlx::query(
                "UPDATE undo_jobs SET due_at = $3, owner = NULL WHERE id = $1 AND due_at = $2",
            )
            .bind(id)
            .bind(due_at)
            .bind(claim_until)
            .execute(&self.pool)
            .await?;
            if taken.rows_affected() == 1 {
                claimed.push(job_from_row(row)?);
            }
        }
        Ok(claimed)
    }

    /// Clean-ups not yet done, including those of creations under way.
    pub async fn undo_backlog(&self) -> Result<i64, StoreError> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM undo_jobs")
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get("n")?)
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support;
    use super::*;

    async fn lifecycle_of_an_undo_job(store: &Store) {
        let instance = InstanceId::DEFAULT;
        let far = now() + 3600;
        let kept = store
            .open_undo(instance, "[\"a\"]", "run-1", far)
            .await
            .unwrap();
        let failed = store
            .open_undo(instance, "[\"b\"]", "run-1", far)
            .await
            .unwrap();
        assert_eq!(store.undo_backlog().await.unwrap(), 2);
        // Leased rows are not due.
        assert!(store.claim_due_undos(far, 10).await.unwrap().is_empty());

        store
            .reschedule_undo(failed, "[\"c\"]", 1, now(), Some("boom"))
            .await
            .unwrap();
        let due = store.claim_due_undos(now() + 60, 10).await.unwrap();
        assert_eq!(
            due,
            vec![UndoJob {
                id: failed,
                instance,
                steps: "[\"c\"]".into(),
                attempts: 1,
            }]
        );
        // Claimed: not handed out twice.
        assert!(
            store
                .claim_due_undos(now() + 60, 10)
                .await
                .unwrap()
                .is_empty()
        );

        // A process that stopped renewing loses its lease.
        store
            .renew_undo_lease(kept, "run-1", now() - 1)
            .await
            .unwrap();
        let due = store.claim_due_undos(now() + 60, 10).await.unwrap();
        assert_eq!(due.len(), 1);
        assert_eq!(due[0].id, kept);

        store.close_undo(kept).await.unwrap();
        store.close_undo(failed).await.unwrap();
        assert_eq!(store.undo_backlog().await.unwrap(), 0);
    }

    #[tokio::test]
    async fn undo_jobs_wait_out_their_lease_then_are_claimed_once_on_sqlite() {
        let test = test_support::sqlite().await;
        lifecycle_of_an_undo_job(&test.store).await;
        test.finish().await;
    }

    #[tokio::test]
    async fn undo_jobs_wait_out_their_lease_then_are_claimed_once_on_postgres() {
        let test = test_support::postgres().await;
        lifecycle_of_an_undo_job(&test.store).await;
        test.finish().await;
    }
}
