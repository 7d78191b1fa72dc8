//! `baseEntry`: the type-independent entry actions (kaltura-api-v3.md 7.4). Every entry of the simulator is a
//! media clip, so the answers are `KalturaMediaEntry` objects (the Python client accepts any subclass).

use super::media::{delete_entry, list_entries, load_entry, render, update_entry};
use super::{Access, Action, ActionResult, Ctx};

pub(super) fn action(name: &str) -> Option<Action> {
    Some(match name {
        "get" => Action::new(Access::Session, |ctx| Box::pin(get(ctx))),
        "list" => Action::new(Access::Session, |ctx| Box::pin(list(ctx))),
        "update" => Action::new(Access::Session, |ctx| Box::pin(update(ctx))),
        "delete" => Action::new(Access::Session, |ctx| Box::pin(delete(ctx))),
        _ => return None,
    })
}

async fn get(ctx: Ctx) -> ActionResult {
    let entry_id = ctx.params.req_str("entryId")?;
    Ok(render(&ctx, &load_entry(&ctx, &entry_id)?))
}

async fn list(ctx: Ctx) -> ActionResult {
    list_entries(&ctx, "KalturaBaseEntryListResponse", false)
}

async fn update(ctx: Ctx) -> ActionResult {
    update_entry(&ctx, "baseEntry")
}

async fn delete(ctx: Ctx) -> ActionResult {
    delete_entry(&ctx)
}
