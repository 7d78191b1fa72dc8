//! What player pages and thumbnail pickers ask of an instance, free of HTTP
//! (kts-legacy-api.md, "Players"): the embed of a configured player, the
//! mobile rendition's page, an entry's image, its default thumbnail, a
//! player frame made the default thumbnail, and the instance user's own
//! session for tools that call the platform directly.

use std::time::Duration;

use crate::error::Error;
use crate::ids::{EntryId, InstanceId};
use crate::instances::Instances;
use crate::model::{
    DefaultThumbnail, EmbedStyle, EntryImage, MobileEmbed, PlayerEmbed, PlayerRole, UserSession,
};
use crate::ops::platform_of;

/// Lifetime of the session [`user_session`] hands out.
pub(crate) const USER_SESSION_LIFETIME: Duration = Duration::from_secs(3600);

/// The embed of the instance's `role` player for `entry`. An instance
/// without that player is the caller's mistake: [`Error::InvalidParameter`]
/// on `id`, naming the missing setting.
#[tracing::instrument(
    name = "embed_player",
    skip_all,
    fields(instance = %instance, platform = tracing::field::Empty, entry = %entry)
)]
pub(crate) async fn embed(
    instances: &Instances,
    instance: InstanceId,
    entry: &EntryId,
    role: PlayerRole,
    style: EmbedStyle,
) -> Result<PlayerEmbed, Error> {
    let platform = platform_of(instances, instance).await?;
    platform
        .embed(entry, role, style)
        .await?
        .ok_or_else(|| Error::InvalidParameter {
            name: "id",
            reason: format!(
                "instance {instance} has no {} configured",
                match role {
                    PlayerRole::Viewer => "PLAYER_ID",
                    PlayerRole::ThumbnailSelector => "THUMBNAIL_PLAYER_ID",
                }
            ),
        })
}

/// The mobile rendition of `entry`; `None` when the instance has none
/// configured.
#[tracing::instrument(
    name = "embed_mobile_player",
    skip_all,
    fields(instance = %instance, platform = tracing::field::Empty, entry = %entry)
)]
pub(crate) async fn mobile_embed(
    instances: &Instances,
    instance: InstanceId,
    entry: &EntryId,
) -> Result<Option<MobileEmbed>, Error> {
    platform_of(instances, instance)
        .await?
        .mobile_embed(entry)
        .await
}

/// An image of `entry`, `width` and `height` pixels when given.
#[tracing::instrument(
    name = "entry_image",
    skip_all,
    fields(instance = %instance, platform = tracing::field::Empty, entry = %entry)
)]
pub(crate) async fn entry_image(
    instances: &Instances,
    instance: InstanceId,
    entry: &EntryId,
    width: Option<&str>,
    height: Option<&str>,
) -> Result<EntryImage, Error> {
    platform_of(instances, instance)
        .await?
        .entry_image(entry, width, height)
        .await
}

/// `get_thumbnail_url`: the default thumbnail and its URL, or the
/// platform's generated image when the entry has none.
#[tracing::instrument(
    name = "default_thumbnail",
    skip_all,
    fields(instance = %instance, platform = tracing::field::Empty, entry = %entry)
)]
pub(crate) async fn thumbnail_url(
    instances: &Instances,
    instance: InstanceId,
    entry: &EntryId,
) -> Result<DefaultThumbnail, Error> {
    platform_of(instances, instance)
        .await?
        .default_thumbnail(entry)
        .await
}

/// Reads the `offset` of `update_thumbnail_from_player`: seconds, may be
/// fractional, at most a day.
pub(crate) fn parse_offset(text: &str) -> Result<f64, Error> {
    match text.trim().parse::<f64>() {
        Ok(n) if n.is_finite() && (0.0..=86_400.0).contains(&n) => Ok(n),
        _ => Err(Error::InvalidParameter {
            name: "offset",
            reason: "must be a number of seconds from 0 to 86400".into(),
        }),
    }
}

/// `update_thumbnail_from_player`: the frame at `offset` seconds becomes
/// the default thumbnail; returns its id.
#[tracing::instrument(
    name = "thumbnail_from_player",
    skip_all,
    fields(instance = %instance, platform = tracing::field::Empty, entry = %entry)
)]
pub(crate) async fn thumbnail_from_player(
    instances: &Instances,
    instance: InstanceId,
    entry: &EntryId,
    offset: f64,
) -> Result<String, Error> {
    platform_of(instances, instance)
        .await?
        .thumbnail_from_frame(entry, offset)
        .await
}

/// `kaltura_session_start`: a session of the instance's own user, valid
/// for [`USER_SESSION_LIFETIME`] (never the admin session).
#[tracing::instrument(
    name = "user_session",
    skip_all,
    fields(instance = %instance, platform = tracing::field::Empty)
)]
pub(crate) async fn user_session(
    instances: &Instances,
    instance: InstanceId,
) -> Result<UserSession, Error> {
    platform_of(instances, instance)
        .await?
        .user_session(USER_SESSION_LIFETIME)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_are_bounded_seconds() {
        assert_eq!(parse_offset("2.5").unwrap(), 2.5);
        for bad in ["-1", "NaN", "inf", "1e9", "x"] {
            assert!(parse_offset(bad).is_err(), "{bad}");
        }
    }
}
