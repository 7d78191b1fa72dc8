//! Logging in and out: `GET /admin/login` (and the old `/login`), `POST
//! /admin/login` (and the old `POST /auth`, same fields `kts_user` and
//! `kts_pass`), `/admin/logout` (and `/logout`).

use askama::Template;
use axum::extract::rejection::FormRejection;
use axum::extract::{Form, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::http::admin::page;
use crate::http::admin::session::AdminState;
use crate::http::admin::throttle::{ClientAddress, LoginAttempt, ThrottleScope};

/// The login page.
#[derive(Template)]
#[template(path = "admin/login.html")]
struct LoginPage<'a> {
    user: &'a str,
    error: Option<&'a str>,
}

/// `GET /admin/login`: the form, or the closed page.
pub(crate) async fn login_form(State(admin): State<AdminState>) -> Response {
    if !admin.is_open() {
        return page::closed();
    }
    page::render(
        StatusCode::OK,
        &LoginPage {
            user: "",
            error: None,
        },
    )
}

/// The login form's fields (the old service's names).
#[derive(Debug, Deserialize)]
pub(crate) struct LoginFields {
    #[serde(default)]
    kts_user: String,
    #[serde(default)]
    kts_pass: String,
}

/// `POST /admin/login`: a session cookie and the dashboard, or the form again
/// with the reason (401 wrong login, 429 too many failures from the address,
/// for the user name or overall).
pub(crate) async fn login(
    State(admin): State<AdminState>,
    address: ClientAddress,
    form: Result<Form<LoginFields>, FormRejection>,
) -> Response {
    let fields = match form {
        Ok(Form(fields)) => fields,
        Err(rejection) => return page::form_rejected(rejection),
    };
    if !admin.is_open() {
        return page::closed();
    }
    let again = |status: StatusCode, error: &str| {
        let user: String = fields.kts_user.chars().take(128).collect();
        page::render(
            status,
            &LoginPage {
                user: &user,
                error: Some(error),
            },
        )
    };
    let attempt = LoginAttempt {
        address,
        user: &fields.kts_user,
    };
    if let Err(scope) = admin.throttle().check(attempt).await {
        let minutes = admin.throttle().limits().window.as_secs().div_ceil(60);
        let why = match scope {
            ThrottleScope::Address => "from your address",
            ThrottleScope::User => "for this user name",
            ThrottleScope::Global => "on this server",
        };
        tracing::warn!(address = ?address.0, ?scope, "admin login throttled");
        return again(
            StatusCode::TOO_MANY_REQUESTS,
            &format!("Too many failed logins {why}: wait {minutes} minutes."),
        );
    }
    if !admin.check_login(&fields.kts_user, &fields.kts_pass) {
        admin.throttle().failed(attempt).await;
        tracing::warn!(address = ?address.0, "admin login refused");
        return again(StatusCode::UNAUTHORIZED, "Wrong user name or password.");
    }
    admin.throttle().succeeded(attempt).await;
    let jar = admin
        .empty_jar()
        .add(admin.session_cookie(&fields.kts_user));
    (jar, Redirect::to("/admin")).into_response()
}

/// `/admin/logout`: removes the session cookie.
pub(crate) async fn logout(State(admin): State<AdminState>, headers: HeaderMap) -> Response {
    let jar = admin.request_jar(&headers).remove(admin.removal_cookie());
    (jar, Redirect::to("/admin/login")).into_response()
}
