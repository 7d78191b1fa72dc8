//! `AppState`: what handlers share, cheap to clone (everything is behind an
//! `Arc` or is a pool handle). Handlers ask only for the slice they need —
//! `State<Store>`, `State<Arc<UploadSettings>>` — through `FromRef`.

use std::sync::Arc;

use axum::extract::FromRef;
use metrics_exporter_prometheus::PrometheusHandle;

use crate::config::{AccessSettings, Settings, UploadSettings};
use crate::store::Store;

/// The state behind every route.
#[derive(Clone)]
pub struct AppState {
    /// Every setting, read-only.
    pub settings: Arc<Settings>,
    /// The instance and API-key store.
    pub store: Store,
    /// Upload folder and limits.
    pub uploads: Arc<UploadSettings>,
    /// API-key and CORS rules.
    pub access: Arc<AccessSettings>,
    /// Renders `/metrics`.
    pub metrics: PrometheusHandle,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("settings", &self.settings)
            .field("store", &self.store)
            .finish_non_exhaustive()
    }
}

impl AppState {
    /// Shares `settings` and `store` with every handler.
    pub fn new(settings: Settings, store: Store, metrics: PrometheusHandle) -> Self {
        let uploads = Arc::new(settings.uploads.clone());
        let access = Arc::new(settings.access.clone());
        AppState {
            settings: Arc::new(settings),
            store,
            uploads,
            access,
            metrics,
        }
    }
}

impl FromRef<AppState> for Store {
    fn from_ref(state: &AppState) -> Self {
        state.store.clone()
    }
}

impl FromRef<AppState> for Arc<Settings> {
    fn from_ref(state: &AppState) -> Self {
        state.settings.clone()
    }
}

impl FromRef<AppState> for Arc<UploadSettings> {
    fn from_ref(state: &AppState) -> Self {
        state.uploads.clone()
    }
}

impl FromRef<AppState> for Arc<AccessSettings> {
    fn from_ref(state: &AppState) -> Self {
        state.access.clone()
    }
}

impl FromRef<AppState> for PrometheusHandle {
    fn from_ref(state: &AppState) -> Self {
        state.metrics.clone()
    }
}
