//! Dispatch of `service.action` to one async function per action. Each service file exposes
//! `fn action(name: &str) -> Option<Action>` naming its actions and who may call them; [`SERVICES`] lists the
//! files. To add a service: write `services/foo.rs` with such a function and add a line to [`SERVICES`].
//! Names arrive lower-cased (the server is case-insensitive).

mod asset_content;
mod asset_errors;
mod base_entry;
mod caption_asset;
mod caption_language;
mod conversion_profile;
mod entry_filter;
mod entry_object;
mod flavor_asset;
mod flavor_params;
mod media;
mod session;
pub(crate) mod thumb_asset;
mod upload_token;

use std::future::Future;
use std::pin::Pin;

use crate::app::AppState;
use crate::ks::{self, KsError, Session};
use crate::state::now;
use crate::wire::error::ApiError;
use crate::wire::out::Out;
use crate::wire::params::{Map, Params};
use crate::wire::request::{Files, UploadedFile};

/// The result of an action.
pub(crate) type ActionResult = Result<Out, ApiError>;
pub(crate) type ActionFuture = Pin<Box<dyn Future<Output = ActionResult> + Send>>;

/// Who may call an action (kaltura-api-v3.md 5.8).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Access {
    /// No KS needed; a KS sent anyway is not checked (`session.start`).
    Anyone,
    /// A valid USER or ADMIN KS.
    Session,
    /// An ADMIN KS; USER sessions get `SERVICE_FORBIDDEN`.
    Admin,
}

/// One action: its access rule and its function.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Action {
    pub(crate) access: Access,
    pub(crate) run: fn(Ctx) -> ActionFuture,
}

impl Action {
    pub(crate) fn new(access: Access, run: fn(Ctx) -> ActionFuture) -> Self {
        Self { access, run }
    }
}

/// A service's action lookup: action name (lower case) to action.
type ActionTable = fn(&str) -> Option<Action>;

/// Every service: its lower-case name and its action table.
const SERVICES: &[(&str, ActionTable)] = &[
    ("session", session::action),
    ("media", media::action),
    ("baseentry", base_entry::action),
    ("uploadtoken", upload_token::action),
    ("thumbasset", thumb_asset::action),
    ("caption_captionasset", caption_asset::action),
    ("flavorparams", flavor_params::action),
    ("conversionprofile", conversion_profile::action),
    ("flavorasset", flavor_asset::action),
];

/// What an action gets: the shared state, its parameters and files, and the verified session.
#[derive(Debug)]
pub(crate) struct Ctx {
    pub(crate) app: AppState,
    pub(crate) params: Params,
    pub(crate) files: Files,
    pub(crate) session: Option<Session>,
}

impl Ctx {
    /// The session; actions with [`Access::Session`] or [`Access::Admin`] always have one.
    pub(crate) fn session(&self) -> Result<&Session, ApiError> {
        self.session.as_ref().ok_or_else(ApiError::internal)
    }

    /// The partner the call acts on.
    pub(crate) fn partner_id(&self) -> Result<i64, ApiError> {
        Ok(self.session()?.partner_id)
    }

    /// Takes a file parameter: absent → `MISSING_MANDATORY_PARAMETER`; sent as a text field → `UPLOAD_ERROR`.
    pub(crate) fn take_file(&mut self, name: &str) -> Result<UploadedFile, ApiError> {
        match self.files.remove(name) {
            Some(file) if !file.file_name.is_empty() => Ok(file),
            Some(_) => Err(ApiError::upload_error()),
            None if self.params.opt_str(name).is_some() => Err(ApiError::upload_error()),
            None => Err(ApiError::missing_parameter(name)),
        }
    }

    /// A USER session may change only what it owns (or has `edit:ID` for); ADMIN may change anything.
    pub(crate) fn check_owner(&self, owner: &str, entry_id: &str) -> Result<(), ApiError> {
        let s = self.session()?;
        if s.is_admin()
            || s.user_id.eq_ignore_ascii_case(owner)
            || s.has_privilege("edit", entry_id)
        {
            Ok(())
        } else {
            Err(ApiError::not_owner())
        }
    }
}

/// Runs one call: finds the action, applies faults, checks the KS and access, then runs it.
pub(crate) async fn dispatch(app: &AppState, mut params: Map, files: Files) -> ActionResult {
    let text = |params: &Map, key: &str| match params.get(key) {
        Some(crate::wire::params::Value::Str(s)) if !s.is_empty() => Some(s.to_ascii_lowercase()),
        _ => None,
    };
    let service = text(&params, "service").ok_or_else(ApiError::service_not_specified)?;
    let action_name = text(&params, "action").ok_or_else(ApiError::action_not_specified)?;
    let table = SERVICES
        .iter()
        .find(|(name, _)| *name == service)
        .map(|(_, table)| table)
        .ok_or_else(|| ApiError::service_does_not_exist(&service))?;
    let action = table(&action_name)
        .ok_or_else(|| ApiError::action_does_not_exist(&action_name, &service))?;

    let plan = app.faults.plan(&service, &action_name);
    if plan.latency_ms > 0 {
        tokio::time::sleep(std::time::Duration::from_millis(plan.latency_ms)).await;
    }
    if plan.api_error {
        return Err(ApiError::internal());
    }

    params.remove("service");
    params.remove("action");
    let params = Params(params);
    let session = match action.access {
        Access::Anyone => None,
        Access::Session | Access::Admin => {
            let session = verify_session(app, &params, &service, &action_name)?;
            if action.access == Access::Admin && !session.is_admin() {
                return Err(ApiError::service_forbidden(&service, &action_name));
            }
            Some(session)
        }
    };
    (action.run)(Ctx {
        app: app.clone(),
        params,
        files,
        session,
    })
    .await
}

/// Verifies the call's KS (kaltura-api-v3.md 5.4, 5.7): decoding and signature, expiry, `session.end`,
/// `actionslimit`, and that a `partnerId` parameter names the KS's partner.
fn verify_session(
    app: &AppState,
    params: &Params,
    service: &str,
    action: &str,
) -> Result<Session, ApiError> {
    let Some(raw) = params.opt_str("ks").filter(|k| !k.is_empty()) else {
        return Err(ApiError::service_forbidden(service, action));
    };
    let session = ks::verify(raw, &app.partners, now()).map_err(|e| match e {
        KsError::InvalidStr => ApiError::invalid_ks(raw),
        KsError::Expired => ApiError::invalid_ks("EXPIRED"),
    })?;
    if app.store.read(|d| d.ended_sessions.contains(raw)) {
        return Err(ApiError::invalid_ks("LOGOUT"));
    }
    if let Some(limit) = session.privilege("actionslimit") {
        let limit: u64 = limit.parse().unwrap_or(0);
        let used = app.store.write(|d| {
            let used = d.ks_uses.entry(raw.to_owned()).or_insert(0);
            *used += 1;
            *used
        });
        if used > limit {
            return Err(ApiError::invalid_ks("EXCEEDED_ACTIONS_LIMIT"));
        }
    }
    if let Some(pid) = params
        .opt_str("partnerId")
        .filter(|p| !p.is_empty() && *p != "0")
        && pid.parse::<i64>().ok() != Some(session.partner_id)
    {
        return Err(ApiError::service_forbidden(service, action));
    }
    Ok(session)
}
