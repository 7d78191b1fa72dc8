//! Request parameters: a JSON object of strings and nested objects (kaltura-api-v3.md 2.4–2.7).

use serde_json::{Map, Value};

use crate::types::{KalturaObject, Resource};

/// Which format the server answers in (`format` parameter).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ResponseFormat {
    /// `1`: JSON, smaller and simpler. The default.
    #[default]
    Json,
    /// `2`: XML, what every server supports and the official clients parse.
    Xml,
}

impl ResponseFormat {
    /// The `format` parameter value.
    pub fn as_param(self) -> &'static str {
        match self {
            Self::Json => "1",
            Self::Xml => "2",
        }
    }
}

/// The action parameters of one call.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Params(Map<String, Value>);

impl Params {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// Adds a string parameter.
    pub(crate) fn string(mut self, name: &str, value: impl Into<String>) -> Self {
        self.0.insert(name.to_owned(), Value::String(value.into()));
        self
    }

    /// Adds a number as its decimal text (the server casts strings, 2.7).
    pub(crate) fn int(self, name: &str, value: i64) -> Self {
        self.string(name, value.to_string())
    }

    /// Adds a float as its decimal text.
    pub(crate) fn float(self, name: &str, value: f64) -> Self {
        self.string(name, value.to_string())
    }

    /// Adds a boolean as `1`/`0`, which every server version reads.
    pub(crate) fn bool(self, name: &str, value: bool) -> Self {
        self.string(name, if value { "1" } else { "0" })
    }

    /// Adds an object with its `objectType`.
    pub(crate) fn object<T: KalturaObject>(mut self, name: &str, object: &T) -> Self {
        let mut value = to_object(object);
        value.insert(
            "objectType".to_owned(),
            Value::String(T::OBJECT_TYPE.to_owned()),
        );
        self.0.insert(name.to_owned(), Value::Object(value));
        self
    }

    /// Adds an optional object; `None` leaves the server default.
    pub(crate) fn object_opt<T: KalturaObject>(self, name: &str, object: Option<&T>) -> Self {
        match object {
            Some(object) => self.object(name, object),
            None => self,
        }
    }

    /// Adds a content resource (its `objectType` comes from the variant).
    pub(crate) fn resource(mut self, name: &str, resource: &Resource) -> Self {
        self.0
            .insert(name.to_owned(), Value::Object(to_object(resource)));
        self
    }

    pub(crate) fn into_map(self) -> Map<String, Value> {
        self.0
    }
}

fn to_object<T: serde::Serialize>(object: &T) -> Map<String, Value> {
    // The wire types are plain structs and enums with string keys: serializing them to a JSON value
    // cannot fail, and an empty object would only make the server apply its defaults.
    match serde_json::to_value(object) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::{MediaEntry, MediaType};
    use serde_json::json;

    #[test]
    fn objects_carry_object_type_and_scalars_are_strings() {
        let entry = MediaEntry {
            name: Some("clip".into()),
            media_type: Some(MediaType::Video),
            ..Default::default()
        };
        let params = Params::new()
            .object("entry", &entry)
            .int("version", -1)
            .bool("resume", true)
            .float("resumeAt", 1024.0);
        assert_eq!(
            Value::Object(params.into_map()),
            json!({
                "entry": {"name": "clip", "mediaType": "1", "objectType": "KalturaMediaEntry"},
                "version": "-1", "resume": "1", "resumeAt": "1024"
            })
        );
    }
}
