//! Response bodies: format detection, API errors in either format, typed decoding of results.

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::ResponseFormat;
use super::xml;
use crate::error::ApiError;

/// Turns a response body into the JSON shape of its result (for XML, the content of `<result>`).
pub(crate) fn body_value(format: ResponseFormat, body: &[u8]) -> Result<Value, String> {
    match format {
        ResponseFormat::Json => serde_json::from_slice(body).map_err(|e| format!("json: {e}")),
        ResponseFormat::Xml => {
            let text = std::str::from_utf8(body).map_err(|_| "xml is not utf-8".to_owned())?;
            xml::result_value(text)
        }
    }
}

/// The API error a result holds, if it is one: a `KalturaAPIException` object (JSON) or an `<error>`
/// element (XML, which arrives here as `{"error": {...}}`).
pub(crate) fn api_error(value: &Value) -> Option<ApiError> {
    let object = value.as_object()?;
    let error = match object.get("error") {
        Some(Value::Object(inner)) if object.len() == 1 => inner,
        _ => object,
    };
    let is_exception = error
        .get("objectType")
        .and_then(Value::as_str)
        .is_some_and(|t| t.eq_ignore_ascii_case("KalturaAPIException"));
    let code = error.get("code").and_then(Value::as_str)?;
    if !is_exception && !error.contains_key("message") {
        return None;
    }
    let message = match error.get("message") {
        Some(Value::String(message)) => message.clone(),
        _ => String::new(),
    };
    let args = match error.get("args") {
        // JSON: {"ENTRY_ID": "0_x"}
        Some(Value::Object(map)) => map
            .iter()
            .map(|(name, value)| (name.clone(), scalar(value)))
            .collect(),
        // XML: [{"objectType": "KalturaApiExceptionArg", "name": …, "value": …}]
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|item| {
                let name = item.get("name")?.as_str()?.to_owned();
                Some((name, item.get("value").map(scalar).unwrap_or_default()))
            })
            .collect(),
        _ => Vec::new(),
    };
    Some(ApiError {
        code: code.to_owned(),
        message,
        args,
    })
}

fn scalar(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// How a call's result is decoded.
pub(crate) type Decoder<T> = fn(Value) -> Result<T, String>;

/// An object or list, decoded with serde and the tolerant codecs.
pub(crate) fn object<T: DeserializeOwned>(value: Value) -> Result<T, String> {
    if value.is_null() {
        return Err("expected an object, got nothing".to_owned());
    }
    serde_json::from_value(value).map_err(|e| e.to_string())
}

/// A void result: anything is accepted (3.5).
pub(crate) fn void(_: Value) -> Result<(), String> {
    Ok(())
}

/// A string result (a KS, a URL).
pub(crate) fn string(value: Value) -> Result<String, String> {
    match value {
        Value::String(s) => Ok(s),
        other => Err(format!("expected a string, got {other}")),
    }
}

/// An integer result (`media.count`), as a number or numeric text.
pub(crate) fn int(value: Value) -> Result<i64, String> {
    match &value {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
    .ok_or_else(|| format!("expected an integer, got {value}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_error_keeps_code_message_and_args() {
        let body = br#"{"code":"ENTRY_ID_NOT_FOUND","message":"Entry id \"0_nope1234\" not found","objectType":"KalturaAPIException","args":{"ENTRY_ID":"0_nope1234"}}"#;
        let value = body_value(ResponseFormat::Json, body).unwrap();
        let error = api_error(&value).unwrap();
        assert_eq!(error.code, "ENTRY_ID_NOT_FOUND");
        assert_eq!(error.message, "Entry id \"0_nope1234\" not found");
        assert_eq!(
            error.args,
            vec![("ENTRY_ID".to_owned(), "0_nope1234".to_owned())]
        );
    }

    #[test]
    fn xml_error_reads_the_same_as_json() {
        let body = br#"<?xml version="1.0" encoding="utf-8"?><xml><result><error><objectType>KalturaAPIException</objectType><code>ENTRY_ID_NOT_FOUND</code><message>Entry id &quot;0_nope1234&quot; not found</message><args><item><objectType>KalturaApiExceptionArg</objectType><name>ENTRY_ID</name><value>0_nope1234</value></item></args></error></result><executionTime>0.01</executionTime></xml>"#;
        let value = body_value(ResponseFormat::Xml, body).unwrap();
        let error = api_error(&value).unwrap();
        assert_eq!(error.code, "ENTRY_ID_NOT_FOUND");
        assert_eq!(error.message, "Entry id \"0_nope1234\" not found");
        assert_eq!(error.arg("ENTRY_ID"), Some("0_nope1234"));
    }

    #[test]
    fn ordinary_objects_are_not_errors() {
        assert!(api_error(&json!({"id": "0_a", "objectType": "KalturaMediaEntry"})).is_none());
        assert!(api_error(&json!("djJ8")).is_none());
        assert!(api_error(&json!({"code": "x"})).is_none());
    }

    #[test]
    fn scalar_decoders_are_tolerant_but_typed() {
        assert_eq!(int(json!(17)).unwrap(), 17);
        assert_eq!(int(json!("17")).unwrap(), 17);
        assert!(int(json!({"a": 1})).is_err());
        assert_eq!(string(json!("https://x")).unwrap(), "https://x");
        assert!(object::<crate::types::MediaEntry>(Value::Null).is_err());
    }
}
