//! `Out`: the value an action returns, before it is encoded as XML or JSON. Objects keep their field order
//! and class name (`objectType`); multirequest back-references (`{1:result:id}`) walk this tree.

/// A response value: the result of one action.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Out {
    /// A void result, or a property without a value.
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    List(Vec<Out>),
    Object(Object),
}

/// A Kaltura object: its class name and its properties in output order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Object {
    pub(crate) class: &'static str,
    pub(crate) fields: Vec<(&'static str, Out)>,
}

impl Object {
    pub(crate) fn new(class: &'static str) -> Self {
        Self {
            class,
            fields: Vec::new(),
        }
    }

    /// Adds a property; chains for compact object building.
    pub(crate) fn with(mut self, name: &'static str, value: impl Into<Out>) -> Self {
        self.fields.push((name, value.into()));
        self
    }

    pub(crate) fn get(&self, name: &str) -> Option<&Out> {
        self.fields.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }
}

impl From<Object> for Out {
    fn from(o: Object) -> Self {
        Out::Object(o)
    }
}

impl From<String> for Out {
    fn from(s: String) -> Self {
        Out::Str(s)
    }
}

impl From<&str> for Out {
    fn from(s: &str) -> Self {
        Out::Str(s.to_owned())
    }
}

impl From<i64> for Out {
    fn from(v: i64) -> Self {
        Out::Int(v)
    }
}

impl From<bool> for Out {
    fn from(v: bool) -> Self {
        Out::Bool(v)
    }
}

impl From<f64> for Out {
    fn from(v: f64) -> Self {
        Out::Float(v)
    }
}

impl<T: Into<Out>> From<Option<T>> for Out {
    fn from(v: Option<T>) -> Self {
        v.map_or(Out::Null, Into::into)
    }
}

impl Out {
    /// The text of a scalar the way PHP turns it into a string (used by back-references):
    /// `true` → `1`, `false` and null → empty.
    pub(crate) fn to_text(&self) -> String {
        match self {
            Out::Null | Out::Bool(false) | Out::List(_) | Out::Object(_) => String::new(),
            Out::Bool(true) => "1".to_owned(),
            Out::Int(v) => v.to_string(),
            Out::Float(v) => format_float(*v),
            Out::Str(s) => s.clone(),
        }
    }

    /// Resolves a `:`-separated back-reference path (`id`, `objects:0:id`, `objects:_all:id`).
    pub(crate) fn resolve(&self, path: &[&str]) -> String {
        let Some((first, rest)) = path.split_first() else {
            return self.to_text();
        };
        match self {
            Out::Object(o) => o.get(first).map(|v| v.resolve(rest)).unwrap_or_default(),
            Out::List(items) if *first == "_all" => items
                .iter()
                .map(|item| format!("{},", item.resolve(rest)))
                .collect(),
            Out::List(items) => first
                .parse::<usize>()
                .ok()
                .and_then(|i| items.get(i))
                .map(|v| v.resolve(rest))
                .unwrap_or_default(),
            _ => String::new(),
        }
    }
}

/// Formats a float like PHP with precision 14: integral values without a fraction (`227`), others
/// shortest-round-trip.
pub(crate) fn format_float(v: f64) -> String {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        v.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list() -> Out {
        Object::new("KalturaMediaListResponse")
            .with(
                "objects",
                Out::List(vec![
                    Object::new("KalturaMediaEntry").with("id", "0_a").into(),
                    Object::new("KalturaMediaEntry").with("id", "0_b").into(),
                ]),
            )
            .with("totalCount", 2)
            .into()
    }

    #[test]
    fn resolve_walks_properties_and_list_positions() {
        assert_eq!(list().resolve(&["objects", "1", "id"]), "0_b");
        assert_eq!(list().resolve(&["totalCount"]), "2");
        assert_eq!(list().resolve(&["nothing"]), "");
    }

    #[test]
    fn resolve_all_joins_with_trailing_commas() {
        assert_eq!(list().resolve(&["objects", "_all", "id"]), "0_a,0_b,");
    }

    #[test]
    fn floats_print_like_php() {
        assert_eq!(format_float(1024.0), "1024");
        assert_eq!(format_float(0.5), "0.5");
    }
}
