//! Encoding profiles (telestream-cloud.md 4.4).

use reqwest::Method;

use super::{decode, item_path, params};
use crate::client::{Call, Client};
use crate::error::Result;
use crate::types::{NewProfile, Page, Profile};

/// The profile calls; see [`Client::profiles`].
#[derive(Debug, Clone, Copy)]
pub struct Profiles<'a> {
    client: &'a Client,
}

impl Client {
    /// Calls on the factory's encoding profiles.
    pub fn profiles(&self) -> Profiles<'_> {
        Profiles { client: self }
    }
}

impl Profiles<'_> {
    /// `GET /profiles.json`: the factory's profiles, first page.
    pub async fn list(&self) -> Result<Page<Profile>> {
        let call = Call::new(Method::GET, "/profiles.json");
        let value = self.client.execute(&call).await?;
        decode(&call, value)
    }

    /// `GET /profiles/{id_or_name}.json`: a profile by id or by its unique name.
    pub async fn get(&self, id_or_name: &str) -> Result<Profile> {
        let call = Call::new(Method::GET, item_path("profiles", id_or_name, ""));
        let value = self.client.execute(&call).await?;
        decode(&call, value)
    }

    /// `POST /profiles.json`: a new profile from a preset and options. Not retried on server errors.
    pub async fn create(&self, profile: &NewProfile) -> Result<Profile> {
        let call = Call::new(Method::POST, "/profiles.json").params(params(profile)?);
        let value = self.client.execute(&call).await?;
        decode(&call, value)
    }
}
