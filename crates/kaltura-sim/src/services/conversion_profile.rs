//! `conversionProfile` (kaltura-api-v3.md 7.8, 9.7): the partner's default profile, get, and update with
//! the `flavorParamsIds` rules (ids exist, no duplicates, one source at most).

use super::flavor_params::visible;
use super::{Access, Action, ActionResult, Ctx};
use crate::store::{ConversionProfile, now};
use crate::wire::error::ApiError;
use crate::wire::out::{Object, Out};
use crate::wire::params::{Field, check_xml_chars, field, to_int};

const CLASS: &str = "KalturaConversionProfile";
/// Most flavor params one profile may list.
const MAX_FLAVORS: usize = 100;
const MAX_TEXT_LEN: usize = 1_024;

pub(super) fn action(name: &str) -> Option<Action> {
    Some(match name {
        "getdefault" => Action::new(Access::Admin, |ctx| Box::pin(get_default(ctx))),
        "get" => Action::new(Access::Admin, |ctx| Box::pin(get(ctx))),
        "update" => Action::new(Access::Admin, |ctx| Box::pin(update(ctx))),
        _ => return None,
    })
}

fn render(p: &ConversionProfile) -> Out {
    let ids: Vec<String> = p.flavor_params_ids.iter().map(i64::to_string).collect();
    Object::new(CLASS)
        .with("id", p.id)
        .with("partnerId", p.partner_id)
        .with("status", "2")
        .with("type", "1")
        .with("name", p.name.as_str())
        .with("systemName", p.system_name.as_str())
        .with("tags", "")
        .with("description", "")
        .with("defaultEntryId", Out::Null)
        .with("createdAt", p.created_at)
        .with("flavorParamsIds", ids.join(","))
        .with("isDefault", i64::from(p.is_partner_default))
        .with("isPartnerDefault", p.is_partner_default)
        .into()
}

async fn get_default(ctx: Ctx) -> ActionResult {
    let partner_id = ctx.partner_id()?;
    if let Some(t) = ctx.params.opt_str("type").filter(|t| !t.is_empty())
        && t != "1"
    {
        // Only media profiles are modelled; live profiles do not exist in the simulator.
        return Err(ApiError::conversion_profile_not_found(t));
    }
    ctx.app
        .store
        .read(|d| {
            d.conversion_profiles
                .values()
                .find(|c| c.partner_id == partner_id && c.is_partner_default)
                .map(render)
        })
        .ok_or_else(|| ApiError::conversion_profile_not_found(""))
}

fn load(ctx: &Ctx, raw: &str) -> Result<ConversionProfile, ApiError> {
    let partner_id = ctx.partner_id()?;
    let id = to_int(raw);
    ctx.app
        .store
        .read(|d| {
            d.conversion_profiles
                .get(&id)
                .filter(|c| c.partner_id == partner_id)
                .cloned()
        })
        .ok_or_else(|| ApiError::conversion_profile_not_found(raw))
}

async fn get(ctx: Ctx) -> ActionResult {
    let raw = ctx.params.req_str("id")?;
    Ok(render(&load(&ctx, &raw)?))
}

async fn update(ctx: Ctx) -> ActionResult {
    let raw = ctx.params.req_str("id")?;
    let input = ctx.params.req_object("conversionProfile")?;
    let profile = load(&ctx, &raw)?;
    let partner_id = profile.partner_id;
    let name = match field(input, "name") {
        Field::Str("") => return Err(ApiError::min_length(&format!("{CLASS}::name"), 1)),
        Field::Str(v) => {
            check_xml_chars("name", v)?;
            if v.len() > MAX_TEXT_LEN {
                return Err(ApiError::max_length(
                    &format!("{CLASS}::name"),
                    MAX_TEXT_LEN,
                ));
            }
            Some(v.to_owned())
        }
        _ => None,
    };
    let ids = match field(input, "flavorParamsIds") {
        Field::Str(list) => Some(parse_ids(&ctx, partner_id, list)?),
        _ => None,
    };
    let updated = ctx.app.store.write(|d| {
        let p = d.conversion_profiles.get_mut(&profile.id)?;
        if let Some(name) = name {
            p.name = name;
        }
        if let Some(ids) = ids {
            p.flavor_params_ids = ids;
        }
        p.updated_at = now();
        Some(p.clone())
    });
    updated
        .map(|p| render(&p))
        .ok_or_else(|| ApiError::conversion_profile_not_found(&raw))
}

/// Validates a new `flavorParamsIds` list (kaltura-api-v3.md 7.8).
fn parse_ids(ctx: &Ctx, partner_id: i64, list: &str) -> Result<Vec<i64>, ApiError> {
    let parts: Vec<&str> = list
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if parts.len() > MAX_FLAVORS {
        return Err(ApiError::max_length(
            &format!("{CLASS}::flavorParamsIds"),
            MAX_FLAVORS,
        ));
    }
    let mut ids = Vec::with_capacity(parts.len());
    let mut sources = 0;
    for part in parts {
        let id = part
            .parse::<i64>()
            .map_err(|_| ApiError::flavor_params_not_found(part))?;
        let is_source = ctx
            .app
            .store
            .read(|d| {
                visible(d, partner_id, id)
                    .map(|p| p.id == 0 || p.tags.split(',').any(|t| t.trim() == "source"))
            })
            .ok_or_else(|| ApiError::flavor_params_not_found(part))?;
        if ids.contains(&id) {
            return Err(ApiError::flavor_params_duplicate(id));
        }
        if is_source {
            sources += 1;
            if sources > 1 {
                return Err(ApiError::flavor_params_source_duplicate());
            }
        }
        ids.push(id);
    }
    Ok(ids)
}
