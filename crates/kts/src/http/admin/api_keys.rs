//! The API keys page: create (the key is shown once), list (name, scope,
//! created, last used), revoke.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use secrecy::ExposeSecret;
use serde::Deserialize;

use crate::http::admin::page::{self, AdminError, when};
use crate::http::admin::session::{AdminSession, CsrfForm};
use crate::store::{ApiKeyRecord, Scope, Store, StoreError};

/// One row of the keys table.
#[derive(Debug)]
pub(crate) struct KeyRow {
    /// Row id.
    pub id: i64,
    /// Who the key is for.
    pub name: String,
    /// `read` or `write`.
    pub scope: &'static str,
    /// When it was created.
    pub created: String,
    /// When it was last used.
    pub last_used: String,
    /// When it was revoked, if it was.
    pub revoked: Option<String>,
}

impl From<&ApiKeyRecord> for KeyRow {
    fn from(record: &ApiKeyRecord) -> Self {
        KeyRow {
            id: record.id,
            name: record.name.clone(),
            scope: record.scope.as_str(),
            created: when(Some(record.created_at)),
            last_used: when(record.last_used_at),
            revoked: record.revoked_at.map(|t| when(Some(t))),
        }
    }
}

#[derive(Template)]
#[template(path = "admin/api_keys.html")]
struct ApiKeysPage<'a> {
    csrf: &'a str,
    keys: Vec<KeyRow>,
    created: Option<(&'a str, &'a str)>,
    name: &'a str,
    name_error: Option<String>,
}

async fn keys_page(
    store: &Store,
    session: &AdminSession,
    created: Option<(&str, &str)>,
    name: &str,
    name_error: Option<String>,
) -> Result<Response, AdminError> {
    let keys = store.list_api_keys().await?;
    let status = if name_error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok(page::render(
        status,
        &ApiKeysPage {
            csrf: session.csrf.as_str(),
            keys: keys.iter().map(KeyRow::from).collect(),
            created,
            name,
            name_error,
        },
    ))
}

/// `GET /admin/api-keys`.
pub(crate) async fn list_api_keys(
    session: AdminSession,
    State(store): State<Store>,
) -> Result<Response, AdminError> {
    keys_page(&store, &session, None, "", None).await
}

/// The new key form's fields.
#[derive(Debug, Deserialize)]
pub(crate) struct NewKeyFields {
    #[serde(default)]
    name: String,
    #[serde(default)]
    scope: String,
}

/// `POST /admin/api-keys`: creates a key and shows it, once.
pub(crate) async fn create_api_key(
    State(store): State<Store>,
    CsrfForm { session, form }: CsrfForm<NewKeyFields>,
) -> Result<Response, AdminError> {
    let scope = match form.scope.as_str() {
        "write" => Scope::Write,
        "read" => Scope::Read,
        _ => return Err(AdminError::BadForm("scope must be read or write".into())),
    };
    match store.create_api_key(&form.name, scope).await {
        Ok(created) => {
            tracing::info!(key = created.record.id, user = %session.user, "api key created");
            let name = created.record.name.clone();
            let key = created.key.expose_secret().to_owned();
            keys_page(&store, &session, Some((&name, &key)), "", None).await
        }
        Err(StoreError::InvalidField { reason, .. }) => {
            let name: String = form.name.chars().take(200).collect();
            keys_page(
                &store,
                &session,
                None,
                &name,
                Some(format!("Name {reason}")),
            )
            .await
        }
        Err(other) => Err(other.into()),
    }
}

/// No fields besides the CSRF token.
#[derive(Debug, Deserialize)]
pub(crate) struct NoFields {}

/// `POST /admin/api-keys/{id}/revoke`.
pub(crate) async fn revoke_api_key(
    State(store): State<Store>,
    Path(id): Path<i64>,
    CsrfForm { session, .. }: CsrfForm<NoFields>,
) -> Result<Response, AdminError> {
    if !store.revoke_api_key(id).await? {
        return Err(AdminError::NotFound(format!("api key {id}")));
    }
    tracing::info!(key = id, user = %session.user, "api key revoked");
    Ok(Redirect::to("/admin/api-keys").into_response())
}
