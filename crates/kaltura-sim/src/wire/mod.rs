//! The api_v3 wire protocol as the server side sees it: parameter parsing into a typed tree, JSON and XML
//! response encoding, `KalturaAPIException` errors and multirequest.

pub(crate) mod error;
pub(crate) mod json;
pub(crate) mod multirequest;
pub(crate) mod out;
pub(crate) mod params;
pub(crate) mod request;
pub(crate) mod xml;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use error::ApiError;
use out::Out;

/// The response format chosen by the `format` parameter.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Format {
    Json,
    Xml,
}

impl Format {
    /// `1` JSON, `2` or absent XML; other values are not served (`UNKNOWN_RESPONSE_FORMAT`).
    pub(crate) fn from_param(value: Option<&str>) -> Result<Self, String> {
        match value.map(str::trim) {
            None | Some("" | "2") => Ok(Format::Xml),
            Some("1") => Ok(Format::Json),
            Some(other) => Err(other.to_owned()),
        }
    }
}

/// What a request answers: one call's result or the results of a multirequest.
#[derive(Debug)]
pub(crate) enum Answer {
    Single(Result<Out, ApiError>),
    Multi(Vec<Result<Out, ApiError>>),
}

/// Encodes an answer as the HTTP body Kaltura sends: HTTP 200 even for errors.
pub(crate) fn render(
    answer: &Answer,
    format: Format,
    ignore_null: bool,
    execution_time: f64,
) -> Response {
    let (body, content_type) = match format {
        Format::Json => (
            match answer {
                Answer::Single(r) => json::call_result(r),
                Answer::Multi(rs) => json::multi(rs),
            },
            "application/json",
        ),
        Format::Xml => {
            let inner = match answer {
                Answer::Single(r) => xml::call_result(r, ignore_null),
                Answer::Multi(rs) => rs
                    .iter()
                    .map(|r| format!("<item>{}</item>", xml::call_result(r, ignore_null)))
                    .collect(),
            };
            (xml::envelope(&inner, execution_time), "text/xml")
        }
    };
    ([(header::CONTENT_TYPE, content_type)], body).into_response()
}

/// An error answered outside the serialised envelope: empty body and `X-Kaltura` headers.
pub(crate) fn header_error(code: &str, message: &str) -> Response {
    let mut response = StatusCode::OK.into_response();
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&format!("error-{code}")) {
        headers.insert("x-kaltura", v);
    }
    if let Ok(v) = HeaderValue::from_str(&format!("exiting on error {code} - {message}")) {
        headers.insert("x-kaltura-app", v);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_defaults_to_xml() {
        assert_eq!(Format::from_param(None), Ok(Format::Xml));
        assert_eq!(Format::from_param(Some("1")), Ok(Format::Json));
        assert_eq!(Format::from_param(Some("3")), Err("3".to_owned()));
    }
}
