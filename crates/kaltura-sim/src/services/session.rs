//! `session`: start (a KS from a partner secret, no KS needed) and end (invalidates the calling KS).
//! kaltura-api-v3.md 5.6 and 7.1.

use rand::Rng;

use super::{Access, Action, ActionResult, Ctx};
use crate::KsVersion;
use crate::ks::{self, NewSession};
use crate::store::now;
use crate::wire::error::ApiError;
use crate::wire::out::Out;

/// Longest KS lifetime handed out: the real default cap when a partner configures none.
const MAX_EXPIRY_SECONDS: i64 = 86_400;

pub(super) fn action(name: &str) -> Option<Action> {
    Some(match name {
        "start" => Action::new(Access::Anyone, |ctx| Box::pin(start(ctx))),
        "end" => Action::new(Access::Session, |ctx| Box::pin(end(ctx))),
        _ => return None,
    })
}

async fn start(ctx: Ctx) -> ActionResult {
    let secret = ctx.params.req_str("secret")?;
    let user_id = ctx.params.opt_str("userId").unwrap_or("").to_owned();
    let session_type = ctx.params.int_or("type", ks::USER);
    if session_type != ks::USER && session_type != ks::ADMIN {
        let raw = ctx.params.opt_str("type").unwrap_or("");
        return Err(ApiError::invalid_enum(raw, "type", "KalturaSessionType"));
    }
    let partner_text = ctx.params.opt_str("partnerId").unwrap_or("").to_owned();
    let partner = partner_text
        .parse::<i64>()
        .ok()
        .and_then(|id| ctx.app.partner(id))
        .ok_or_else(|| ApiError::start_session_error(&partner_text))?;
    let secret_ok = secret == partner.admin_secret
        || (session_type == ks::USER && secret == partner.user_secret);
    if !secret_ok {
        return Err(ApiError::start_session_error(&partner_text));
    }
    let lifetime = match ctx.params.int_or("expiry", MAX_EXPIRY_SECONDS) {
        v if v <= 0 => MAX_EXPIRY_SECONDS,
        v => v.min(MAX_EXPIRY_SECONDS),
    };
    let privileges = ctx.params.opt_str("privileges").unwrap_or("");
    if privileges.len() > 4096 {
        return Err(ApiError::max_length("privileges", 4096));
    }
    let bad_limit = ks::parse_privileges(privileges)
        .iter()
        .any(|(name, value)| name == "actionslimit" && !value.parse::<u64>().is_ok_and(|n| n > 0));
    if bad_limit {
        return Err(ApiError::new(
            "INVALID_ACTIONS_LIMIT",
            "Invalid actions limit",
            vec![],
        ));
    }
    let new = NewSession {
        partner,
        session_type,
        user_id: &user_id,
        expiry: now() + lifetime,
        privileges,
    };
    // As on Kaltura, the partner's configuration decides the version (kaltura-api-v3.md 5.6).
    let ks = match partner.ks_version {
        KsVersion::V1 => ks::build_v1(&new, rand::rng().random()),
        KsVersion::V2 => ks::build_v2(&new, rand::rng().random()),
    };
    Ok(Out::Str(ks))
}

async fn end(ctx: Ctx) -> ActionResult {
    let ks = ctx.params.req_str("ks")?;
    ctx.app.store.write(|d| d.ended_sessions.insert(ks));
    Ok(Out::Null)
}
