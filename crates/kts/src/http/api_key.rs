//! API keys for `/service/*`: `Authorization: Bearer <key>` or an `api_key`
//! query parameter, checked against the store's `api_keys` table.
//!
//! [`require_api_key`] guards the whole area with at least read access;
//! handlers that change data add [`ApiKey<WriteAccess>`] to their signature.
//! With open access on (`KTS_OPEN_ACCESS`), both let every call through.

use std::marker::PhantomData;
use std::sync::Arc;

use axum::extract::{FromRef, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::config::AccessSettings;
use crate::error::Error;
use crate::http::error::rejection;
use crate::http::state::AppState;
use crate::store::{ApiKeyRecord, Scope, Store};

/// The access a call needs, as a type, so it shows in handler signatures.
pub trait RequiredScope: Send + Sync + 'static {
    /// The scope a key must have.
    const SCOPE: Scope;
}

/// Calls that only read.
#[derive(Debug)]
pub struct ReadAccess;

/// Calls that change data.
#[derive(Debug)]
pub struct WriteAccess;

impl RequiredScope for ReadAccess {
    const SCOPE: Scope = Scope::Read;
}

impl RequiredScope for WriteAccess {
    const SCOPE: Scope = Scope::Write;
}

/// Proof that the caller may make this call.
#[derive(Debug)]
pub struct ApiKey<R: RequiredScope = ReadAccess> {
    /// The key used; `None` under open access.
    pub key: Option<ApiKeyRecord>,
    scope: PhantomData<R>,
}

/// Why a key was refused (missing, unknown, revoked, too narrow, or the
/// store failing), in KTS's words and no surface's shape: the response has
/// the status and carries the error as `http::error::Rejected`, and each
/// surface's layer writes its own body (the legacy one with
/// `legacy::error::render_rejections`, a later `/v1` with problem+json).
#[derive(Debug)]
pub struct ApiKeyRejection(pub Error);

impl IntoResponse for ApiKeyRejection {
    fn into_response(self) -> Response {
        rejection(self.0)
    }
}

/// The token of an `Authorization: Bearer <token>` header (the scheme in
/// any case), if the request has one.
pub(crate) fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then_some(token.trim())
}

/// The key text sent with the request, if any.
fn presented_key(parts: &Parts) -> Option<String> {
    if let Some(token) = bearer_token(&parts.headers) {
        return Some(token.to_owned());
    }
    let query = parts.uri.query()?;
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(name, value)| name == "api_key" && !value.is_empty())
        .map(|(_, value)| value.into_owned())
}

/// Checks the request's key against `required`.
async fn authorize(
    parts: &Parts,
    store: &Store,
    access: &AccessSettings,
    required: Scope,
) -> Result<Option<ApiKeyRecord>, Error> {
    if access.open {
        return Ok(None);
    }
    // The area's guard verified the key already; reuse its finding.
    let record = match parts.extensions.get::<ApiKeyRecord>() {
        Some(record) => record.clone(),
        None => {
            let key = presented_key(parts).ok_or(Error::ApiKeyMissing)?;
            store
                .verify_api_key(&key)
                .await?
                .ok_or(Error::ApiKeyInvalid)?
        }
    };
    if !record.scope.allows(required) {
        return Err(Error::ApiKeyScope);
    }
    Ok(Some(record))
}

impl<S, R> FromRequestParts<S> for ApiKey<R>
where
    S: Send + Sync,
    R: RequiredScope,
    Store: FromRef<S>,
    Arc<AccessSettings>: FromRef<S>,
{
    type Rejection = ApiKeyRejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let store = Store::from_ref(state);
        let access = Arc::<AccessSettings>::from_ref(state);
        let key = authorize(parts, &store, &access, R::SCOPE)
            .await
            .map_err(ApiKeyRejection)?;
        Ok(ApiKey {
            key,
            scope: PhantomData,
        })
    }
}

/// Middleware for `/service/*`: every call needs at least a read key (unless
/// access is open). The verified key is left in the request's extensions.
pub async fn require_api_key(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let (mut parts, body) = request.into_parts();
    match authorize(&parts, &state.store, &state.access, Scope::Read).await {
        Ok(record) => {
            if let Some(record) = record {
                parts.extensions.insert(record);
            }
            next.run(Request::from_parts(parts, body)).await
        }
        Err(error) => ApiKeyRejection(error).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(request: axum::http::Request<()>) -> Parts {
        request.into_parts().0
    }

    #[test]
    fn bearer_header_wins_over_query_parameter() {
        let p = parts(
            axum::http::Request::get("/service/x?api_key=kts_q")
                .header("authorization", "Bearer kts_h")
                .body(())
                .unwrap(),
        );
        assert_eq!(presented_key(&p).as_deref(), Some("kts_h"));
        let p = parts(
            axum::http::Request::get("/x?a=1&api_key=kts_q")
                .body(())
                .unwrap(),
        );
        assert_eq!(presented_key(&p).as_deref(), Some("kts_q"));
        let p = parts(
            axum::http::Request::get("/x")
                .header("authorization", "Basic abc")
                .body(())
                .unwrap(),
        );
        assert_eq!(presented_key(&p), None);
    }
}
