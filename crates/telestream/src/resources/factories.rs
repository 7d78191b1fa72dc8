//! Factories (telestream-cloud.md 4.1): account-level, so these calls carry no `factory_id`.

use reqwest::Method;

use super::{decode, item_path};
use crate::client::{Call, Client};
use crate::error::Result;
use crate::types::{Factory, Page};

/// The factory calls; see [`Client::factories`].
#[derive(Debug, Clone, Copy)]
pub struct Factories<'a> {
    client: &'a Client,
}

impl Client {
    /// Calls on factories.
    pub fn factories(&self) -> Factories<'_> {
        Factories { client: self }
    }
}

impl Factories<'_> {
    /// `GET /factories/{id}.json`. Fails with an error whose `is_not_found()` holds for an unknown id.
    pub async fn get(&self, id: &str) -> Result<Factory> {
        let call = Call::new(Method::GET, item_path("factories", id, "")).account_level();
        let value = self.client.execute(&call).await?;
        decode(&call, value)
    }

    /// `GET /factories.json`: the account's factories, first page.
    pub async fn list(&self) -> Result<Page<Factory>> {
        let call = Call::new(Method::GET, "/factories.json").account_level();
        let value = self.client.execute(&call).await?;
        decode(&call, value)
    }
}
