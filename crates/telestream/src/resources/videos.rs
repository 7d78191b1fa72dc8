//! Videos (telestream-cloud.md 4.2): create from a URL, get, list, delete, metadata. Uploads of local
//! files are in `upload`.

use reqwest::Method;
use serde_json::{Map, Value};

use super::{decode, item_path, params};
use crate::client::{Call, Client};
use crate::error::Result;
use crate::types::{NewVideo, Page, Video, VideoQuery};

/// The video calls; see [`Client::videos`].
#[derive(Debug, Clone, Copy)]
pub struct Videos<'a> {
    client: &'a Client,
}

impl Client {
    /// Calls on the factory's videos.
    pub fn videos(&self) -> Videos<'_> {
        Videos { client: self }
    }
}

impl Videos<'_> {
    /// `POST /videos.json` with `source_url`: the platform fetches the file and answers a video in
    /// `processing`. Not retried on server errors: a lost answer may still have created the video.
    pub async fn create_from_url(&self, video: &NewVideo) -> Result<Video> {
        let call = Call::new(Method::POST, "/videos.json").params(params(video)?);
        let value = self.client.execute(&call).await?;
        decode(&call, value)
    }

    /// `GET /videos/{id}.json`.
    pub async fn get(&self, id: &str) -> Result<Video> {
        let call = Call::new(Method::GET, item_path("videos", id, ""));
        let value = self.client.execute(&call).await?;
        decode(&call, value)
    }

    /// `GET /videos.json`: one page of the factory's videos. v3.0 does not say how many there are in all.
    pub async fn list(&self, query: &VideoQuery) -> Result<Page<Video>> {
        let call = Call::new(Method::GET, "/videos.json").params(params(query)?);
        let value = self.client.execute(&call).await?;
        decode(&call, value)
    }

    /// `DELETE /videos/{id}.json`: the video, its encodings and their stored files. Not retried on server
    /// errors; a repeated delete of a gone video would answer not found.
    pub async fn delete(&self, id: &str) -> Result<()> {
        let call = Call::new(Method::DELETE, item_path("videos", id, ""));
        self.client.execute(&call).await?;
        Ok(())
    }

    /// `GET /videos/{id}/metadata.json`: the full probe of the source, free-form (exiftool-like keys with
    /// mixed types).
    pub async fn metadata(&self, id: &str) -> Result<Map<String, Value>> {
        let call = Call::new(Method::GET, item_path("videos", id, "/metadata"));
        let value = self.client.execute(&call).await?;
        decode(&call, value)
    }
}
