//! Undoing what a failed upload created on the platform, so that nothing
//! KTS reported as failed is left behind: an entry, a caption or thumbnail
//! asset, an upload token.
//!
//! Everything KTS creates carries a marker that finds it again without its
//! id ([`new_marker`]): on Kaltura the entry's `referenceId`, the asset's
//! `tags`, the upload token's `fileName`. An answer lost on the way back
//! (the action ran, the id never arrived) is thus still undone. What a step
//! is lives in `platform::undo`, how a platform performs it in its adapter.
//!
//! An [`Undo`] is opened before the first creation: its steps are written
//! to the store's `undo_jobs` first, owned by this process under a lease it
//! renews. [`Undo::finish`] forgets them after the last step succeeded;
//! [`Undo::fail`] (or dropping the guard, when the client went away) tries
//! them once at once and leaves what failed due in the store. [`run_worker`]
//! retries due jobs with jittered exponential back-off, and takes over the
//! jobs of a process that died (its lease ran out), until each is done. A
//! "not found" counts as done.

use std::collections::HashSet;
use std::future::Future;
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use rand::Rng;

use crate::error::Error;
use crate::ids::InstanceId;
use crate::instances::Instances;
use crate::platform::Platform;
pub use crate::platform::undo::UndoStep;
use crate::secret::random_token;
use crate::store::{Store, UndoJob, now};

/// Seconds a creation under way keeps its clean-up from falling due; the
/// owner renews it every [`RENEW_EVERY`], so only a dead owner lets it run
/// out. Also how long a claimed job is hidden from other processes.
pub const LEASE_SECS: i64 = 60;
/// How often the worker renews the leases of this process's creations.
const RENEW_EVERY: Duration = Duration::from_secs(20);
/// How often the worker looks for due jobs.
const TICK: Duration = Duration::from_secs(1);
/// Most jobs attempted per tick, so an outage's backlog is worked off in
/// bounded slices.
const JOBS_PER_TICK: i64 = 16;
/// Delay before the first retry; it doubles per failed attempt…
const FIRST_RETRY_SECS: i64 = 2;
/// …up to this cap.
const MAX_RETRY_SECS: i64 = 300;
/// A fresh marker: `kts` and 16 hex digits, letters and digits only, so it
/// survives Kaltura's tag and search tokenising, and is long enough to be
/// unique (2^64).
pub fn new_marker() -> String {
    format!("kts{:016x}", rand::rng().random::<u64>())
}

/// The upload token name that carries `marker`: the marker, then the
/// original name, whose extension Kaltura reads.
pub fn token_file_name(marker: &str, name: &str) -> String {
    format!("{marker}-{name}")
}

/// This process's name as owner of the jobs of its creations under way.
fn run_id() -> &'static str {
    static RUN_ID: OnceLock<String> = OnceLock::new();
    RUN_ID.get_or_init(|| random_token(12))
}

/// The jobs of this process's creations under way, whose leases it renews.
fn in_flight() -> &'static Mutex<HashSet<i64>> {
    static IN_FLIGHT: OnceLock<Mutex<HashSet<i64>>> = OnceLock::new();
    IN_FLIGHT.get_or_init(|| Mutex::new(HashSet::new()))
}

fn set_in_flight(job: i64, running: bool) {
    let mut jobs = in_flight().lock().unwrap_or_else(|p| p.into_inner());
    if running {
        jobs.insert(job);
    } else {
        jobs.remove(&job);
    }
}

/// The clean-up of one creation under way. Unless [`finish`](Self::finish)ed
/// it undoes its steps: in [`fail`](Self::fail), or in `Drop` (on a task of
/// its own) when the request was abandoned.
#[derive(Debug)]
pub struct Undo {
    store: Store,
    platform: Platform,
    job: i64,
    steps: Vec<UndoStep>,
    armed: bool,
}

impl Undo {
    /// Writes `steps` to the store before anything is created on
    /// `platform`. Fails with the store's error: then nothing must be
    /// created.
    pub async fn begin(
        instances: &Instances,
        platform: &Platform,
        steps: Vec<UndoStep>,
    ) -> Result<Undo, Error> {
        let store = instances.store().clone();
        let text = UndoStep::encode(&steps);
        let job = store
            .open_undo(platform.instance(), &text, run_id(), now() + LEASE_SECS)
            .await?;
        set_in_flight(job, true);
        Ok(Undo {
            store,
            platform: platform.clone(),
            job,
            steps,
            armed: true,
        })
    }

    /// The entry's id is known: delete by id.
    pub fn entry_created(&mut self, id: &str) {
        for step in &mut self.steps {
            if let UndoStep::Entry { entry_id, .. } = step {
                *entry_id = Some(id.to_owned());
            }
        }
    }

    /// The asset's id is known: delete by id.
    pub fn asset_created(&mut self, id: &str) {
        for step in &mut self.steps {
            if let UndoStep::Caption { asset_id, .. } | UndoStep::Thumbnail { asset_id, .. } = step
            {
                *asset_id = Some(id.to_owned());
            }
        }
    }

    /// Every step succeeded: keep what was created. If the store cannot
    /// forget the job, the creation counts as failed (it would be undone
    /// later) and is undone now.
    pub async fn finish(mut self) -> Result<(), Error> {
        match self.store.close_undo(self.job).await {
            Ok(()) => {
                self.armed = false;
                set_in_flight(self.job, false);
                Ok(())
            }
            Err(error) => Err(self.fail(error.into()).await),
        }
    }

    /// A step failed with `error`: undo now, leave what could not be undone
    /// to the worker, and return `error`.
    pub async fn fail(mut self, error: Error) -> Error {
        self.armed = false;
        let steps = std::mem::take(&mut self.steps);
        undo_now(self.store.clone(), self.platform.clone(), self.job, steps).await;
        error
    }
}

impl Drop for Undo {
    fn drop(&mut self) {
        if !self.armed {
            return;
        }
        // Abandoned mid-request: the undo cannot be awaited here. Without a
        // runtime the job keeps its lease and falls due when it runs out.
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            let steps = std::mem::take(&mut self.steps);
            runtime.spawn(undo_now(
                self.store.clone(),
                self.platform.clone(),
                self.job,
                steps,
            ));
        }
    }
}

/// Tries `steps` once; forgets the job when all are done, else leaves the
/// rest due after the first back-off.
#[tracing::instrument(
    name = "undo_upload",
    skip_all,
    fields(instance = %platform.instance(), platform = %platform.kind(), job = job)
)]
async fn undo_now(store: Store, platform: Platform, job: i64, steps: Vec<UndoStep>) {
    let (left, error) = attempt(&platform, steps).await;
    let saved = if left.is_empty() {
        store.close_undo(job).await
    } else {
        let due = now() + backoff_secs(1);
        store
            .reschedule_undo(job, &UndoStep::encode(&left), 1, due, error.as_deref())
            .await
    };
    set_in_flight(job, false);
    if let Err(error) = saved {
        // The job keeps its lease and falls due when it runs out.
        tracing::warn!(job, %error, "could not record the clean-up of a failed upload");
    }
}

/// Runs each step; returns those that failed and the last failure.
async fn attempt(platform: &Platform, steps: Vec<UndoStep>) -> (Vec<UndoStep>, Option<String>) {
    let mut left = Vec::new();
    let mut last_error = None;
    for step in steps {
        match platform.undo(&step).await {
            Ok(removed) => {
                if removed > 0 {
                    tracing::info!(?step, removed, "undid part of a failed upload");
                }
            }
            Err(error) => {
                tracing::warn!(?step, %error, "could not undo part of a failed upload yet");
                last_error = Some(error.to_string());
                left.push(step);
            }
        }
    }
    (left, last_error)
}

/// Seconds to wait after `attempts` failed attempts: doubling from
/// [`FIRST_RETRY_SECS`] up to [`MAX_RETRY_SECS`], jittered to between half
/// and all of it so that a backlog does not retry in lockstep.
fn backoff_secs(attempts: i64) -> i64 {
    let exponent = u32::try_from(attempts.clamp(1, 20) - 1).unwrap_or(0);
    let full = FIRST_RETRY_SECS
        .saturating_mul(1_i64 << exponent)
        .min(MAX_RETRY_SECS);
    rand::rng().random_range(full / 2..=full).max(1)
}

/// Works off due clean-ups until `stop` completes: each [`TICK`], at most
/// [`JOBS_PER_TICK`] jobs, concurrently; and every [`RENEW_EVERY`] renews the
/// leases of this process's creations under way.
pub async fn run_worker(instances: Instances, stop: impl Future<Output = ()>) {
    let work = async {
        let mut last_renewal = tokio::time::Instant::now();
        loop {
            tokio::time::sleep(TICK).await;
            if last_renewal.elapsed() >= RENEW_EVERY {
                last_renewal = tokio::time::Instant::now();
                renew_leases(instances.store()).await;
            }
            if let Err(error) = work_off(&instances).await {
                tracing::warn!(%error, "could not read the clean-up queue");
            }
        }
    };
    // Stopping mid-attempt is safe: a claimed job falls due again when its
    // claim runs out.
    tokio::select! {
        () = stop => {}
        () = work => {}
    }
}

async fn renew_leases(store: &Store) {
    let jobs: Vec<i64> = in_flight()
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .iter()
        .copied()
        .collect();
    for job in jobs {
        if let Err(error) = store
            .renew_undo_lease(job, run_id(), now() + LEASE_SECS)
            .await
        {
            tracing::warn!(job, %error, "could not renew the lease of a clean-up");
        }
    }
}

/// One tick: claims due jobs and attempts them.
pub async fn work_off(instances: &Instances) -> Result<usize, Error> {
    let jobs = instances
        .store()
        .claim_due_undos(now() + LEASE_SECS, JOBS_PER_TICK)
        .await?;
    let count = jobs.len();
    let mut running = tokio::task::JoinSet::new();
    for job in jobs {
        running.spawn(retry(instances.clone(), job));
    }
    while running.join_next().await.is_some() {}
    Ok(count)
}

/// Attempts one claimed job and records the outcome.
#[tracing::instrument(
    name = "undo_upload",
    skip_all,
    fields(instance = %job.instance, platform = tracing::field::Empty, job = job.id)
)]
async fn retry(instances: Instances, job: UndoJob) {
    let store = instances.store().clone();
    let steps = match UndoStep::decode(&job.steps) {
        Ok(steps) => steps,
        Err(error) => {
            tracing::error!(job = job.id, %error, "dropping an unreadable clean-up");
            let _ = store.close_undo(job.id).await;
            return;
        }
    };
    let (left, error) = match super::platform_of(&instances, job.instance).await {
        Ok(platform) => attempt(&platform, steps).await,
        Err(Error::UnknownInstance(instance)) => {
            forget_instance(&store, &job, instance).await;
            return;
        }
        Err(error) => (steps, Some(error.to_string())),
    };
    let saved = if left.is_empty() {
        tracing::info!(
            job = job.id,
            attempts = job.attempts + 1,
            "failed upload undone"
        );
        store.close_undo(job.id).await
    } else {
        let attempts = job.attempts + 1;
        store
            .reschedule_undo(
                job.id,
                &UndoStep::encode(&left),
                attempts,
                now() + backoff_secs(attempts),
                error.as_deref(),
            )
            .await
    };
    if let Err(error) = saved {
        tracing::warn!(job = job.id, %error, "could not record a clean-up attempt");
    }
}

/// The instance was removed: nothing can reach its platform any more.
async fn forget_instance(store: &Store, job: &UndoJob, instance: InstanceId) {
    tracing::warn!(
        job = job.id,
        instance = instance.get(),
        steps = %job.steps,
        "the instance of a clean-up was removed; it cannot be done"
    );
    let _ = store.close_undo(job.id).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_letters_and_digits_and_differ() {
        let (a, b) = (new_marker(), new_marker());
        assert_ne!(a, b);
        assert_eq!(a.len(), 19);
        assert!(a.chars().all(|c| c.is_ascii_alphanumeric()), "{a}");
        assert_eq!(token_file_name(&a, "clip.mp4"), format!("{a}-clip.mp4"));
    }

    #[test]
    fn back_off_doubles_with_jitter_up_to_its_cap() {
        for _ in 0..100 {
            let first = backoff_secs(1);
            assert!((1..=FIRST_RETRY_SECS).contains(&first), "{first}");
            let third = backoff_secs(3);
            assert!((4..=8).contains(&third), "{third}");
            let late = backoff_secs(40);
            assert!(
                (MAX_RETRY_SECS / 2..=MAX_RETRY_SECS).contains(&late),
                "{late}"
            );
        }
    }
}
