//! What the dashboard shows about recent traffic: the last failed
//! `/service/*` calls and upload counts. Kept in memory, per process (reset
//! at restart; each replica counts its own), filled by [`record_activity`].

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

/// Failed calls remembered.
pub(crate) const RECENT_ERRORS: usize = 20;

/// The `/service/*` calls counted as uploads.
const UPLOAD_CALLS: [&str; 2] = ["/service/upload_file", "/service/update_thumbnail_file"];

/// One failed call.
#[derive(Debug, Clone)]
pub struct FailedCall {
    /// Unix seconds.
    pub at: i64,
    /// HTTP method.
    pub method: String,
    /// Path without the query (which may hold an API key).
    pub path: String,
    /// Status answered.
    pub status: u16,
}

/// Counters of uploads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UploadCounts {
    /// Answered with a 2xx status.
    pub succeeded: u64,
    /// Answered with any other status.
    pub failed: u64,
}

#[derive(Debug, Default)]
struct Log {
    errors: VecDeque<FailedCall>,
    uploads: UploadCounts,
}

/// Shared, cheap to clone.
#[derive(Debug, Clone, Default)]
pub struct Activity {
    log: Arc<Mutex<Log>>,
}

impl Activity {
    /// Notes the outcome of a `/service/*` call.
    pub fn record(&self, method: &str, path: &str, status: u16) {
        let path = path.trim_end_matches('/');
        let mut log = self.log.lock().unwrap_or_else(|p| p.into_inner());
        if UPLOAD_CALLS.contains(&path) && method == "POST" {
            if (200..300).contains(&status) {
                log.uploads.succeeded = log.uploads.succeeded.saturating_add(1);
            } else {
                log.uploads.failed = log.uploads.failed.saturating_add(1);
            }
        }
        if status >= 400 {
            if log.errors.len() == RECENT_ERRORS {
                log.errors.pop_front();
            }
            let at = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
                .unwrap_or(0);
            log.errors.push_back(FailedCall {
                at,
                method: method.chars().take(16).collect(),
                path: path.chars().take(200).collect(),
                status,
            });
        }
    }

    /// The failed calls, newest first.
    pub fn recent_errors(&self) -> Vec<FailedCall> {
        let log = self.log.lock().unwrap_or_else(|p| p.into_inner());
        log.errors.iter().rev().cloned().collect()
    }

    /// Upload counts since start.
    pub fn uploads(&self) -> UploadCounts {
        self.log.lock().unwrap_or_else(|p| p.into_inner()).uploads
    }
}

/// Middleware of `/service/*` feeding [`Activity`].
pub(crate) async fn record_activity(
    State(activity): State<Activity>,
    request: Request,
    next: Next,
) -> Response {
    let method = request.method().as_str().to_owned();
    // Nested routers see the path without `/service`; the original is kept.
    let path = request
        .extensions()
        .get::<axum::extract::OriginalUri>()
        .map(|uri| uri.path().to_owned())
        .unwrap_or_else(|| request.uri().path().to_owned());
    let response = next.run(request).await;
    activity.record(&method, &path, response.status().as_u16());
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uploads_are_counted_and_failures_kept_newest_first() {
        let activity = Activity::default();
        activity.record("POST", "/service/upload_file/", 200);
        activity.record("POST", "/service/upload_file", 502);
        activity.record("GET", "/service/get_media", 404);
        assert_eq!(
            activity.uploads(),
            UploadCounts {
                succeeded: 1,
                failed: 1
            }
        );
        let errors = activity.recent_errors();
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0].path, "/service/get_media");
        for _ in 0..(RECENT_ERRORS + 5) {
            activity.record("GET", "/service/x", 500);
        }
        assert_eq!(activity.recent_errors().len(), RECENT_ERRORS);
    }
}
