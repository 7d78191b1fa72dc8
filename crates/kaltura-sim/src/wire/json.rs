//! JSON encoding (format 1): the bare value, objects without their null properties and with `objectType`
//! appended last, errors as `KalturaAPIException` objects (kaltura-api-v3.md 3.3, 3.4).

use super::error::ApiError;
use super::out::Out;

/// Encodes one call's result or error.
pub(crate) fn call_result(result: &Result<Out, ApiError>) -> String {
    let mut s = String::new();
    match result {
        Ok(out) => value(&mut s, out),
        Err(e) => error(&mut s, e),
    }
    s
}

/// Encodes a multirequest: an array with one element per call.
pub(crate) fn multi(results: &[Result<Out, ApiError>]) -> String {
    let items: Vec<String> = results.iter().map(call_result).collect();
    format!("[{}]", items.join(","))
}

fn value(s: &mut String, out: &Out) {
    match out {
        Out::Null => s.push_str("null"),
        Out::Bool(b) => s.push_str(if *b { "true" } else { "false" }),
        Out::Int(v) => s.push_str(&v.to_string()),
        Out::Float(v) if v.is_finite() => s.push_str(&v.to_string()),
        Out::Float(_) => s.push_str("null"),
        Out::Str(text) => string(s, text),
        Out::List(items) => {
            s.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    s.push(',');
                }
                value(s, item);
            }
            s.push(']');
        }
        Out::Object(o) => {
            s.push('{');
            for (name, v) in o.fields.iter().filter(|(_, v)| *v != Out::Null) {
                string(s, name);
                s.push(':');
                value(s, v);
                s.push(',');
            }
            s.push_str("\"objectType\":");
            string(s, o.class);
            s.push('}');
        }
    }
}

fn error(s: &mut String, e: &ApiError) {
    s.push_str("{\"code\":");
    string(s, e.code);
    s.push_str(",\"message\":");
    string(s, &e.message);
    s.push_str(",\"objectType\":\"KalturaAPIException\",\"args\":");
    if e.args.is_empty() {
        s.push_str("[]");
    } else {
        s.push('{');
        for (i, (name, v)) in e.args.iter().enumerate() {
            if i > 0 {
                s.push(',');
            }
            string(s, name);
            s.push(':');
            string(s, v);
        }
        s.push('}');
    }
    s.push('}');
}

fn string(s: &mut String, text: &str) {
    // serde_json's string escaping cannot fail for a &str.
    s.push_str(&serde_json::Value::String(text.to_owned()).to_string());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::out::Object;

    #[test]
    fn object_type_comes_last_and_nulls_are_dropped() {
        let out: Out = Object::new("KalturaMediaEntry")
            .with("id", "0_a")
            .with("d", Out::Null)
            .with("status", 2)
            .into();
        assert_eq!(
            call_result(&Ok(out)),
            r#"{"id":"0_a","status":2,"objectType":"KalturaMediaEntry"}"#
        );
    }

    #[test]
    fn error_args_are_a_map_or_an_empty_list() {
        assert_eq!(
            call_result(&Err(ApiError::upload_error())),
            r#"{"code":"UPLOAD_ERROR","message":"Upload failed","objectType":"KalturaAPIException","args":[]}"#
        );
        assert!(
            call_result(&Err(ApiError::entry_not_found("0_x")))
                .ends_with(r#""args":{"ENTRY_ID":"0_x"}}"#)
        );
    }
}
