//! Tolerant field codecs for the wire objects of this module.
//!
//! Kaltura is loose about types: integers and enums come as numbers or numeric strings depending on the
//! server's database driver, nullable booleans as `true`/`false`/`1`/`0`/`-1`, nulls as missing keys or
//! empty XML elements (kaltura-api-v3.md 3.3, 18.2). Each submodule reads all of these and writes the plain
//! decimal strings every Kaltura server accepts (2.7). A value that cannot be read becomes `None`, as in
//! the official clients, rather than failing the whole object.

use serde::{Deserialize, Deserializer, Serializer};
use serde_json::Value;

fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if s.trim().is_empty() => None,
        Value::String(s) => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(if *b { "1" } else { "0" }.to_owned()),
        _ => None,
    }
}

fn to_i64(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
        Value::Bool(b) => Some(i64::from(*b)),
        other => {
            let text = scalar_text(other)?;
            text.parse::<i64>().ok().or_else(|| {
                text.parse::<f64>()
                    .ok()
                    .filter(|f| f.is_finite())
                    .map(|f| f as i64)
            })
        }
    }
}

/// `Option<i64>` from a number, a numeric string (`"12"`, `"12.0"`) or nothing.
pub(crate) mod int {
    use super::*;

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
        Ok(to_i64(&Value::deserialize(d)?))
    }

    pub(crate) fn serialize<S: Serializer>(v: &Option<i64>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(v) => s.serialize_str(&v.to_string()),
            None => s.serialize_none(),
        }
    }
}

/// `Option<f64>` from a number or a numeric string.
pub(crate) mod float {
    use super::*;

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
        let value = Value::deserialize(d)?;
        Ok(match &value {
            Value::Number(n) => n.as_f64(),
            other => scalar_text(other)
                .and_then(|t| t.parse::<f64>().ok())
                .filter(|f| f.is_finite()),
        })
    }

    pub(crate) fn serialize<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(v) => s.serialize_str(&v.to_string()),
            None => s.serialize_none(),
        }
    }
}

/// `Option<String>`; numbers become their decimal text.
pub(crate) mod string {
    use super::*;

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        Ok(match Value::deserialize(d)? {
            Value::String(s) => Some(s),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(if b { "1" } else { "0" }.to_owned()),
            _ => None,
        })
    }

    pub(crate) fn serialize<S: Serializer>(v: &Option<String>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(v) => s.serialize_str(v),
            None => s.serialize_none(),
        }
    }
}

/// `Option<bool>` from `true`/`false`, `1`/`0`, `"True"`; `-1` (NULL_VALUE) and the rest are `None`.
pub(crate) mod boolean {
    use super::*;

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
        Ok(match Value::deserialize(d)? {
            Value::Bool(b) => Some(b),
            other => match scalar_text(&other)
                .map(|t| t.to_ascii_lowercase())
                .as_deref()
            {
                Some("1" | "true") => Some(true),
                Some("0" | "false") => Some(false),
                _ => None,
            },
        })
    }

    pub(crate) fn serialize<S: Serializer>(v: &Option<bool>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(v) => s.serialize_str(if *v { "1" } else { "0" }),
            None => s.serialize_none(),
        }
    }
}

/// `Option<E>` for the crate's enums: numbers and strings both read, empty means none.
pub(crate) mod wire_enum {
    use super::*;
    use crate::types::WireEnum;

    pub(crate) fn deserialize<'de, D: Deserializer<'de>, E: WireEnum>(
        d: D,
    ) -> Result<Option<E>, D::Error> {
        Ok(scalar_text(&Value::deserialize(d)?).map(|t| E::from_wire(&t)))
    }

    pub(crate) fn serialize<S: Serializer, E: WireEnum>(
        v: &Option<E>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match v {
            Some(v) => s.serialize_str(v.as_wire()),
            None => s.serialize_none(),
        }
    }
}

/// `Vec<T>` from an array, a PHP-style map `{"0": …}` (JSON) or nothing (an empty XML element).
/// Items that do not decode are skipped rather than failing the whole list.
pub(crate) mod list {
    use super::*;
    use serde::de::DeserializeOwned;

    pub(crate) fn deserialize<'de, D: Deserializer<'de>, T: DeserializeOwned>(
        d: D,
    ) -> Result<Vec<T>, D::Error> {
        let items = match Value::deserialize(d)? {
            Value::Array(items) => items,
            Value::Object(map) => map.into_iter().map(|(_, v)| v).collect(),
            _ => Vec::new(),
        };
        Ok(items
            .into_iter()
            .filter_map(|v| serde_json::from_value(v).ok())
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::json;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Sample {
        #[serde(default, with = "super::int")]
        n: Option<i64>,
        #[serde(default, with = "super::float")]
        f: Option<f64>,
        #[serde(default, with = "super::string")]
        s: Option<String>,
        #[serde(default, with = "super::boolean")]
        b: Option<bool>,
    }

    fn read(value: serde_json::Value) -> Sample {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn numbers_read_from_numbers_and_strings() {
        assert_eq!(read(json!({"n": 2})).n, Some(2));
        assert_eq!(read(json!({"n": "2"})).n, Some(2));
        assert_eq!(read(json!({"n": "12.0"})).n, Some(12));
        assert_eq!(read(json!({"n": "abc"})).n, None);
        assert_eq!(read(json!({"n": ""})).n, None);
        assert_eq!(read(json!({"f": "1024.5"})).f, Some(1024.5));
        assert_eq!(read(json!({})).n, None);
    }

    #[test]
    fn strings_and_booleans_are_loose() {
        assert_eq!(read(json!({"s": 34392})).s.as_deref(), Some("34392"));
        for (input, expected) in [
            (json!(true), Some(true)),
            (json!("1"), Some(true)),
            (json!("True"), Some(true)),
            (json!(0), Some(false)),
            (json!(-1), None),
            (json!("maybe"), None),
        ] {
            assert_eq!(read(json!({ "b": input })).b, expected);
        }
    }
}
