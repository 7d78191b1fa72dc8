//! XML encoding (format 2, the default): the `<xml><result>…</result><executionTime>…</executionTime></xml>`
//! envelope without whitespace, `objectType` first in each object, `<item>` per list element, empty elements
//! for nulls and the five-character escaping of kaltura-api-v3.md 3.2.

use super::error::ApiError;
use super::out::{Out, format_float};

/// Encodes one call's result (or a multirequest's results) in the XML envelope.
pub(crate) fn envelope(result: &str, execution_time: f64) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><xml><result>{result}</result><executionTime>{execution_time}</executionTime></xml>"
    )
}

/// The content of a `<result>` (or a multirequest `<item>`) for one call.
pub(crate) fn call_result(result: &Result<Out, ApiError>, ignore_null: bool) -> String {
    let mut s = String::new();
    match result {
        Ok(out) => value(&mut s, out, ignore_null),
        Err(e) => error(&mut s, e),
    }
    s
}

fn value(s: &mut String, out: &Out, ignore_null: bool) {
    match out {
        Out::Null => {}
        Out::Bool(b) => s.push_str(if *b { "1" } else { "0" }),
        Out::Int(v) => s.push_str(&v.to_string()),
        Out::Float(v) => s.push_str(&format_float(*v)),
        Out::Str(text) => escape(s, text),
        Out::List(items) => {
            for item in items {
                s.push_str("<item>");
                value(s, item, ignore_null);
                s.push_str("</item>");
            }
        }
        Out::Object(o) => {
            s.push_str("<objectType>");
            s.push_str(o.class);
            s.push_str("</objectType>");
            for (name, v) in &o.fields {
                if ignore_null && *v == Out::Null {
                    continue;
                }
                s.push('<');
                s.push_str(name);
                s.push('>');
                value(s, v, ignore_null);
                s.push_str("</");
                s.push_str(name);
                s.push('>');
            }
        }
    }
}

fn error(s: &mut String, e: &ApiError) {
    s.push_str("<error><objectType>KalturaAPIException</objectType><code>");
    escape(s, e.code);
    s.push_str("</code><message>");
    escape(s, &e.message);
    s.push_str("</message><args>");
    for (name, v) in &e.args {
        s.push_str("<item><objectType>KalturaApiExceptionArg</objectType><name>");
        escape(s, name);
        s.push_str("</name><value>");
        escape(s, v);
        s.push_str("</value></item>");
    }
    s.push_str("</args></error>");
}

fn escape(s: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '"' => s.push_str("&quot;"),
            '\'' => s.push_str("&apos;"),
            c => s.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::out::Object;

    #[test]
    fn object_starts_with_object_type_and_keeps_empty_elements() {
        let out: Out = Object::new("KalturaMediaEntry")
            .with("id", "0_a")
            .with("description", Out::Null)
            .with("name", "a & <b>")
            .into();
        assert_eq!(
            call_result(&Ok(out), false),
            "<objectType>KalturaMediaEntry</objectType><id>0_a</id><description></description><name>a &amp; &lt;b&gt;</name>"
        );
    }

    #[test]
    fn ignore_null_omits_null_properties() {
        let out: Out = Object::new("X").with("a", Out::Null).with("b", true).into();
        assert_eq!(
            call_result(&Ok(out), true),
            "<objectType>X</objectType><b>1</b>"
        );
    }

    #[test]
    fn error_has_code_message_and_args() {
        let xml = call_result(&Err(ApiError::entry_not_found("0_x")), false);
        assert_eq!(
            xml,
            "<error><objectType>KalturaAPIException</objectType><code>ENTRY_ID_NOT_FOUND</code><message>Entry id &quot;0_x&quot; not found</message><args><item><objectType>KalturaApiExceptionArg</objectType><name>ENTRY_ID</name><value>0_x</value></item></args></error>"
        );
    }
}
