//! Player pages over a Telestream video: the factory only produces files
//! (reference 8, "players: none"), so every page KTS serves for it is its own
//! HTML5 `<video>` over the playable encoding's file, with the default
//! thumbnail as poster. Files are public on the factory's storage; nothing
//! secret reaches the page.

use super::Telestream;
use super::files;
use super::thumbnails::origin_of;
use crate::error::Error;
use crate::ids::EntryId;
use crate::model::MobileEmbed;

impl Telestream {
    /// The playable encoding's file (or the source while none is ready) and
    /// a poster.
    pub(crate) async fn video_embed(&self, entry: &EntryId) -> Result<MobileEmbed, Error> {
        let state = self.video_state(entry).await?;
        let base = self.factory_url().await?.to_owned();
        let video_url = files::playable(&state.encodings)
            .and_then(|e| files::output_url(&base, e))
            .or_else(|| files::source_url(&base, &state.video))
            .ok_or_else(|| self.invalid_answer("file to play"))?;
        let poster_url = self
            .default_of(&state, &base)
            .map(|t| t.url)
            .unwrap_or_default();
        Ok(MobileEmbed {
            platform_origin: origin_of(&video_url),
            video_url,
            poster_url,
        })
    }
}
