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
use std::net::IpAddr;
use std::pin::Pin;

use crate::ks::{self, KsError, Session};
use crate::state::AppState;
use crate::store::now;
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

/// The role a browser's session takes with `setrole:PLAYBACK_BASE_ROLE` (kaltura-api-v3.md 5.5).
pub(crate) const PLAYBACK_ROLE: &str = "PLAYBACK_BASE_ROLE";

/// What [`PLAYBACK_ROLE`] may call: reading an entry and its assets to play it. Every other action,
/// every add, update, delete and entry `list` among them, is `SERVICE_FORBIDDEN` for such a session.
const PLAYBACK_ACTIONS: &[(&str, &str)] = &[
    ("baseentry", "get"),
    ("baseentry", "getplaybackcontext"),
    ("flavorasset", "list"),
    ("flavorasset", "geturl"),
    ("thumbasset", "get"),
    ("thumbasset", "list"),
    ("thumbasset", "geturl"),
    ("thumbasset", "serve"),
    ("caption_captionasset", "get"),
    ("caption_captionasset", "list"),
    ("caption_captionasset", "geturl"),
    ("caption_captionasset", "serve"),
];

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

/// Where a request came from, for the KS restrictions `iprestrict` and `urirestrict`.
#[derive(Debug, Clone)]
pub(crate) struct Origin {
    pub(crate) ip: Option<IpAddr>,
    /// The request path, e.g. `/api_v3/service/media/action/get`.
    pub(crate) uri: String,
}

/// Runs one call: finds the action, applies faults, checks the KS and access, then runs it.
pub(crate) async fn dispatch(
    app: &AppState,
    mut params: Map,
    files: Files,
    origin: &Origin,
) -> ActionResult {
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

    tracing::debug!(service = %service, action = %action_name, "api call");
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
    let session = authorize(
        app,
        &params,
        action.access,
        (&service, &action_name),
        origin,
    )?;
    (action.run)(Ctx {
        app: app.clone(),
        params,
        files,
        session,
    })
    .await
}

/// Applies an action's access rule: no check for [`Access::Anyone`], a valid KS otherwise, and an ADMIN one
/// for [`Access::Admin`] (USER sessions get `SERVICE_FORBIDDEN`). A session with the playback role may call
/// only [`PLAYBACK_ACTIONS`], whatever its type.
fn authorize(
    app: &AppState,
    params: &Params,
    access: Access,
    (service, action): (&str, &str),
    origin: &Origin,
) -> Result<Option<Session>, ApiError> {
    if access == Access::Anyone {
        return Ok(None);
    }
    let session = verify_session(app, params, service, action, origin)?;
    if access == Access::Admin && !session.is_admin() {
        return Err(ApiError::service_forbidden(service, action));
    }
    if session.privilege("setrole") == Some(PLAYBACK_ROLE)
        && !PLAYBACK_ACTIONS.contains(&(service, action))
    {
        return Err(ApiError::service_forbidden(service, action));
    }
    Ok(Some(session))
}

/// Verifies the call's KS (kaltura-api-v3.md 5.4, 5.7): decoding and signature, expiry, `session.end`,
/// `iprestrict`, `urirestrict`, `actionslimit`, and that a `partnerId` parameter names the KS's partner.
fn verify_session(
    app: &AppState,
    params: &Params,
    service: &str,
    action: &str,
    origin: &Origin,
) -> Result<Session, ApiError> {
    let Some(raw) = params.opt_str("ks").filter(|k| !k.is_empty()) else {
        return Err(ApiError::service_forbidden(service, action));
    };
    let session = ks::verify(raw, &app.partners, now()).map_err(|e| match e {
        KsError::InvalidStr => ApiError::invalid_ks(raw),
        KsError::Expired => ApiError::invalid_ks("EXPIRED"),
    })?;
    if let Some(allowed) = session.privilege("iprestrict") {
        let ip = origin.ip.map(|ip| ip.to_string()).unwrap_or_default();
        if !allowed.split(['/', '|']).any(|a| a.trim() == ip) {
            return Err(ApiError::invalid_ks("EXCEEDED_RESTRICTED_IP"));
        }
    }
    if let Some(patterns) = session.privilege("urirestrict")
        && !patterns.split('|').any(|p| uri_matches(p, &origin.uri))
    {
        return Err(ApiError::invalid_ks("EXCEEDED_RESTRICTED_URI"));
    }
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

/// `urirestrict` patterns: exact, or a prefix when the pattern ends with `*`.
fn uri_matches(pattern: &str, uri: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => uri.starts_with(prefix),
        None => uri == pattern,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Partner;
    use crate::ks::NewSession;
    use crate::wire::params::Value;
    use std::sync::Arc;

    fn app() -> AppState {
        let partners = vec![Partner::demo()];
        AppState {
            store: Arc::new(crate::store::Store::open(None, &partners).expect("store")),
            partners: Arc::new(partners),
            faults: sim_support::faults::Faults::default(),
            config: Arc::new(crate::state::Config {
                base_url: "http://127.0.0.1:1".into(),
                ready_delay: std::time::Duration::ZERO,
                limits: crate::wire::request::Limits {
                    max_body_bytes: 1024,
                    max_file_bytes: 1024,
                    max_params: 100,
                    idle_timeout: std::time::Duration::from_secs(1),
                },
                import_timeout: std::time::Duration::from_secs(1),
                final_chunk_wait: std::time::Duration::ZERO,
            }),
            uploads: Arc::default(),
        }
    }

    fn params_with_ks(session_type: i64) -> Params {
        let partner = Partner::demo();
        let new = NewSession {
            partner: &partner,
            session_type,
            user_id: "u",
            expiry: now() + 60,
            privileges: "",
        };
        let mut map = Map::new();
        map.insert("ks".into(), Value::Str(ks::build_v2(&new, [7; 16])));
        Params(map)
    }

    #[test]
    fn admin_actions_refuse_user_sessions() {
        let app = app();
        let origin = Origin {
            ip: None,
            uri: "/api_v3".into(),
        };
        let user = params_with_ks(ks::USER);
        let err =
            authorize(&app, &user, Access::Admin, ("flavorparams", "add"), &origin).unwrap_err();
        assert_eq!(
            err.message,
            "The access to service [flavorparams->add] is forbidden"
        );
        assert!(
            authorize(&app, &user, Access::Session, ("media", "get"), &origin)
                .unwrap()
                .is_some()
        );
        let admin = params_with_ks(ks::ADMIN);
        assert!(
            authorize(
                &app,
                &admin,
                Access::Admin,
                ("flavorparams", "add"),
                &origin
            )
            .unwrap()
            .is_some()
        );
        assert!(
            authorize(
                &app,
                &Params::default(),
                Access::Anyone,
                ("session", "start"),
                &origin
            )
            .unwrap()
            .is_none()
        );
    }

    #[test]
    fn uri_patterns_are_exact_or_prefixes() {
        assert!(uri_matches("/api_v3/*", "/api_v3/service/media/action/get"));
        assert!(uri_matches(
            "/api_v3/service/media/action/get",
            "/api_v3/service/media/action/get"
        ));
        assert!(!uri_matches(
            "/api_v3/service/media/action/get",
            "/api_v3/service/media/action/list"
        ));
    }
}
