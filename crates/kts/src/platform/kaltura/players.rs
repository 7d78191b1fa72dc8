//! What player pages and thumbnail pickers need from Kaltura: the embed
//! scripts of the instance's players (embedPlaykitJs, or the v2
//! embedIframeJs), the mobile flavor's `playManifest` URL, thumbnail API
//! URLs, the default thumbnail, a frame captured as thumbnail
//! (`thumbAsset.generate`), and the instance user's own session.

use std::time::Duration;

use kaltura::{AssetFilter, SessionType, ThumbAsset, ThumbParams};

use super::Kaltura;
use crate::error::Error;
use crate::ids::EntryId;
use crate::model::{
    DefaultThumbnail, Embed, EmbedStyle, EntryImage, MobileEmbed, PlayerRole, SessionToken,
    Thumbnail, UserSession,
};

impl Kaltura {
    /// The origin (`scheme://host[:port]`) of the instance's server.
    fn origin(&self) -> String {
        url::Url::parse(&self.conn.facts.service_url)
            .map(|u| u.origin().ascii_serialization())
            .unwrap_or_default()
    }

    /// The embed of the instance's `role` player for `entry`, or `None` when
    /// that player is not configured.
    pub(crate) fn embed(
        &self,
        entry: &EntryId,
        role: PlayerRole,
        style: EmbedStyle,
    ) -> Result<Option<Embed>, Error> {
        let facts = &self.conn.facts;
        let uiconf = match role {
            PlayerRole::Viewer => facts.player_uiconf_id,
            PlayerRole::ThumbnailSelector => facts.thumbnail_player_uiconf_id,
        };
        let Some(uiconf_id) = uiconf else {
            return Ok(None);
        };
        let base = self.partner_base();
        let partner_id = facts.partner_id;
        let script_url = match style {
            EmbedStyle::Legacy => format!(
                "{base}/sp/{partner_id}00/embedIframeJs/uiconf_id/{uiconf_id}/partner_id/{partner_id}"
            ),
            EmbedStyle::Current => format!("{base}/embedPlaykitJs/uiconf_id/{uiconf_id}"),
        };
        let ks = self.conn.entry_playback_ks(entry)?;
        Ok(Some(Embed {
            style,
            script_url,
            account_id: partner_id,
            player_id: uiconf_id,
            entry_id: entry.as_str().to_owned(),
            playback_session: SessionToken::new(ks.expose().to_owned()),
            platform_origin: self.origin(),
        }))
    }

    /// The mobile flavor of `entry` as an mp4 (`playManifest`) and a poster,
    /// or `None` when the instance has no mobile flavor.
    pub(crate) fn mobile_embed(&self, entry: &EntryId) -> Result<Option<MobileEmbed>, Error> {
        let Some(flavor) = self.conn.facts.mobile_flavor_id else {
            return Ok(None);
        };
        let ks = self.conn.entry_playback_ks(entry)?;
        let ks = ks.expose();
        let prefix = self.entry_files();
        Ok(Some(MobileEmbed {
            video_url: format!(
                "{prefix}/playManifest/entryId/{entry}/flavorParamIds/{flavor}/format/url/protocol/https/ks/{ks}/a.mp4"
            ),
            poster_url: format!("{prefix}/thumbnail/entry_id/{entry}/width/640/ks/{ks}"),
            platform_origin: self.origin(),
        }))
    }

    /// The thumbnail API image of `entry`, scaled to `width` and `height`
    /// pixels when given.
    pub(crate) fn entry_image(
        &self,
        entry: &EntryId,
        width: Option<&str>,
        height: Option<&str>,
    ) -> Result<EntryImage, Error> {
        let ks = self.conn.entry_playback_ks(entry)?;
        let mut url = format!("{}/thumbnail/entry_id/{entry}", self.entry_files());
        if let Some(w) = width {
            url.push_str(&format!("/width/{w}"));
        }
        if let Some(h) = height {
            url.push_str(&format!("/height/{h}"));
        }
        url.push_str(&format!("/ks/{}", ks.expose()));
        Ok(EntryImage {
            url,
            platform_origin: self.origin(),
        })
    }

    /// `<service>/p/<partner>/sp/<partner>00`: the prefix of an entry's
    /// served files.
    fn entry_files(&self) -> String {
        let partner = self.conn.facts.partner_id;
        format!("{}/sp/{partner}00", self.partner_base())
    }

    /// The default thumbnail of `entry` with its URL (`thumbAsset.getUrl`),
    /// or the thumbnail API's URL when it has none.
    pub(crate) async fn default_thumbnail(
        &self,
        entry: &EntryId,
    ) -> Result<DefaultThumbnail, Error> {
        let client = &self.conn.client;
        let filter = AssetFilter::for_entry(entry.as_str());
        let thumbs = client
            .thumb_asset()
            .list(&filter, None)
            .await
            .map_err(|e| self.entry_failure(entry, e))?;
        match thumbs.objects.iter().find(|t| t.is_default()) {
            Some(thumb) => {
                let id = thumb.id.clone().unwrap_or_default();
                let url = client
                    .thumb_asset()
                    .get_url(&id)
                    .await
                    .map_err(|e| self.conn.failure(e))?;
                Ok(DefaultThumbnail {
                    thumbnail: Some(thumbnail_of(thumb, url.clone())),
                    url,
                })
            }
            None => Ok(DefaultThumbnail {
                thumbnail: None,
                url: format!("{}/{}", self.thumbnail_base(entry), super::unix_now()),
            }),
        }
    }

    /// Captures the frame at `offset` seconds (`thumbAsset.generate`) and
    /// makes it the default; returns its id.
    pub(crate) async fn thumbnail_from_frame(
        &self,
        entry: &EntryId,
        offset: f64,
    ) -> Result<String, Error> {
        let client = &self.conn.client;
        let params = ThumbParams {
            video_offset: Some(offset),
            ..Default::default()
        };
        let thumb = client
            .thumb_asset()
            .generate(entry.as_str(), &params)
            .await
            .map_err(|e| self.entry_failure(entry, e))?;
        let id = thumb.id.ok_or_else(|| self.no_id("thumbAsset.generate"))?;
        client
            .thumb_asset()
            .set_as_default(&id)
            .await
            .map_err(|e| self.conn.failure(e))?;
        Ok(id)
    }

    /// A USER session of the instance's own user, valid for `lifetime`,
    /// built locally: the admin session never leaves KTS.
    pub(crate) fn user_session(&self, lifetime: Duration) -> Result<UserSession, Error> {
        let facts = &self.conn.facts;
        let ks = self
            .conn
            .client
            .build_ks(SessionType::User, &facts.user_id, "", lifetime)
            .map_err(|e| self.conn.failure(e))?;
        Ok(UserSession {
            session: SessionToken::new(ks.expose().to_owned()),
            account_id: facts.partner_id,
            service_url: facts.service_url.clone(),
            expires_in: lifetime.as_secs(),
        })
    }
}

/// Kaltura's thumbnail asset in KTS's words, fetched from `url`.
fn thumbnail_of(thumb: &ThumbAsset, url: String) -> Thumbnail {
    Thumbnail {
        id: thumb.id.clone().unwrap_or_default(),
        width: thumb.width,
        height: thumb.height,
        size: thumb.size_in_bytes,
        created: thumb.created_at,
        is_default: thumb.is_default(),
        status: super::assets::asset_status(thumb.status.as_ref()),
        url,
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Connection, InstanceFacts};
    use super::*;
    use crate::ids::InstanceId;

    fn account(player: Option<i64>, mobile_flavor: Option<i64>) -> Kaltura {
        let client = kaltura::Client::builder("https://video.example.org", 123)
            .admin_secret("0123456789abcdef0123456789abcdef")
            .user_id("editor")
            .build()
            .unwrap();
        let facts = InstanceFacts {
            id: InstanceId::DEFAULT,
            partner_id: 123,
            service_url: "https://video.example.org".into(),
            player_uiconf_id: player,
            thumbnail_player_uiconf_id: None,
            user_id: "editor".into(),
            mobile_flavor_id: mobile_flavor,
        };
        Kaltura::new(Connection { facts, client })
    }

    fn entry() -> EntryId {
        "0_abc".parse().unwrap()
    }

    #[test]
    fn embeds_load_the_configured_players_script_from_the_instances_server() {
        let kaltura = account(Some(77), None);
        let current = kaltura
            .embed(&entry(), PlayerRole::Viewer, EmbedStyle::Current)
            .unwrap()
            .unwrap();
        assert_eq!(
            current.script_url,
            "https://video.example.org/p/123/embedPlaykitJs/uiconf_id/77"
        );
        assert_eq!((current.account_id, current.player_id), (123, 77));
        assert_eq!(current.platform_origin, "https://video.example.org");
        let legacy = kaltura
            .embed(&entry(), PlayerRole::Viewer, EmbedStyle::Legacy)
            .unwrap()
            .unwrap();
        assert_eq!(
            legacy.script_url,
            "https://video.example.org/p/123/sp/12300/embedIframeJs/uiconf_id/77/partner_id/123"
        );
    }

    #[test]
    fn an_unconfigured_player_or_flavor_embeds_nothing() {
        let kaltura = account(None, None);
        let selector = kaltura.embed(&entry(), PlayerRole::ThumbnailSelector, EmbedStyle::Current);
        assert!(selector.unwrap().is_none());
        assert!(kaltura.mobile_embed(&entry()).unwrap().is_none());
    }

    #[test]
    fn the_mobile_flavor_plays_through_play_manifest_with_a_playback_session() {
        let embed = account(None, Some(9))
            .mobile_embed(&entry())
            .unwrap()
            .unwrap();
        let prefix = "https://video.example.org/p/123/sp/12300";
        assert!(
            embed.video_url.starts_with(&format!(
                "{prefix}/playManifest/entryId/0_abc/flavorParamIds/9/format/url/protocol/https/ks/"
            )),
            "{}",
            embed.video_url
        );
        assert!(embed.video_url.ends_with("/a.mp4"));
        assert!(
            embed
                .poster_url
                .starts_with(&format!("{prefix}/thumbnail/entry_id/0_abc/width/640/ks/"))
        );
    }

    #[test]
    fn entry_images_name_only_the_sizes_given() {
        let kaltura = account(None, None);
        let image = kaltura.entry_image(&entry(), Some("320"), None).unwrap();
        assert!(
            image.url.starts_with(
                "https://video.example.org/p/123/sp/12300/thumbnail/entry_id/0_abc/width/320/ks/"
            ),
            "{}",
            image.url
        );
        assert!(!image.url.contains("/height/"));
    }
}
