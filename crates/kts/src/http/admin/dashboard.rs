//! The dashboard (`/admin`): instances with their health (last successful
//! Kaltura call, from the store), recent failed calls and upload counts (in
//! memory, since this process started: see `http::activity`).

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

use crate::http::activity::{Activity, UploadCounts};
use crate::http::admin::instances::InstanceRow;
use crate::http::admin::page::{self, AdminError, when};
use crate::http::admin::session::AdminSession;
use crate::store::Store;

/// A failed call, ready to show.
#[derive(Debug)]
pub(crate) struct ErrorRow {
    /// When.
    pub at: String,
    /// Method and path.
    pub call: String,
    /// Status answered.
    pub status: u16,
}

#[derive(Template)]
#[template(path = "admin/dashboard.html")]
struct DashboardPage<'a> {
    csrf: &'a str,
    user: &'a str,
    instances: Vec<InstanceRow>,
    errors: Vec<ErrorRow>,
    uploads: UploadCounts,
    api_keys: usize,
}

/// `GET /admin`.
pub(crate) async fn dashboard(
    session: AdminSession,
    State(store): State<Store>,
    State(activity): State<Activity>,
) -> Result<Response, AdminError> {
    let instances = store.list_instances().await?;
    let api_keys = store
        .list_api_keys()
        .await?
        .iter()
        .filter(|k| k.revoked_at.is_none())
        .count();
    let errors = activity
        .recent_errors()
        .into_iter()
        .map(|e| ErrorRow {
            at: when(Some(e.at)),
            call: format!("{} {}", e.method, e.path),
            status: e.status,
        })
        .collect();
    Ok(page::render(
        StatusCode::OK,
        &DashboardPage {
            csrf: session.csrf.as_str(),
            user: &session.user,
            instances: instances.iter().map(InstanceRow::from).collect(),
            errors,
            uploads: activity.uploads(),
            api_keys,
        },
    ))
}
