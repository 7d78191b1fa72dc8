//! `AppState`: what handlers share, cheap to clone (everything is behind an
//! `Arc` or is a pool handle). Handlers ask only for the slice they need —
//! `State<Store>`, `State<Arc<UploadSettings>>` — through `FromRef`.

use std::sync::Arc;

use axum::extract::FromRef;
use metrics_exporter_prometheus::PrometheusHandle;

use crate::config::{AccessSettings, Settings, UploadSettings};
use crate::http::activity::Activity;
use crate::http::admin::session::AdminState;
use crate::instances::{ClientOptions, Instances};
use crate::store::Store;

/// The state behind every route.
#[derive(Clone)]
pub struct AppState {
    /// Every setting, read-only.
    pub settings: Arc<Settings>,
    /// The instance and API-key store.
    pub store: Store,
    /// Instance id → Kaltura client.
    pub instances: Instances,
    /// Upload folder and limits.
    pub uploads: Arc<UploadSettings>,
    /// API-key and CORS rules.
    pub access: Arc<AccessSettings>,
    /// Renders `/metrics`.
    pub metrics: PrometheusHandle,
    /// Admin login, cookie key and login throttle.
    pub admin: AdminState,
    /// Recent failures and upload counts, for the dashboard.
    pub activity: Activity,
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
        let instances = Instances::new(
            store.clone(),
            ClientOptions::from_settings(&settings.kaltura),
        );
        let admin = AdminState::new(settings.admin.credentials.clone(), &settings.secret_key)
            .with_secure_cookies(settings.server.is_https());
        AppState {
            settings: Arc::new(settings),
            instances,
            store,
            uploads,
            access,
            metrics,
            admin,
            activity: Activity::default(),
        }
    }
}

impl FromRef<AppState> for Store {
    fn from_ref(state: &AppState) -> Self {
        state.store.clone()
    }
}

impl FromRef<AppState> for Instances {
    fn from_ref(state: &AppState) -> Self {
        state.instances.clone()
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

impl FromRef<AppState> for AdminState {
    fn from_ref(state: &AppState) -> Self {
        state.admin.clone()
    }
}

impl FromRef<AppState> for Activity {
    fn from_ref(state: &AppState) -> Self {
        state.activity.clone()
    }
}
