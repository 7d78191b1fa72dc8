//! `flavorAsset` (list, getUrl): the renditions of an entry. The simulator converts nothing, so an entry
//! has one flavor: its source (flavor params 0), READY when the entry is.

use super::asset_content::{AssetFilter, list_response};
use super::{Access, Action, ActionResult, Ctx};
use crate::store::FlavorAsset;
use crate::wire::error::ApiError;
use crate::wire::out::{Object, Out};

pub(super) fn action(name: &str) -> Option<Action> {
    Some(match name {
        "list" => Action::new(Access::Session, |ctx| Box::pin(list(ctx))),
        "geturl" => Action::new(Access::Session, |ctx| Box::pin(get_url(ctx))),
        _ => return None,
    })
}

fn render(f: &FlavorAsset) -> Out {
    let size = f.content.as_ref().map(|c| c.size as i64);
    Object::new("KalturaFlavorAsset")
        .with("id", f.id.as_str())
        .with("entryId", f.entry_id.as_str())
        .with("partnerId", f.partner_id)
        .with("version", 1)
        .with("size", size.map(|s| s / 1024))
        .with("tags", if f.is_original { "source" } else { "" })
        .with("fileExt", f.file_ext.clone())
        .with("createdAt", f.created_at)
        .with("updatedAt", f.updated_at)
        .with("sizeInBytes", size)
        .with("flavorParamsId", f.flavor_params_id)
        .with("width", f.width)
        .with("height", f.height)
        .with("isOriginal", f.is_original)
        .with("isWeb", true)
        .with("status", f.status)
        .into()
}

async fn list(ctx: Ctx) -> ActionResult {
    let partner_id = ctx.partner_id()?;
    let filter = AssetFilter::new(ctx.params.object("filter")?, "KalturaFlavorAssetFilter")?;
    let objects: Vec<Out> = ctx.app.store.read(|d| {
        d.flavor_assets
            .values()
            .filter(|f| {
                f.partner_id == partner_id && filter.matches(&f.id, &f.entry_id, f.status, "")
            })
            .map(render)
            .collect()
    });
    Ok(list_response(
        "KalturaFlavorAssetListResponse",
        objects,
        ctx.params.object("pager")?,
    ))
}

async fn get_url(ctx: Ctx) -> ActionResult {
    let partner_id = ctx.partner_id()?;
    let id = ctx.params.req_str("id")?;
    let flavor = ctx
        .app
        .store
        .read(|d| {
            d.flavor_assets
                .get(&id)
                .filter(|f| f.partner_id == partner_id && f.status != 3)
                .cloned()
        })
        .ok_or_else(|| {
            ApiError::new(
                "FLAVOR_ASSET_ID_NOT_FOUND",
                "Flavor asset id \"@ID@\" not found",
                vec![("ID", id.clone())],
            )
        })?;
    if flavor.status != 2 {
        return Err(ApiError::flavor_asset_is_not_ready());
    }
    Ok(Out::Str(super::thumb_asset::download_url(
        &ctx.app.config.base_url,
        partner_id,
        &flavor.entry_id,
        &flavor.id,
    )))
}
