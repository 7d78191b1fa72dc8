//! The instances pages: list, add, edit, delete, "Test connection", and the
//! JSON export without secrets (the old `/view_configs/getjson`).
//!
//! The form is drawn from the account's field list (`store::Account::fields`)
//! and checked by the store's one validator, whose errors are shown beside
//! each field. Every change goes through `Instances` (`add`, `update`,
//! `remove`), which also drops the cached connection. Secrets are
//! write-only here: a page shows them only masked, and an empty secret field
//! on edit keeps the stored secret.

use askama::Template;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::error::Error;
use crate::http::admin::page::{self, AdminError, when};
use crate::http::admin::session::{AdminSession, CsrfForm};
use crate::ids::InstanceId;
use crate::instances::Instances;
use crate::model::PlatformKind;
use crate::platform::ConnectionCheck;
use crate::store::{
    Account, FieldErrors, FieldKind, FieldSpec, FieldValues, Instance, NAME, NewInstance, Store,
    StoreError, ks_version_name, validate_instance,
};

/// A notice shown above the instances table.
#[derive(Debug)]
pub(crate) struct Notice {
    /// Whether it reports a success.
    pub ok: bool,
    /// What happened.
    pub text: String,
}

/// One row of the instances table.
#[derive(Debug)]
pub(crate) struct InstanceRow {
    /// The instance's id.
    pub id: u32,
    /// Display name.
    pub name: String,
    /// The platform's name.
    pub platform: &'static str,
    /// The platform's server (Kaltura service URL, Telestream API URL).
    pub server: String,
    /// The account on it (partner id, factory id).
    pub account: String,
    /// Player uiconf ids, as text, or KTS's own page.
    pub players: String,
    /// How sessions or requests are authenticated (`v2`, `v1`, `v3.0`, `flip-3.1`).
    pub auth: &'static str,
    /// Last successful platform call.
    pub last_success: String,
}

impl From<&Instance> for InstanceRow {
    fn from(instance: &Instance) -> Self {
        let id_text = |id: Option<i64>| id.map_or_else(|| "-".to_owned(), |n| n.to_string());
        let (server, account, players, auth) = match &instance.account {
            Account::Kaltura(k) => (
                k.service_url_text().to_owned(),
                k.partner_id.to_string(),
                format!(
                    "{} / {}",
                    id_text(k.player_uiconf_id),
                    id_text(k.thumbnail_player_uiconf_id)
                ),
                ks_version_name(k.ks_version),
            ),
            Account::Telestream(t) => (
                t.api_url_text().unwrap_or("(public API)").to_owned(),
                t.factory_id.clone(),
                "KTS video page".to_owned(),
                t.generation.as_str(),
            ),
        };
        InstanceRow {
            id: instance.id.get(),
            name: instance.name.clone(),
            platform: instance.platform().label(),
            server,
            account,
            players,
            auth,
            last_success: when(instance.last_success_at),
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
pub(crate) async fn list_instances(session: AdminSession, State(store): State<Store>) -> Response {
    match store.list_instances().await {
        Ok(instances) => instances_page(&session, &instances, None, StatusCode::OK),
        Err(error) => AdminError::from(error).into_response(),
    }
}

fn instances_page(
    session: &AdminSession,
    instances: &[Instance],
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

/// The instance form as posted: every field as text, by name (the CSRF
/// token included; it is checked and dropped by [`CsrfForm`]'s user).
#[derive(Debug, Default, Deserialize)]
#[serde(transparent)]
pub(crate) struct InstanceForm(std::collections::BTreeMap<String, String>);

/// Form fields that are not fields of an instance.
const FORM_ONLY: [&str; 2] = ["csrf_token", "id"];

impl InstanceForm {
    fn value(&self, name: &str) -> &str {
        self.0.get(name).map_or("", String::as_str)
    }

    /// The instance fields sent. On edit an empty secret or choice keeps the
    /// stored value (secrets are never shown back, and a form from before a
    /// choice existed does not send it), so it is left out of the changes.
    fn fields(&self, editing: bool) -> FieldValues {
        let mut values = FieldValues::new();
        for (name, value) in &self.0 {
            if FORM_ONLY.contains(&name.as_str()) {
                continue;
            }
            let keeps_stored = editing
                && value.trim().is_empty()
                && field_spec(name).is_some_and(|spec| {
                    matches!(spec.kind, FieldKind::Secret | FieldKind::Choice(_))
                });
            if !keeps_stored {
                values.set(name, value);
            }
        }
        values
    }
}

/// The declaration of form field `name` (the common `name` or a field of
/// any platform's account).
fn field_spec(name: &str) -> Option<&'static FieldSpec> {
    std::iter::once(&NAME)
        .chain(PlatformKind::ALL.into_iter().flat_map(Account::fields))
        .find(|spec| spec.name == name)
}

/// One input of the instance form, with its error if any.
#[derive(Debug)]
pub(crate) struct FieldView {
    /// Form field name.
    pub name: &'static str,
    /// Label text.
    pub label: &'static str,
    /// `text`, `number`, `password` or `select`.
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

impl FieldView {
    /// The input for `spec`, showing `value` and `error`; `stored` is the
    /// instance being edited (for its masked secrets).
    fn of(spec: &FieldSpec, value: &str, error: Option<&str>, stored: Option<&Instance>) -> Self {
        let (kind, options) = match spec.kind {
            FieldKind::Text => ("text", Vec::new()),
            FieldKind::Number => ("number", Vec::new()),
            FieldKind::Secret => ("password", Vec::new()),
            FieldKind::Choice(options) => ("select", options.to_vec()),
        };
        let value = match spec.kind {
            FieldKind::Secret => String::new(),
            // What was sent when it is a choice (so an invalid value shows
            // the default selected beside its error), else the default.
            FieldKind::Choice(options) => options
                .iter()
                .find(|(v, _)| v.eq_ignore_ascii_case(value.trim()))
                .or(options.first())
                .map(|(v, _)| (*v).to_owned())
                .unwrap_or_default(),
            FieldKind::Text | FieldKind::Number => value.to_owned(),
        };
        let help = match (spec.kind, stored) {
            (FieldKind::Secret, Some(instance)) => match instance.account.secret(spec.name) {
                Some(masked) => format!("Stored: {masked}. Leave empty to keep it."),
                None => format!("No {} stored.", spec.label.to_lowercase()),
            },
            _ => spec.help.to_owned(),
        };
        FieldView {
            name: spec.name,
            label: spec.label,
            kind,
            options,
            value,
            // A stored secret is kept when left empty.
            required: spec.required && !(spec.is_secret() && stored.is_some()),
            help,
            error: error.map(str::to_owned),
        }
    }
}

#[derive(Template)]
#[template(path = "admin/instance_form.html")]
struct InstanceFormPage<'a> {
    csrf: &'a str,
    heading: String,
    action: String,
    /// The platform of a new instance, sent back with the form.
    platform: String,
    fields: Vec<FieldView>,
}

/// The inputs of the form: the id (when adding), the name and the account's
/// fields, in their declared order.
fn form_fields(
    form: &InstanceForm,
    errors: &FieldErrors,
    stored: Option<&Instance>,
) -> Vec<FieldView> {
    let mut views = Vec::new();
    if stored.is_none() {
        views.push(FieldView {
            name: "id",
            label: "Instance id (kaltura_id)",
            kind: "number",
            options: Vec::new(),
            value: form.value("id").to_owned(),
            required: false,
            help: "Empty: the next free id.".to_owned(),
            error: errors.of("id").map(str::to_owned),
        });
    }
    let platform = match stored {
        Some(instance) => instance.platform(),
        None => form
            .value("platform")
            .parse()
            .unwrap_or(PlatformKind::Kaltura),
    };
    for spec in std::iter::once(&NAME).chain(Account::fields(platform)) {
        views.push(FieldView::of(
            spec,
            form.value(spec.name),
            errors.of(spec.name),
            stored,
        ));
    }
    views
}

/// Checks a new instance's form: the id and every field, all at once.
fn check_new(form: &InstanceForm) -> Result<NewInstance, FieldErrors> {
    let mut errors = FieldErrors::default();
    let id_text = form.value("id").trim();
    let id = if id_text.is_empty() {
        None
    } else {
        id_text
            .parse::<InstanceId>()
            .inspect_err(|e| errors.add("id", e.to_string()))
            .ok()
    };
    let fields = form.fields(false);
    if let Err(field_errors) = validate_instance(&fields) {
        errors.extend(field_errors);
    }
    if errors.is_empty() {
        Ok(NewInstance { id, fields })
    } else {
        Err(errors)
    }
}

/// A refusal of the change, shown beside the fields it names; any other
/// failure is an error page.
fn refusal(error: Error) -> Result<FieldErrors, AdminError> {
    match error {
        Error::Store(StoreError::InvalidFields(errors)) => Ok(errors),
        Error::Store(StoreError::InstanceExists(id)) => {
            let mut errors = FieldErrors::default();
            errors.add("id", format!("instance {id} exists already"));
            Ok(errors)
        }
        Error::UnknownInstance(id) => Err(AdminError::NotFound(format!("instance {id}"))),
        other => Err(other.into()),
    }
}

fn form_page(
    session: &AdminSession,
    form: &InstanceForm,
    errors: &FieldErrors,
    stored: Option<&Instance>,
) -> Response {
    let (heading, action) = match stored {
        Some(instance) => (
            format!("Edit instance {}", instance.id),
            format!("/admin/instances/{}", instance.id),
        ),
        None => {
            let platform = form
                .value("platform")
                .parse()
                .unwrap_or(PlatformKind::Kaltura);
            (
                format!("Add a {} instance", platform.label()),
                "/admin/instances".to_owned(),
            )
        }
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
            platform: match stored {
                Some(_) => String::new(),
                None => form.value("platform").to_owned(),
            },
            fields: form_fields(form, errors, stored),
        },
    )
}

/// Which platform a new instance's form is for (`?platform=telestream`).
#[derive(Debug, Default, Deserialize)]
pub(crate) struct NewInstanceQuery {
    platform: Option<String>,
}

/// `GET /admin/instances/new[?platform=kaltura|telestream]`.
pub(crate) async fn add_instance_form(
    session: AdminSession,
    Query(query): Query<NewInstanceQuery>,
) -> Response {
    let platform = query
        .platform
        .as_deref()
        .and_then(|p| p.parse().ok())
        .unwrap_or(PlatformKind::Kaltura);
    let mut form = InstanceForm::default();
    form.0.insert("platform".into(), platform.as_str().into());
    if platform == PlatformKind::Kaltura {
        form.0
            .insert("service_url".into(), "www.kaltura.com".into());
    }
    form_page(&session, &form, &FieldErrors::default(), None)
}

/// `POST /admin/instances`: adds, or shows the form with the errors.
pub(crate) async fn add_instance(
    State(instances): State<Instances>,
    CsrfForm { session, form }: CsrfForm<InstanceForm>,
) -> Result<Response, AdminError> {
    let new = match check_new(&form) {
        Ok(new) => new,
        Err(errors) => return Ok(form_page(&session, &form, &errors, None)),
    };
    match instances.add(&new).await {
        Ok(id) => {
            tracing::info!(instance = %id, user = %session.user, "instance added");
            Ok(Redirect::to("/admin/instances").into_response())
        }
        Err(error) => {
            let errors = refusal(error)?;
            Ok(form_page(&session, &form, &errors, None))
        }
    }
}

async fn stored_instance(store: &Store, id: InstanceId) -> Result<Instance, AdminError> {
    store
        .instance(id)
        .await?
        .ok_or_else(|| AdminError::NotFound(format!("instance {id}")))
}

/// `GET /admin/instances/{id}/edit`.
pub(crate) async fn edit_instance_form(
    session: AdminSession,
    State(store): State<Store>,
    Path(id): Path<u32>,
) -> Result<Response, AdminError> {
    let id = path_id(id)?;
    let instance = stored_instance(&store, id).await?;
    let shown = instance
        .account
        .shown_values()
        .with(NAME.name, &instance.name);
    let form = InstanceForm(
        shown
            .iter()
            .map(|(name, value)| (name.to_owned(), value.to_owned()))
            .collect(),
    );
    Ok(form_page(
        &session,
        &form,
        &FieldErrors::default(),
        Some(&instance),
    ))
}

fn path_id(id: u32) -> Result<InstanceId, AdminError> {
    InstanceId::new(id).map_err(|_| AdminError::NotFound(format!("instance {id}")))
}

/// `POST /admin/instances/{id}`: saves, or shows the form with the errors.
pub(crate) async fn update_instance(
    State(store): State<Store>,
    State(instances): State<Instances>,
    Path(id): Path<u32>,
    CsrfForm { session, form }: CsrfForm<InstanceForm>,
) -> Result<Response, AdminError> {
    let id = path_id(id)?;
    let instance = stored_instance(&store, id).await?;
    match instances.update(id, &form.fields(true)).await {
        Ok(()) => {
            tracing::info!(instance = %id, user = %session.user, "instance updated");
            Ok(Redirect::to("/admin/instances").into_response())
        }
        Err(error) => {
            let errors = refusal(error)?;
            Ok(form_page(&session, &form, &errors, Some(&instance)))
        }
    }
}

/// No fields besides the CSRF token.
#[derive(Debug, Deserialize)]
pub(crate) struct NoFields {}

/// `POST /admin/instances/{id}/delete`.
pub(crate) async fn delete_instance(
    State(instances): State<Instances>,
    Path(id): Path<u32>,
    CsrfForm { session, .. }: CsrfForm<NoFields>,
) -> Result<Response, AdminError> {
    let id = path_id(id)?;
    instances.remove(id).await.map_err(|error| match error {
        Error::UnknownInstance(_) => AdminError::NotFound(format!("instance {id}")),
        other => other.into(),
    })?;
    tracing::info!(instance = %id, user = %session.user, "instance deleted");
    Ok(Redirect::to("/admin/instances").into_response())
}

/// `POST /admin/instances/{id}/test`: the platform's connection test with
/// the saved account; the table is shown with the outcome.
pub(crate) async fn test_instance(
    State(store): State<Store>,
    State(instances): State<Instances>,
    Path(id): Path<u32>,
    CsrfForm { session, .. }: CsrfForm<NoFields>,
) -> Result<Response, AdminError> {
    let id = path_id(id)?;
    let notice = match instances.platform(id).await {
        Ok(platform) => match platform.check_connection().await {
            ConnectionCheck::Works(text) => {
                store.record_instance_success(id).await?;
                Notice {
                    ok: true,
                    text: format!("Instance {id}: {text}"),
                }
            }
            ConnectionCheck::Fails(text) => Notice {
                ok: false,
                text: format!("Instance {id}: {text}"),
            },
        },
        Err(Error::UnknownInstance(_)) => {
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

/// The instances without secrets: Kaltura instances in the old service's
/// field names, Telestream factories in their own.
fn instances_json(instances: &[Instance]) -> Value {
    Value::Array(
        instances
            .iter()
            .map(|i| match &i.account {
                Account::Kaltura(k) => json!({
                    "KALTURA_CONFIG_ID": i.id.get(),
                    "KALTURA_NAME": i.name,
                    "PLATFORM": "kaltura",
                    "KALTURA_PATH": k.service_url_text(),
                    "PARTNER_ID": k.partner_id,
                    "PLAYER_ID": k.player_uiconf_id,
                    "THUMBNAIL_PLAYER_ID": k.thumbnail_player_uiconf_id,
                    "USER_NAME": k.user_id,
                    "MOBILE_PLAYER_FLAVOR": k.mobile_flavor_id,
                    "KS_VERSION": ks_version_name(k.ks_version),
                    "HAS_USER_SECRET": k.user_secret.is_some(),
                    "COMPRESSION": k.compression.as_str(),
                }),
                Account::Telestream(t) => json!({
                    "KALTURA_CONFIG_ID": i.id.get(),
                    "KALTURA_NAME": i.name,
                    "PLATFORM": "telestream",
                    "API_GENERATION": t.generation.as_str(),
                    "API_URL": t.api_url_text(),
                    "FACTORY_ID": t.factory_id,
                    "ACCESS_KEY": t.access_key,
                    "PROFILES": t.profiles,
                    "COMPRESSION": t.compression.as_str(),
                }),
            })
            .collect(),
    )
}

/// `/view_configs/getjson`: the instances without secrets.
pub(crate) async fn instances_as_json(
    _session: AdminSession,
    State(store): State<Store>,
) -> Result<Json<Value>, AdminError> {
    Ok(Json(instances_json(&store.list_instances().await?)))
}

/// `/view_configs/prettyjson`: the same, indented, as text.
pub(crate) async fn instances_as_pretty_json(
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

    fn form(pairs: &[(&str, &str)]) -> InstanceForm {
        InstanceForm(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    #[test]
    fn every_bad_field_is_reported_beside_its_name() {
        let sent = form(&[
            ("csrf_token", "t"),
            ("id", "x"),
            ("service_url", "ftp://host"),
            ("partner_id", "-3"),
            ("player_uiconf_id", "abc"),
        ]);
        let errors = check_new(&sent).err().unwrap();
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
        let views = form_fields(&sent, &errors, None);
        let partner = views.iter().find(|f| f.name == "partner_id").unwrap();
        assert_eq!(
            partner.error.as_deref(),
            Some("must be a whole number, 0 or more")
        );
    }

    #[test]
    fn the_ks_version_is_v1_or_v2_or_left_out() {
        let sent = |ks_version: &str| {
            form(&[
                ("name", "n"),
                ("service_url", "www.kaltura.com"),
                ("partner_id", "12"),
                ("user_id", "u"),
                ("ks_version", ks_version),
            ])
        };
        let version = |text| sent(text).fields(true).get("ks_version").map(str::to_owned);
        assert_eq!(version(""), None, "left out: v2 on add, kept on edit");
        assert_eq!(version("v2").as_deref(), Some("v2"));
        assert_eq!(version("v1").as_deref(), Some("v1"));
        let errors = validate_instance(&sent("v3").fields(true).with("admin_secret", "s"))
            .err()
            .unwrap();
        assert_eq!(errors.of("ks_version").unwrap(), "must be v1 or v2");
    }

    #[test]
    fn the_form_offers_both_ks_versions_with_the_stored_one_selected() {
        let sent = form(&[("ks_version", "v1")]);
        let views = form_fields(&sent, &FieldErrors::default(), None);
        let select = views.iter().find(|f| f.name == "ks_version").unwrap();
        assert_eq!(select.kind, "select");
        assert_eq!(select.value, "v1");
        let values: Vec<_> = select.options.iter().map(|(value, _)| *value).collect();
        assert_eq!(values, ["v2", "v1"]);
        let page = InstanceFormPage {
            csrf: "token",
            heading: "Edit".into(),
            action: "/admin/instances/1".into(),
            platform: String::new(),
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
        let sent = form(&[
            ("name", "n"),
            ("service_url", "www.kaltura.com"),
            ("partner_id", "12"),
            ("user_id", "u"),
            ("admin_secret", ""),
            ("user_secret", ""),
        ]);
        let changes = sent.fields(true);
        assert!(changes.get("admin_secret").is_none());
        assert!(changes.get("user_secret").is_none());
        assert!(check_new(&sent).is_err());
    }

    #[test]
    fn the_form_shows_stored_secrets_masked_and_never_their_value() {
        let valid = validate_instance(
            &FieldValues::new()
                .with("name", "n")
                .with("service_url", "www.kaltura.com")
                .with("partner_id", "12")
                .with("user_id", "u")
                .with("admin_secret", "0123456789abcdef"),
        )
        .unwrap();
        let instance = Instance {
            id: InstanceId::DEFAULT,
            name: valid.name,
            account: valid.account,
            created_at: 0,
            updated_at: 0,
            last_success_at: None,
        };
        let views = form_fields(
            &InstanceForm::default(),
            &FieldErrors::default(),
            Some(&instance),
        );
        let admin = views.iter().find(|f| f.name == "admin_secret").unwrap();
        assert_eq!(admin.value, "");
        assert!(!admin.required, "kept when left empty");
        assert_eq!(admin.help, "Stored: ••••cdef. Leave empty to keep it.");
        let user = views.iter().find(|f| f.name == "user_secret").unwrap();
        assert_eq!(user.help, "No user secret stored.");
        assert!(views.iter().all(|f| f.name != "id"), "the id is fixed");
    }
}
