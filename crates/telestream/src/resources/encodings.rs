//! Encodings (telestream-cloud.md 4.3): the outputs of a video, one per profile.

use reqwest::Method;

use super::{decode, item_path, params};
use crate::client::{Call, Client};
use crate::error::Result;
use crate::types::{Encoding, EncodingQuery, Page, ProfileRef};

/// The encoding calls; see [`Client::encodings`].
#[derive(Debug, Clone, Copy)]
pub struct Encodings<'a> {
    client: &'a Client,
}

impl Client {
    /// Calls on the factory's encodings.
    pub fn encodings(&self) -> Encodings<'_> {
        Encodings { client: self }
    }
}

impl Encodings<'_> {
    /// `GET /videos/{video_id}/encodings.json`: the encodings of one video.
    pub async fn list_for_video(
        &self,
        video_id: &str,
        query: &EncodingQuery,
    ) -> Result<Page<Encoding>> {
        let call = Call::new(Method::GET, item_path("videos", video_id, "/encodings"))
            .params(params(query)?);
        let value = self.client.execute(&call).await?;
        decode(&call, value)
    }

    /// `GET /encodings/{id}.json`; `screenshots` asks for the encoding's screenshot list.
    pub async fn get(&self, id: &str, screenshots: bool) -> Result<Encoding> {
        let mut call = Call::new(Method::GET, item_path("encodings", id, ""));
        if screenshots {
            call = call.param("screenshots", true);
        }
        let value = self.client.execute(&call).await?;
        decode(&call, value)
    }

    /// `POST /encodings.json`: a new encoding of `video_id` with `profile`, e.g. a thumbnail profile whose
    /// `frame_offsets` picks the frame (section 8). Answers the encoding in `processing`; the platform
    /// refuses it (400) for a failed video.
    pub async fn create(&self, video_id: &str, profile: &ProfileRef) -> Result<Encoding> {
        let call = Call::new(Method::POST, "/encodings.json").param("video_id", video_id);
        let call = match profile {
            ProfileRef::Id(id) => call.param("profile_id", id.as_str()),
            ProfileRef::Name(name) => call.param("profile_name", name.as_str()),
        };
        let value = self.client.execute(&call).await?;
        decode(&call, value)
    }

    /// `DELETE /encodings/{id}.json`: the encoding and its output files. Not retried on server errors; a
    /// repeated delete of a gone encoding would answer not found.
    pub async fn delete(&self, id: &str) -> Result<()> {
        let call = Call::new(Method::DELETE, item_path("encodings", id, ""));
        self.client.execute(&call).await?;
        Ok(())
    }
}
