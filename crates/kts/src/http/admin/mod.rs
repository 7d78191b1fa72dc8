//! The admin area: log in, manage instances and API keys, see the
//! dashboard. Closed (every page says why) until `KTS_ADMIN_USER` and
//! `KTS_ADMIN_PWD` are set; every change is a POST carrying the session's
//! CSRF token ([`session::CsrfForm`]).
//!
//! New pages live under `/admin`; the old service's URLs (kts-legacy-api.md,
//! "Admin") lead to them.

pub(crate) mod api_keys;
pub(crate) mod dashboard;
pub(crate) mod instances;
pub(crate) mod login;
pub(crate) mod page;
pub(crate) mod session;
pub(crate) mod throttle;

use axum::Router;
use axum::extract::{FromRef, Query};
use axum::response::Redirect;
use axum::routing::{get, post};
use serde::Deserialize;

use crate::http::activity::Activity;
use crate::http::admin::session::AdminState;
use crate::instances::Instances;
use crate::store::Store;

/// The admin routes, at the root of the site, for any state that hands out
/// the slices the pages take (`AppState` does): the admin area names no
/// handler state of its own, so `http::state` may hold `AdminState` without
/// the two depending on each other.
pub(crate) fn router<S>() -> Router<S>
where
    S: Clone + Send + Sync + 'static,
    AdminState: FromRef<S>,
    Store: FromRef<S>,
    Instances: FromRef<S>,
    Activity: FromRef<S>,
{
    Router::new()
        .route("/admin", get(dashboard::dashboard))
        .route("/admin/login", get(login::login_form).post(login::login))
        .route("/admin/logout", get(login::logout).post(login::logout))
        .route(
            "/admin/instances",
            get(instances::list_instances).post(instances::add_instance),
        )
        .route("/admin/instances/new", get(instances::add_instance_form))
        .route(
            "/admin/instances/{id}/edit",
            get(instances::edit_instance_form),
        )
        .route("/admin/instances/{id}", post(instances::update_instance))
        .route(
            "/admin/instances/{id}/delete",
            post(instances::delete_instance),
        )
        .route("/admin/instances/{id}/test", post(instances::test_instance))
        .route(
            "/admin/api-keys",
            get(api_keys::list_api_keys).post(api_keys::create_api_key),
        )
        .route(
            "/admin/api-keys/{id}/revoke",
            post(api_keys::revoke_api_key),
        )
        // The old service's URLs.
        .route("/login", get(login::login_form))
        .route("/auth", post(login::login))
        .route("/logout", get(login::logout).post(login::logout))
        .route("/config_home", get(Redirect::to("/admin")))
        .route("/add_config", get(Redirect::to("/admin/instances/new")))
        .route("/update_config", get(update_config))
        // The old deletion by GET link is not honoured: deleting takes a POST
        // with a CSRF token, from the instances page.
        .route("/del_config", get(Redirect::to("/admin/instances")))
        .route("/view_configs", get(Redirect::to("/admin/instances")))
        .route("/view_configs/getjson", get(instances::instances_as_json))
        .route(
            "/view_configs/prettyjson",
            get(instances::instances_as_pretty_json),
        )
}

/// The old edit link's parameter.
#[derive(Debug, Deserialize)]
struct UpdateConfigQuery {
    #[serde(rename = "KALTURA_CONFIG_ID")]
    id: Option<u32>,
}

/// `/update_config?KALTURA_CONFIG_ID=N` → the edit page of instance N.
async fn update_config(Query(query): Query<UpdateConfigQuery>) -> Redirect {
    match query.id {
        Some(id) => Redirect::to(&format!("/admin/instances/{id}/edit")),
        None => Redirect::to("/admin/instances"),
    }
}
