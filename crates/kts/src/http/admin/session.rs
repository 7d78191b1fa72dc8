//! Who may use the admin pages: the credential check, the session cookie and
//! the per-form CSRF token (the login throttle is in `throttle.rs`).
//!
//! The session is a private cookie (encrypted and authenticated with a key
//! derived from `KTS_SECRET_KEY`), `HttpOnly`, `SameSite=Strict`, path `/`
//! (the old admin URLs live at the root), `Secure` when the public URL
//! (`KTS_PUBLIC_URL`) is https, with an expiry both in the cookie
//! and inside its sealed value. It holds the user name, the expiry and the
//! session's CSRF token, so KTS keeps no session table and replicas share
//! sessions. Logging out removes the cookie from the browser; a copied cookie
//! stays valid until it expires ([`SESSION_LIFETIME`]).

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::body::{Body, Bytes};
use axum::extract::{Form, FromRef, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::{Cookie, Key, PrivateCookieJar, SameSite};
use secrecy::ExposeSecret;
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::config::AdminCredentials;
use crate::http::admin::page::{self, AdminError};
use crate::http::admin::throttle::LoginThrottle;
use crate::secret::SecretKey;

/// Name of the session cookie.
pub(crate) const SESSION_COOKIE: &str = "kts_admin";
/// How long a login lasts.
pub(crate) const SESSION_LIFETIME: Duration = Duration::from_secs(8 * 3600);
/// Length of the longest user name or password compared.
const MAX_CREDENTIAL_LEN: usize = 1024;

/// What the admin area needs besides the store: the configured login, the
/// cookie key and the login throttle. Cheap to clone.
#[derive(Clone)]
pub struct AdminState {
    credentials: Option<Arc<AdminCredentials>>,
    cookie_key: Key,
    secure_cookies: bool,
    throttle: Arc<LoginThrottle>,
}

impl std::fmt::Debug for AdminState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AdminState")
            .field("open", &self.credentials.is_some())
            .finish_non_exhaustive()
    }
}

impl AdminState {
    /// The admin area for `credentials` (closed when `None`), its cookies
    /// sealed with a key derived from `secret_key`.
    pub fn new(credentials: Option<AdminCredentials>, secret_key: &SecretKey) -> Self {
        AdminState {
            credentials: credentials.map(Arc::new),
            cookie_key: Key::from(&secret_key.cookie_key()),
            secure_cookies: false,
            throttle: Arc::new(LoginThrottle::default()),
        }
    }

    /// Marks the cookies `Secure` (sent back over https only) when `secure`;
    /// off by default. On when the public URL is https: a cookie marked so
    /// would never come back over the plain http of a local demo, and
    /// without the mark a browser would send the session over plain http.
    pub fn with_secure_cookies(mut self, secure: bool) -> Self {
        self.secure_cookies = secure;
        self
    }

    /// Whether credentials are configured (the area is closed otherwise).
    pub fn is_open(&self) -> bool {
        self.credentials.is_some()
    }

    /// The throttle of failed logins.
    pub fn throttle(&self) -> &LoginThrottle {
        &self.throttle
    }

    /// Checks a login in constant time (per byte of the digests: neither the
    /// length nor the first differing byte shows in the timing).
    pub fn check_login(&self, user: &str, password: &str) -> bool {
        let Some(expected) = &self.credentials else {
            return false;
        };
        if user.len() > MAX_CREDENTIAL_LEN || password.len() > MAX_CREDENTIAL_LEN {
            return false;
        }
        let user_ok = digest(user).ct_eq(&digest(&expected.user));
        let password_ok = digest(password).ct_eq(&digest(expected.password.expose_secret()));
        (user_ok & password_ok).into()
    }

    /// The cookie of a new session for `user`.
    pub fn session_cookie(&self, user: &str) -> Cookie<'static> {
        let expires_at = unix_now().saturating_add(SESSION_LIFETIME.as_secs());
        let token = crate::secret::random_token(32);
        let value = format!("{expires_at}|{token}|{user}");
        let mut cookie = Cookie::new(SESSION_COOKIE, value);
        cookie.set_http_only(true);
        cookie.set_same_site(SameSite::Strict);
        cookie.set_path("/");
        cookie.set_secure(self.secure_cookies);
        cookie.set_max_age(cookie::time::Duration::seconds(
            i64::try_from(SESSION_LIFETIME.as_secs()).unwrap_or(i64::MAX),
        ));
        cookie
    }

    /// A cookie that removes the session cookie (with the same attributes,
    /// so that browsers apply it to the cookie it replaces).
    pub fn removal_cookie(&self) -> Cookie<'static> {
        let mut cookie = Cookie::from(SESSION_COOKIE);
        cookie.set_path("/");
        cookie.set_secure(self.secure_cookies);
        cookie
    }

    fn jar(&self, parts: &Parts) -> PrivateCookieJar {
        self.request_jar(&parts.headers)
    }

    /// The cookies a request carries (a removal needs the original cookie).
    pub fn request_jar(&self, headers: &axum::http::HeaderMap) -> PrivateCookieJar {
        PrivateCookieJar::from_headers(headers, self.cookie_key.clone())
    }

    /// An empty jar to set cookies with.
    pub fn empty_jar(&self) -> PrivateCookieJar {
        PrivateCookieJar::new(self.cookie_key.clone())
    }

    /// The session the request carries, if it is valid for the configured
    /// user and not expired.
    fn session_of(&self, parts: &Parts) -> Option<AdminSession> {
        let expected = self.credentials.as_ref()?;
        let cookie = self.jar(parts).get(SESSION_COOKIE)?;
        let mut fields = cookie.value().splitn(3, '|');
        let expires_at: u64 = fields.next()?.parse().ok()?;
        let token = fields.next()?.to_owned();
        let user = fields.next()?;
        if expires_at <= unix_now() || user != expected.user || token.is_empty() {
            return None;
        }
        Some(AdminSession {
            user: user.to_owned(),
            csrf: CsrfToken(token),
        })
    }
}

fn digest(text: &str) -> [u8; 32] {
    Sha256::digest(text.as_bytes()).into()
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// The token a session's forms carry; a POST without it is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CsrfToken(String);

impl CsrfToken {
    /// The token text, for a hidden form field.
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `sent` is this token (constant time).
    pub(crate) fn matches(&self, sent: &str) -> bool {
        digest(&self.0).ct_eq(&digest(sent)).into()
    }
}

/// A logged-in admin. As an extractor, it sends a browser without a valid
/// session to the login page, and answers with the "admin closed" page when no
/// credentials are configured.
#[derive(Debug, Clone)]
pub(crate) struct AdminSession {
    /// The user name.
    pub user: String,
    /// The session's CSRF token.
    pub csrf: CsrfToken,
}

impl<S> FromRequestParts<S> for AdminSession
where
    S: Send + Sync,
    AdminState: FromRef<S>,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let admin = AdminState::from_ref(state);
        if !admin.is_open() {
            return Err(page::closed());
        }
        admin
            .session_of(parts)
            .ok_or_else(|| Redirect::to("/admin/login").into_response())
    }
}

/// Field name of the CSRF token in every admin form.
pub(crate) const CSRF_FIELD: &str = "csrf_token";

/// A urlencoded admin form whose CSRF token matched the session's: the only
/// way admin handlers receive a change. Rejected with 403 (token missing or
/// wrong), a redirect to the login (no session) or 400 (malformed form).
#[derive(Debug)]
pub(crate) struct CsrfForm<T> {
    /// Who posted it.
    pub session: AdminSession,
    /// The form's other fields.
    pub form: T,
}

impl<S, T> FromRequest<S> for CsrfForm<T>
where
    S: Send + Sync,
    AdminState: FromRef<S>,
    T: DeserializeOwned + Send,
{
    type Rejection = Response;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = request.into_parts();
        let session = AdminSession::from_request_parts(&mut parts, state).await?;
        let bytes = Bytes::from_request(Request::from_parts(parts.clone(), body), state)
            .await
            .map_err(IntoResponse::into_response)?;
        let sent = url::form_urlencoded::parse(&bytes)
            .find(|(name, _)| name == CSRF_FIELD)
            .map(|(_, value)| value.into_owned())
            .unwrap_or_default();
        if !session.csrf.matches(&sent) {
            return Err(AdminError::Csrf.into_response());
        }
        let Form(form) =
            Form::<T>::from_request(Request::from_parts(parts, Body::from(bytes)), state)
                .await
                .map_err(|rejection| AdminError::BadForm(rejection.body_text()).into_response())?;
        Ok(CsrfForm { session, form })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::SecretString;

    fn admin() -> AdminState {
        AdminState::new(
            Some(AdminCredentials {
                user: "boss".into(),
                password: SecretString::from("correct horse"),
            }),
            &SecretKey::generate(),
        )
    }

    fn parts_with_cookie(admin: &AdminState, cookie: Cookie<'static>) -> Parts {
        let jar = admin.empty_jar().add(cookie);
        let response = jar.into_response();
        let set_cookie = response
            .headers()
            .get(axum::http::header::SET_COOKIE)
            .unwrap()
            .to_str()
            .unwrap();
        let pair = set_cookie.split(';').next().unwrap().to_owned();
        axum::http::Request::get("/admin")
            .header(axum::http::header::COOKIE, pair)
            .body(())
            .unwrap()
            .into_parts()
            .0
    }

    #[test]
    fn login_is_checked_against_user_and_password() {
        let admin = admin();
        assert!(admin.check_login("boss", "correct horse"));
        assert!(!admin.check_login("boss", "correct hors"));
        assert!(!admin.check_login("bos", "correct horse"));
        assert!(!admin.check_login("boss", &"x".repeat(5000)));
        let closed = AdminState::new(None, &SecretKey::generate());
        assert!(!closed.check_login("", ""));
        assert!(!closed.is_open());
    }

    #[test]
    fn a_session_cookie_round_trips_and_carries_a_csrf_token() {
        let admin = admin();
        let cookie = admin.session_cookie("boss");
        assert!(cookie.http_only().unwrap_or(false));
        assert_eq!(cookie.same_site(), Some(SameSite::Strict));
        assert_ne!(cookie.secure(), Some(true), "plain http by default");
        let session = admin
            .session_of(&parts_with_cookie(&admin, cookie))
            .unwrap();
        assert_eq!(session.user, "boss");
        assert!(session.csrf.matches(session.csrf.as_str()));
        assert!(!session.csrf.matches("forged"));
    }

    #[test]
    fn a_cookie_sealed_with_another_key_or_for_another_user_is_refused() {
        let admin = admin();
        let other = AdminState::new(
            Some(AdminCredentials {
                user: "boss".into(),
                password: SecretString::from("correct horse"),
            }),
            &SecretKey::generate(),
        );
        let foreign = parts_with_cookie(&other, other.session_cookie("boss"));
        assert!(admin.session_of(&foreign).is_none());
        let wrong_user = parts_with_cookie(&admin, admin.session_cookie("intruder"));
        assert!(admin.session_of(&wrong_user).is_none());
        let expired = Cookie::new(SESSION_COOKIE, "1|token|boss");
        assert!(
            admin
                .session_of(&parts_with_cookie(&admin, expired))
                .is_none()
        );
    }

    #[test]
    fn cookies_are_secure_only_when_asked_to_be() {
        let admin = admin().with_secure_cookies(true);
        assert_eq!(admin.session_cookie("boss").secure(), Some(true));
        assert_eq!(admin.removal_cookie().secure(), Some(true));
        let plain = admin.with_secure_cookies(false);
        assert_ne!(plain.session_cookie("boss").secure(), Some(true));
    }
}
