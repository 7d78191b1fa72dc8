//! Calls of the `/service/*` area as a client makes them (GET with a query,
//! url-encoded form, multipart), and readers of the legacy answers.

use reqwest::multipart::{Form, Part};
use serde_json::Value;

use crate::helpers::TestApp;

/// The status and the JSON body of a legacy answer, which must carry the
/// legacy content type.
pub(crate) async fn json_of(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(content_type, "application/json; charset=utf-8");
    (status, response.json().await.unwrap())
}

/// GET `path` with `query`; the status and the JSON body.
pub(crate) async fn get(app: &TestApp, path: &str, query: &[(&str, &str)]) -> (u16, Value) {
    let mut url = url::Url::parse(&app.url(path)).unwrap();
    url.query_pairs_mut().extend_pairs(query);
    json_of(app.client.get(url.as_str()).send().await.unwrap()).await
}

/// POST a multipart body with `fields` and, if given, `file` as (name, bytes).
pub(crate) async fn post_multipart(
    app: &TestApp,
    path: &str,
    fields: &[(&str, &str)],
    file: Option<(&str, Vec<u8>)>,
) -> (u16, Value) {
    let mut form = Form::new();
    for (name, value) in fields {
        form = form.text(name.to_string(), value.to_string());
    }
    if let Some((name, bytes)) = file {
        form = form.part("file", Part::bytes(bytes).file_name(name.to_owned()));
    }
    let response = app
        .client
        .post(app.url(path))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

/// An `application/x-www-form-urlencoded` body.
pub(crate) fn form_body<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> String {
    let mut body = url::form_urlencoded::Serializer::new(String::new());
    for (key, value) in pairs {
        body.append_pair(key.as_ref(), value.as_ref());
    }
    body.finish()
}

/// The first of the answer's `messages`, empty when there is none.
pub(crate) fn message(body: &Value) -> String {
    body["messages"][0].as_str().unwrap_or_default().to_owned()
}

/// Uploads `fixtures/<fixture>` through `/service/upload_file` as
/// `file_name`, named `medianame`; returns the new entry id.
pub(crate) async fn upload_fixture(
    app: &TestApp,
    medianame: &str,
    fixture: &str,
    file_name: &str,
) -> String {
    let form = Form::new().text("medianame", medianame.to_owned()).part(
        "file",
        Part::bytes(crate::sim_entries::fixture(fixture)).file_name(file_name.to_owned()),
    );
    let response = app
        .client
        .post(app.url("/service/upload_file"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let (status, body) = json_of(response).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["success"], true, "{body}");
    body["entry_id"].as_str().unwrap().to_owned()
}
