//! The instances pages: list, add, edit, delete, "Test connection", and the
//! JSON export without secrets (the old `/view_configs/getjson`).
//!
//! Secrets are write-only here: after saving, a page shows only their last
//! characters, and an empty secret field on edit keeps the stored secret.

use std::time::Duration;

use askama::Template;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use kaltura::{FilterPager, KsVersion, SessionType};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::http::admin::page::{self, AdminError, when};
use crate::http::admin::session::{AdminSession, CsrfForm};
use crate::ids::InstanceId;
use crate::instances::Instances;
use crate::store::{
    Instance, InstanceSummary, InstanceUpdate, NewInstance, Store, StoreError, ks_version_name,
    normalize_service_url, parse_ks_version,
};

/// Characters of a secret shown after it is saved.
const SHOWN_SECRET_CHARS: usize = 4;

/// A notice shown above the instances table.
#[derive(Debug)]
pub struct Notice {
    /// Whether it reports a success.
    pub ok: bool,
    /// What happened.
    pub text: String,
}

/// One row of the instances table.
#[derive(Debug)]
pub struct InstanceRow {
    /// The instance's id.
    pub id: u32,
    /// Display name.
    pub name: String,
    /// Kaltura server.
    pub service_url: String,
    /// Partner id.
    pub partner_id: i64,
    /// Player uiconf ids, as text.
    pub players: String,
    /// KS version of the sessions KTS builds (`v1` or `v2`).
    pub ks_version: &'static str,
    /// Last successful Kaltura call.
    pub last_success: String,
}

impl From<&InstanceSummary> for InstanceRow {
    fn from(s: &InstanceSummary) -> Self {
        let id_text = |id: Option<i64>| id.map_or_else(|| "-".to_owned(), |n| n.to_string());
        InstanceRow {
            id: s.id.get(),
            name: s.name.clone(),
            service_url: s.service_url.clone(),
            partner_id: s.partner_id,
            players: format!(
                "{} / {}",
                id_text(s.player_uiconf_id),
                id_text(s.thumbnail_player_uiconf_id)
            ),
            ks_version: ks_version_name(s.ks_version),
            last_success: when(s.last_success_at),
        }
    }
}

#[derive(Template)]
#[template(path = "admin/instances.html")]
struct InstancesPage<'a> {
    csrf: &'a str,
    rows: Vec<InstanceRow>,
    notice: Option<Notice>,
}

/// `GET /admin/instances`: the table.
pub async fn list_instances(session: AdminSession, State(store): State<Store>) -> Response {
    match store.list_instances().await {
        Ok(instances) => instances_page(&session, &instances, None, StatusCode::OK),
        Err(error) => AdminError::from(error).into_response(),
    }
}

fn instances_page(
    session: &AdminSession,
    instances: &[InstanceSummary],
    notice: Option<Notice>,
    status: StatusCode,
) -> Response {
    page::render(
        status,
        &InstancesPage {
            csrf: session.csrf.as_str(),
            rows: instances.iter().map(InstanceRow::from).collect(),
            notice,
        },
    )
}

/// The instance form's fields, as typed (every field is text until checked).
#[derive(Debug, Default, Deserialize)]
pub struct InstanceFields {
    #[serde(default)]
    id: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    service_url: String,
    #[serde(default)]
    partner_id: String,
    #[serde(default)]
    player_uiconf_id: String,
    #[serde(default)]
    thumbnail_player_uiconf_id: String,
    #[serde(default)]
    admin_secret: String,
    #[serde(default)]
    user_secret: String,
    #[serde(default)]
    user_id: String,
    #[serde(default)]
    mobile_flavor_id: String,
    /// `v1` or `v2`; empty (a form from before the field existed): v2 for a
    /// new instance, the stored version on edit.
    #[serde(default)]
    ks_version: String,
}

/// One input of the instance form, with its error if any.
#[derive(Debug)]
pub struct FieldView {
    /// Form field name.
    pub name: &'static str,
    /// Label text.
    pub label: &'static str,
    /// `text`, `number`, `password`, `url` or `select`.
    pub kind: &'static str,
    /// The choices of a `select`: value and label.
    pub options: Vec<(&'static str, &'static str)>,
    /// Value to show (never a secret).
    pub value: String,
    /// Whether the field must be filled.
    pub required: bool,
    /// Help under the field.
    pub help: String,
    /// What is wrong with the value sent.
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "admin/instance_form.html")]
struct InstanceFormPage<'a> {
    csrf: &'a str,
    heading: String,
    action: String,
    fields: Vec<FieldView>,
}

/// Field errors, by field name.
#[derive(Debug, Default)]
struct FieldErrors(Vec<(&'static str, String)>);

impl FieldErrors {
    fn add(&mut self, field: &'static str, message: impl Into<String>) {
        if self.of(field).is_none() {
            self.0.push((field, message.into()));
        }
    }

    fn of(&self, field: &str) -> Option<String> {
        self.0
            .iter()
            .find(|(name, _)| *name == field)
            .map(|(_, m)| m.clone())
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The masked forms of an instance's stored secrets.
#[derive(Debug, Default)]
struct StoredSecrets {
    admin: Option<String>,
    user: Option<String>,
}

/// `••••` and the last characters of `secret` (fewer when it is short).
fn mask(secret: &str) -> String {
    let count = secret.chars().count();
    let shown = SHOWN_SECRET_CHARS.min(count / 3);
    let tail: String = secret.chars().skip(count - shown).collect();
    format!("••••{tail}")
}

fn form_fields(
    fields: &InstanceFields,
    errors: &FieldErrors,
    stored: Option<&StoredSecrets>,
) -> Vec<FieldView> {
    let editing = stored.is_some();
    let field = |name, label, kind, value: &str, required, help: &str| FieldView {
        name,
        label,
        kind,
        options: Vec::new(),
        value: value.to_owned(),
        required,
        help: help.to_owned(),
        error: errors.of(name),
    };
    let secret_help = |stored: Option<&String>, what: &str| match stored {
        Some(masked) => format!("Stored: {masked}. Leave empty to keep it."),
        None if editing => format!("No {what} stored."),
        None => String::new(),
    };
    let mut views = Vec::new();
    if !editing {
        views.push(field(
            "id",
            "Instance id (kaltura_id)",
            "number",
            &fields.id,
            false,
            "Empty: the next free id.",
        ));
    }
    views.extend([
        field("name", "Name", "text", &fields.name, true, ""),
        field(
            "service_url",
            "Kaltura server",
            "text",
            &fields.service_url,
            true,
            "A host such as www.kaltura.com (https is assumed) or a full URL.",
        ),
        field(
            "partner_id",
            "Partner id",
            "number",
            &fields.partner_id,
            true,
            "",
        ),
        field(
            "player_uiconf_id",
            "Player uiconf id (PLAYER_ID)",
            "number",
            &fields.player_uiconf_id,
            false,
            "",
        ),
        field(
            "thumbnail_player_uiconf_id",
            "Thumbnail-selector player uiconf id",
            "number",
            &fields.thumbnail_player_uiconf_id,
            false,
            "",
        ),
        field(
            "admin_secret",
            "Admin secret",
            "password",
            "",
            !editing,
            &secret_help(stored.and_then(|s| s.admin.as_ref()), "admin secret"),
        ),
        field(
            "user_secret",
            "User secret",
            "password",
            "",
            false,
            &secret_help(stored.and_then(|s| s.user.as_ref()), "user secret"),
        ),
        field(
            "user_id",
            "User name or e-mail (put in sessions)",
            "text",
            &fields.user_id,
            true,
            "",
        ),
        field(
            "mobile_flavor_id",
            "Mobile flavor id",
            "number",
            &fields.mobile_flavor_id,
            false,
            "",
        ),
        FieldView {
            options: vec![
                ("v2", "v2 (current accounts)"),
                ("v1", "v1 (old accounts that take only v1)"),
            ],
            ..field(
                "ks_version",
                "KS version",
                "select",
                ks_version_choice(&fields.ks_version),
                true,
                "The format of the sessions KTS builds. Kaltura decides per partner; \
                 v1 only for old partners that refuse v2.",
            )
        },
    ]);
    views
}

/// The fields, checked: what to store, or every problem by field.
struct Checked {
    id: Option<InstanceId>,
    name: String,
    service_url: String,
    partner_id: i64,
    player_uiconf_id: Option<i64>,
    thumbnail_player_uiconf_id: Option<i64>,
    admin_secret: Option<SecretString>,
    user_secret: Option<SecretString>,
    user_id: String,
    mobile_flavor_id: Option<i64>,
    /// `None` when the field was left out.
    ks_version: Option<KsVersion>,
}

/// The select's value for what was typed: `v1` or `v2` as sent (so an
/// invalid value shows v2 selected beside its error), v2 when empty.
fn ks_version_choice(text: &str) -> &'static str {
    parse_ks_version(text).map_or("v2", ks_version_name)
}

fn optional_number(errors: &mut FieldErrors, field: &'static str, text: &str) -> Option<i64> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    match text.parse::<i64>() {
        Ok(n) if n >= 0 => Some(n),
        _ => {
            errors.add(field, "must be a whole number, 0 or more");
            None
        }
    }
}

fn required_text(errors: &mut FieldErrors, field: &'static str, text: &str) -> String {
    let text = text.trim();
    if text.is_empty() {
        errors.add(field, "is required");
    } else if text.chars().count() > 256 {
        errors.add(field, "must be at most 256 characters");
    }
    text.to_owned()
}

fn check(fields: &InstanceFields, editing: bool) -> Result<Checked, FieldErrors> {
    let mut errors = FieldErrors::default();
    let id = if editing || fields.id.trim().is_empty() {
        None
    } else {
        match fields.id.parse::<InstanceId>() {
            Ok(id) => Some(id),
            Err(error) => {
                errors.add("id", error.to_string());
                None
            }
        }
    };
    let name = required_text(&mut errors, "name", &fields.name);
    let service_url = required_text(&mut errors, "service_url", &fields.service_url);
    if !service_url.is_empty()
        && let Err(StoreError::InvalidField { reason, .. }) = normalize_service_url(&service_url)
    {
        errors.add("service_url", reason);
    }
    let partner_id = required_text(&mut errors, "partner_id", &fields.partner_id);
    let partner_id = optional_number(&mut errors, "partner_id", &partner_id).unwrap_or(0);
    let player_uiconf_id =
        optional_number(&mut errors, "player_uiconf_id", &fields.player_uiconf_id);
    let thumbnail_player_uiconf_id = optional_number(
        &mut errors,
        "thumbnail_player_uiconf_id",
        &fields.thumbnail_player_uiconf_id,
    );
    let mobile_flavor_id =
        optional_number(&mut errors, "mobile_flavor_id", &fields.mobile_flavor_id);
    let user_id = required_text(&mut errors, "user_id", &fields.user_id);
    let secret = |errors: &mut FieldErrors, field: &'static str, text: &str| {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        if text.len() > 256 || text.chars().any(char::is_control) {
            errors.add(field, "must be at most 256 printable characters");
        }
        Some(SecretString::from(text.to_owned()))
    };
    let admin_secret = secret(&mut errors, "admin_secret", &fields.admin_secret);
    if admin_secret.is_none() && !editing {
        errors.add("admin_secret", "is required");
    }
    let user_secret = secret(&mut errors, "user_secret", &fields.user_secret);
    let ks_version = if fields.ks_version.trim().is_empty() {
        None
    } else {
        parse_ks_version(&fields.ks_version)
            .inspect_err(|_| errors.add("ks_version", "must be v1 or v2"))
            .ok()
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Checked {
        id,
        name,
        service_url,
        partner_id,
        player_uiconf_id,
        thumbnail_player_uiconf_id,
        admin_secret,
        user_secret,
        user_id,
        mobile_flavor_id,
        ks_version,
    })
}

/// A store refusal, shown beside the field it names.
fn store_refusal(error: StoreError) -> Result<FieldErrors, AdminError> {
    let mut errors = FieldErrors::default();
    match error {
        StoreError::InvalidField { field, reason } => errors.add(field, reason),
        StoreError::InstanceExists(id) => errors.add("id", format!("instance {id} exists already")),
        other => return Err(other.into()),
    }
    Ok(errors)
}

fn form_page(
    session: &AdminSession,
    editing: Option<InstanceId>,
    fields: &InstanceFields,
    errors: &FieldErrors,
    stored: Option<&StoredSecrets>,
) -> Response {
    let (heading, action) = match editing {
        Some(id) => (
            format!("Edit instance {id}"),
            format!("/admin/instances/{id}"),
        ),
        None => ("Add an instance".to_owned(), "/admin/instances".to_owned()),
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    page::render(
        status,
        &InstanceFormPage {
            csrf: session.csrf.as_str(),
            heading,
            action,
            fields: form_fields(fields, errors, stored),
        },
    )
}

/// `GET /admin/instances/new`.
pub async fn add_instance_form(session: AdminSession) -> Response {
    let fields = InstanceFields {
        service_url: "www.kaltura.com".into(),
        ..InstanceFields::default()
    };
    form_page(&session, None, &fields, &FieldErrors::default(), None)
}

/// `POST /admin/instances`: adds, or shows the form with the errors.
pub async fn add_instance(
    State(store): State<Store>,
    CsrfForm { session, form }: CsrfForm<InstanceFields>,
) -> Result<Response, AdminError> {
    let checked = match check(&form, false) {
        Ok(checked) => checked,
        Err(errors) => return Ok(form_page(&session, None, &form, &errors, None)),
    };
    let Some(admin_secret) = checked.admin_secret else {
        let mut errors = FieldErrors::default();
        errors.add("admin_secret", "is required");
        return Ok(form_page(&session, None, &form, &errors, None));
    };
    let new = NewInstance {
        id: checked.id,
        name: checked.name,
        service_url: checked.service_url,
        partner_id: checked.partner_id,
        player_uiconf_id: checked.player_uiconf_id,
        thumbnail_player_uiconf_id: checked.thumbnail_player_uiconf_id,
        admin_secret,
        user_secret: checked.user_secret,
        user_id: checked.user_id,
        mobile_flavor_id: checked.mobile_flavor_id,
        ks_version: checked.ks_version.unwrap_or_default(),
    };
    match store.add_instance(&new).await {
        Ok(id) => {
            tracing::info!(instance = %id, user = %session.user, "instance added");
            Ok(Redirect::to("/admin/instances").into_response())
        }
        Err(error) => {
            let errors = store_refusal(error)?;
            Ok(form_page(&session, None, &form, &errors, None))
        }
    }
}

async fn stored_instance(store: &Store, id: InstanceId) -> Result<Instance, AdminError> {
    store
        .instance(id)
        .await?
        .ok_or_else(|| AdminError::NotFound(format!("instance {id}")))
}

fn stored_secrets(instance: &Instance) -> StoredSecrets {
    StoredSecrets {
        admin: Some(mask(instance.admin_secret.expose_secret())),
        user: instance
            .user_secret
            .as_ref()
            .map(|s| mask(s.expose_secret())),
    }
}

/// `GET /admin/instances/{id}/edit`.
pub async fn edit_instance_form(
    session: AdminSession,
    State(store): State<Store>,
    Path(id): Path<u32>,
) -> Result<Response, AdminError> {
    let id = path_id(id)?;
    let instance = stored_instance(&store, id).await?;
    let text = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
    let fields = InstanceFields {
        id: id.to_string(),
        name: instance.name.clone(),
        service_url: instance
            .service_url
            .as_str()
            .trim_end_matches('/')
            .to_owned(),
        partner_id: instance.partner_id.to_string(),
        player_uiconf_id: text(instance.player_uiconf_id),
        thumbnail_player_uiconf_id: text(instance.thumbnail_player_uiconf_id),
        admin_secret: String::new(),
        user_secret: String::new(),
        user_id: instance.user_id.clone(),
        mobile_flavor_id: text(instance.mobile_flavor_id),
        ks_version: ks_version_name(instance.ks_version).to_owned(),
    };
    Ok(form_page(
        &session,
        Some(id),
        &fields,
        &FieldErrors::default(),
        Some(&stored_secrets(&instance)),
    ))
}

fn path_id(id: u32) -> Result<InstanceId, AdminError> {
    InstanceId::new(id).map_err(|_| AdminError::NotFound(format!("instance {id}")))
}

/// `POST /admin/instances/{id}`: saves, or shows the form with the errors.
pub async fn update_instance(
    State(store): State<Store>,
    State(instances): State<Instances>,
    Path(id): Path<u32>,
    CsrfForm { session, form }: CsrfForm<InstanceFields>,
) -> Result<Response, AdminError> {
    let id = path_id(id)?;
    let instance = stored_instance(&store, id).await?;
    let stored = stored_secrets(&instance);
    let checked = match check(&form, true) {
        Ok(checked) => checked,
        Err(errors) => return Ok(form_page(&session, Some(id), &form, &errors, Some(&stored))),
    };
    let update = InstanceUpdate {
        name: Some(checked.name),
        service_url: Some(checked.service_url),
        partner_id: Some(checked.partner_id),
        player_uiconf_id: Some(checked.player_uiconf_id),
        thumbnail_player_uiconf_id: Some(checked.thumbnail_player_uiconf_id),
        // An empty secret field keeps the stored secret.
        admin_secret: checked.admin_secret,
        user_secret: checked.user_secret.map(Some),
        user_id: Some(checked.user_id),
        mobile_flavor_id: Some(checked.mobile_flavor_id),
        ks_version: checked.ks_version,
    };
    match store.update_instance(id, update).await {
        Ok(true) => {
            // The next call uses the new fields, not the cached client.
            instances.forget(id);
            tracing::info!(instance = %id, user = %session.user, "instance updated");
            Ok(Redirect::to("/admin/instances").into_response())
        }
        Ok(false) => Err(AdminError::NotFound(format!("instance {id}"))),
        Err(error) => {
            let errors = store_refusal(error)?;
            Ok(form_page(&session, Some(id), &form, &errors, Some(&stored)))
        }
    }
}

/// No fields besides the CSRF token.
#[derive(Debug, Deserialize)]
pub struct NoFields {}

/// `POST /admin/instances/{id}/delete`.
pub async fn delete_instance(
    State(store): State<Store>,
    State(instances): State<Instances>,
    Path(id): Path<u32>,
    CsrfForm { session, .. }: CsrfForm<NoFields>,
) -> Result<Response, AdminError> {
    let id = path_id(id)?;
    if !store.remove_instance(id).await? {
        return Err(AdminError::NotFound(format!("instance {id}")));
    }
    instances.forget(id);
    tracing::info!(instance = %id, user = %session.user, "instance deleted");
    Ok(Redirect::to("/admin/instances").into_response())
}

/// Time allowed for each call of the connection test.
const TEST_TIMEOUT: Duration = Duration::from_secs(15);

/// `POST /admin/instances/{id}/test`: starts a session with the saved
/// secret and lists one entry; the table is shown with the outcome.
pub async fn test_instance(
    State(store): State<Store>,
    State(instances): State<Instances>,
    Path(id): Path<u32>,
    CsrfForm { session, .. }: CsrfForm<NoFields>,
) -> Result<Response, AdminError> {
    let id = path_id(id)?;
    let notice = match instances.connect(id).await {
        Ok(connection) => {
            let outcome = tokio::time::timeout(TEST_TIMEOUT, connection_test(&connection)).await;
            let outcome = outcome.unwrap_or_else(|_| {
                Err(format!(
                    "no answer from {} within {} seconds",
                    connection.facts.service_url,
                    TEST_TIMEOUT.as_secs()
                ))
            });
            match outcome {
                Ok(text) => {
                    store.record_instance_success(id).await?;
                    Notice {
                        ok: true,
                        text: format!("Instance {id}: {text}"),
                    }
                }
                Err(text) => Notice {
                    ok: false,
                    text: format!("Instance {id}: {text}"),
                },
            }
        }
        Err(crate::Error::UnknownInstance(_)) => {
            return Err(AdminError::NotFound(format!("instance {id}")));
        }
        Err(error) => Notice {
            ok: false,
            text: format!("Instance {id}: {error}"),
        },
    };
    let instances = store.list_instances().await?;
    Ok(instances_page(
        &session,
        &instances,
        Some(notice),
        StatusCode::OK,
    ))
}

/// The two calls of the test, each failure said plainly.
async fn connection_test(connection: &crate::instances::Connection) -> Result<String, String> {
    let client = &connection.client;
    let server = &connection.facts.service_url;
    let partner = connection.facts.partner_id;
    let start = client
        .session()
        .start(
            SessionType::Admin,
            &connection.facts.user_id,
            Duration::from_secs(60),
            "",
        )
        .map_err(|e| format!("cannot start a session: {e}"))?;
    start.await.map_err(|e| explain(&e, server, partner))?;
    let pager = FilterPager {
        page_size: Some(1),
        page_index: Some(1),
    };
    let listed = client
        .media()
        .list(None, Some(&pager))
        .await
        .map_err(|e| explain(&e, server, partner))?;
    let total = listed.total_count.unwrap_or(listed.objects.len() as i64);
    Ok(format!(
        "connection works: session started for partner {partner}, {total} ready entries"
    ))
}

fn explain(error: &kaltura::Error, server: &str, partner: i64) -> String {
    match error {
        kaltura::Error::Transport { .. } => format!("{server} is unreachable ({error})"),
        kaltura::Error::Timeout { .. } => format!("{server} did not answer in time"),
        _ => match error.kaltura_code() {
            // Kaltura answers both a wrong secret and an unknown partner with
            // START_SESSION_ERROR; it does not say which.
            Some("START_SESSION_ERROR") => format!(
                "Kaltura refused the session: wrong admin secret, or no partner {partner} on {server}"
            ),
            Some("INVALID_KS") => {
                "Kaltura refused the session: wrong admin secret or partner id".to_owned()
            }
            Some(code) => format!("Kaltura failed with {code}: {error}"),
            None => format!("{server} did not answer like a Kaltura server ({error})"),
        },
    }
}

/// The instances without secrets, in the old service's field names.
fn instances_json(instances: &[InstanceSummary]) -> Value {
    Value::Array(
        instances
            .iter()
            .map(|i| {
                json!({
                    "KALTURA_CONFIG_ID": i.id.get(),
                    "KALTURA_NAME": i.name,
                    "KALTURA_PATH": i.service_url,
                    "PARTNER_ID": i.partner_id,
                    "PLAYER_ID": i.player_uiconf_id,
                    "THUMBNAIL_PLAYER_ID": i.thumbnail_player_uiconf_id,
                    "USER_NAME": i.user_id,
                    "MOBILE_PLAYER_FLAVOR": i.mobile_flavor_id,
                    "KS_VERSION": ks_version_name(i.ks_version),
                    "HAS_USER_SECRET": i.has_user_secret,
                })
            })
            .collect(),
    )
}

/// `/view_configs/getjson`: the instances without secrets.
pub async fn instances_as_json(
    _session: AdminSession,
    State(store): State<Store>,
) -> Result<Json<Value>, AdminError> {
    Ok(Json(instances_json(&store.list_instances().await?)))
}

/// `/view_configs/prettyjson`: the same, indented, as text.
pub async fn instances_as_pretty_json(
    _session: AdminSession,
    State(store): State<Store>,
) -> Result<Response, AdminError> {
    let value = instances_json(&store.list_instances().await?);
    let text = serde_json::to_string_pretty(&value).unwrap_or_default();
    let mut response = text.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_show_only_the_last_characters() {
        assert_eq!(mask("0123456789abcdef"), "••••cdef");
        assert_eq!(mask("abcdef"), "••••ef");
        assert_eq!(mask("ab"), "••••");
        assert_eq!(mask(""), "••••");
    }

    #[test]
    fn every_bad_field_is_reported_beside_its_name() {
        let fields = InstanceFields {
            id: "x".into(),
            service_url: "ftp://host".into(),
            partner_id: "-3".into(),
            player_uiconf_id: "abc".into(),
            ..InstanceFields::default()
        };
        let errors = check(&fields, false).err().unwrap();
        for field in [
            "id",
            "name",
            "service_url",
            "partner_id",
            "player_uiconf_id",
            "admin_secret",
            "user_id",
        ] {
            assert!(errors.of(field).is_some(), "{field} has no error");
        }
        assert!(errors.of("mobile_flavor_id").is_none());
        assert!(errors.of("ks_version").is_none(), "empty means v2");
    }

    #[test]
    fn the_ks_version_is_v1_or_v2_or_left_out() {
        let fields = |ks_version: &str| InstanceFields {
            name: "n".into(),
            service_url: "www.kaltura.com".into(),
            partner_id: "12".into(),
            user_id: "u".into(),
            ks_version: ks_version.into(),
            ..InstanceFields::default()
        };
        let version = |text| check(&fields(text), true).ok().unwrap().ks_version;
        assert_eq!(version(""), None, "left out: v2 on add, kept on edit");
        assert_eq!(version("v2"), Some(KsVersion::V2));
        assert_eq!(version("v1"), Some(KsVersion::V1));
        let errors = check(&fields("v3"), true).err().unwrap();
        assert_eq!(errors.of("ks_version").unwrap(), "must be v1 or v2");
    }

    #[test]
    fn the_form_offers_both_ks_versions_with_the_stored_one_selected() {
        let fields = InstanceFields {
            ks_version: "v1".into(),
            ..InstanceFields::default()
        };
        let views = form_fields(&fields, &FieldErrors::default(), None);
        let select = views.iter().find(|f| f.name == "ks_version").unwrap();
        assert_eq!(select.kind, "select");
        assert_eq!(select.value, "v1");
        let values: Vec<_> = select.options.iter().map(|(value, _)| *value).collect();
        assert_eq!(values, ["v2", "v1"]);
        let page = InstanceFormPage {
            csrf: "token",
            heading: "Edit".into(),
            action: "/admin/instances/1".into(),
            fields: views,
        }
        .render()
        .unwrap();
        assert!(
            page.contains(r#"<select id="ks_version" name="ks_version""#),
            "{page}"
        );
        assert!(page.contains(r#"<option value="v1" selected>"#), "{page}");
        assert!(page.contains(r#"<option value="v2">"#), "{page}");
    }

    #[test]
    fn an_empty_secret_on_edit_keeps_the_stored_one() {
        let fields = InstanceFields {
            name: "n".into(),
            service_url: "www.kaltura.com".into(),
            partner_id: "12".into(),
            user_id: "u".into(),
            ..InstanceFields::default()
        };
        let checked = check(&fields, true).ok().unwrap();
        assert!(checked.admin_secret.is_none());
        assert!(checked.user_secret.is_none());
        assert!(check(&fields, false).is_err());
    }
}
