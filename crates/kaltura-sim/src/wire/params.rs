//! The parameter tree of a call. Every source (path pairs, query string, form or JSON body, multipart
//! fields) becomes one nested map of strings; keys in colon style (`entry:name`) and bracket style
//! (`entry[name]`) both become paths (kaltura-api-v3.md 2.3–2.7). Values are cast when an action reads them.

use std::collections::BTreeMap;

use super::error::ApiError;

/// Deepest nesting accepted; deeper keys are refused so a hostile request cannot build a huge tree.
pub(crate) const MAX_DEPTH: usize = 16;

/// One node: a string leaf or a nested map.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Str(String),
    Map(Map),
}

pub(crate) type Map = BTreeMap<String, Value>;

/// What an object property holds: absent, explicitly null (`name__null`), or a value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Field<'a> {
    Absent,
    Null,
    Str(&'a str),
    Map(&'a Map),
}

/// Splits a flat key into its path: `a:b:c`, `a[b][c]` and mixes such as `1:entry[name]`.
pub(crate) fn split_key(key: &str) -> Vec<String> {
    let (head, brackets) = match key.find('[') {
        Some(i) if i > 0 && key.ends_with(']') => (&key[..i], Some(&key[i + 1..key.len() - 1])),
        _ => (key, None),
    };
    let mut path: Vec<String> = head.split(':').map(str::to_owned).collect();
    if let Some(inner) = brackets {
        for part in inner.split("][") {
            path.extend(part.split(':').map(str::to_owned));
        }
    }
    path
}

/// Sets `path` to `value`, replacing whatever was there (later sources of higher precedence call this last).
/// Paths deeper than [`MAX_DEPTH`] are ignored.
pub(crate) fn insert(map: &mut Map, path: &[String], value: Value) {
    if path.len() > MAX_DEPTH {
        return;
    }
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut node = map;
    for key in parents {
        let entry = node
            .entry(key.clone())
            .or_insert_with(|| Value::Map(Map::new()));
        if let Value::Str(_) = entry {
            *entry = Value::Map(Map::new());
        }
        let Value::Map(next) = entry else { return };
        node = next;
    }
    node.insert(last.clone(), value);
}

/// Merges `high` into `low`, key by key; `high` wins (recursive, as PHP's `array_merge_recursive` use).
pub(crate) fn merge(low: &mut Map, high: Map) {
    for (key, value) in high {
        match (low.get_mut(&key), value) {
            (Some(Value::Map(l)), Value::Map(h)) => merge(l, h),
            (_, value) => {
                low.insert(key, value);
            }
        }
    }
}

/// Converts a decoded JSON body into the tree: arrays become index-keyed maps, scalars strings
/// (`true` → `1`, `false` → empty, as PHP casts them), nulls disappear.
pub(crate) fn from_json(value: serde_json::Value, depth: usize) -> Option<Value> {
    if depth > MAX_DEPTH {
        return None;
    }
    Some(match value {
        serde_json::Value::Null => return None,
        serde_json::Value::Bool(b) => Value::Str(if b { "1" } else { "" }.to_owned()),
        serde_json::Value::Number(n) => Value::Str(n.to_string()),
        serde_json::Value::String(s) => Value::Str(s),
        serde_json::Value::Array(items) => Value::Map(
            items
                .into_iter()
                .enumerate()
                .filter_map(|(i, v)| from_json(v, depth + 1).map(|v| (i.to_string(), v)))
                .collect(),
        ),
        serde_json::Value::Object(fields) => Value::Map(
            fields
                .into_iter()
                .filter_map(|(k, v)| from_json(v, depth + 1).map(|v| (k, v)))
                .collect(),
        ),
    })
}

/// Reads an object property, honouring `name__null`.
pub(crate) fn field<'a>(map: &'a Map, name: &str) -> Field<'a> {
    match map.get(name) {
        Some(Value::Str(s)) => Field::Str(s),
        Some(Value::Map(m)) => Field::Map(m),
        None if map.contains_key(&format!("{name}__null")) => Field::Null,
        None => Field::Absent,
    }
}

/// PHP `(int)`: the leading integer part, 0 when there is none; `true`/`false` are 1/0 as for enums.
pub(crate) fn to_int(s: &str) -> i64 {
    let t = s.trim();
    if t.eq_ignore_ascii_case("true") {
        return 1;
    }
    let bytes = t.as_bytes();
    let mut end = usize::from(matches!(bytes.first(), Some(b'-' | b'+')));
    while end < bytes.len() && bytes[end].is_ascii_digit() {
        end += 1;
    }
    t[..end].parse::<i64>().unwrap_or_else(|_| {
        // Values such as "12.0" or "1e3": take the float's integer part.
        t.parse::<f64>().map(|f| f as i64).unwrap_or(0)
    })
}

/// PHP `(float)`.
pub(crate) fn to_float(s: &str) -> f64 {
    s.trim().parse::<f64>().unwrap_or_else(|_| to_int(s) as f64)
}

/// Kaltura's boolean cast: `false` in any case, empty and `0` are false; anything else true.
pub(crate) fn to_bool(s: &str) -> bool {
    let t = s.trim();
    !(t.is_empty() || t == "0" || t.eq_ignore_ascii_case("false"))
}

/// A `time` value: relative when within ten years of zero (kaltura-api-v3.md section 1).
pub(crate) fn to_time(s: &str, now: i64) -> i64 {
    let v = to_int(s);
    // `unsigned_abs`: `to_int` saturates (a value such as `-99999999999999999999` is `i64::MIN`),
    // whose `abs` overflows.
    if v != 0 && v != -1 && v.unsigned_abs() <= 315_360_000 {
        now.saturating_add(v)
    } else {
        v
    }
}

/// Refuses strings with characters XML 1.0 cannot carry (`INVALID_PARAMETER_CHAR`).
pub(crate) fn check_xml_chars(name: &str, s: &str) -> Result<(), ApiError> {
    let valid = s.chars().all(|c| {
        matches!(c, '\u{9}' | '\u{A}' | '\u{D}' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
    });
    if valid {
        Ok(())
    } else {
        Err(ApiError::invalid_parameter_char(name))
    }
}

/// Reads the text property `name` of an input object of `class`: `None` when
/// absent, empty for the null marker, refused when it holds characters XML
/// cannot carry or is longer than `max_len` bytes (`PROPERTY_VALIDATION_MAX_LENGTH`
/// naming `class::name`).
pub(crate) fn text_property(
    input: &Map,
    class: &str,
    name: &str,
    max_len: usize,
) -> Result<Option<String>, ApiError> {
    match field(input, name) {
        Field::Str(v) => {
            check_xml_chars(name, v)?;
            if v.len() > max_len {
                return Err(ApiError::max_length(&format!("{class}::{name}"), max_len));
            }
            Ok(Some(v.to_owned()))
        }
        Field::Null => Ok(Some(String::new())),
        _ => Ok(None),
    }
}

/// Refuses an input object of `class` that sets any of the read-only
/// properties `names` (`PROPERTY_VALIDATION_NOT_UPDATABLE`, kaltura-api-v3.md 6.2).
pub(crate) fn refuse_read_only(input: &Map, class: &str, names: &[&str]) -> Result<(), ApiError> {
    for name in names {
        if let Field::Str(v) = field(input, name)
            && !v.is_empty()
        {
            return Err(ApiError::not_updatable(&format!("{class}::{name}")));
        }
    }
    Ok(())
}

/// The action parameters of one call, with typed readers that raise Kaltura's errors.
#[derive(Debug, Clone, Default)]
pub(crate) struct Params(pub(crate) Map);

impl Params {
    /// A scalar parameter; `None` when absent (a top-level `__null` also means absent).
    pub(crate) fn opt_str(&self, name: &str) -> Option<&str> {
        match self.0.get(name) {
            Some(Value::Str(s)) => Some(s),
            _ => None,
        }
    }

    /// A required string parameter: absent or empty → `MISSING_MANDATORY_PARAMETER`.
    pub(crate) fn req_str(&self, name: &str) -> Result<String, ApiError> {
        match self.opt_str(name) {
            Some(s) if !s.is_empty() => {
                check_xml_chars(name, s)?;
                Ok(s.to_owned())
            }
            _ => Err(ApiError::missing_parameter(name)),
        }
    }

    pub(crate) fn int_or(&self, name: &str, default: i64) -> i64 {
        self.opt_str(name)
            .filter(|s| !s.is_empty())
            .map_or(default, to_int)
    }

    pub(crate) fn float_or(&self, name: &str, default: f64) -> f64 {
        self.opt_str(name)
            .filter(|s| !s.is_empty())
            .map_or(default, to_float)
    }

    pub(crate) fn bool_or(&self, name: &str, default: bool) -> bool {
        self.opt_str(name).map_or(default, to_bool)
    }

    /// An object parameter: `None` when absent; a scalar where an object belongs →
    /// `PROPERTY_VALIDATION_WRONG_FORMAT`.
    pub(crate) fn object(&self, name: &str) -> Result<Option<&Map>, ApiError> {
        match self.0.get(name) {
            None => Ok(None),
            Some(Value::Map(m)) => Ok(Some(m)),
            Some(Value::Str(s)) if s.is_empty() => Ok(None),
            Some(Value::Str(_)) => Err(ApiError::wrong_format(name, "array")),
        }
    }

    pub(crate) fn req_object(&self, name: &str) -> Result<&Map, ApiError> {
        self.object(name)?
            .ok_or_else(|| ApiError::missing_parameter(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> Value {
        Value::Str(v.to_owned())
    }

    #[test]
    fn text_property_tells_absent_null_and_too_long_apart() {
        let mut input = Map::new();
        input.insert("tags".into(), s("a,b"));
        input.insert("label__null".into(), s(""));
        input.insert("description".into(), s("four"));
        let read = |name| text_property(&input, "KalturaThumbAsset", name, 3);
        assert_eq!(read("tags").ok(), Some(Some("a,b".to_owned())));
        assert_eq!(read("label").ok(), Some(Some(String::new())));
        assert_eq!(read("partnerData").ok(), Some(None));
        let too_long = read("description").err().map(|e| e.code);
        assert_eq!(too_long, Some("PROPERTY_VALIDATION_MAX_LENGTH"));
    }

    #[test]
    fn times_beyond_the_integer_range_are_absolute_not_an_overflow() {
        // Found by the `sim_request` fuzz target (FUZZING.md): a filter time of twenty-odd nines
        // below zero panicked in `abs`.
        let now = 1_800_000_000;
        assert_eq!(to_time("-9055555555555555555555555500", now), i64::MIN);
        assert_eq!(to_time("99999999999999999999", now), i64::MAX);
        assert_eq!(to_time("-3600", now), now - 3600);
        assert_eq!(to_time("1700000000", now), 1_700_000_000);
    }

    #[test]
    fn colon_bracket_and_mixed_keys_split_alike() {
        assert_eq!(split_key("entry:name"), ["entry", "name"]);
        assert_eq!(split_key("entry[name]"), ["entry", "name"]);
        assert_eq!(split_key("1:entry[ops][0]"), ["1", "entry", "ops", "0"]);
        assert_eq!(split_key("plain"), ["plain"]);
    }

    #[test]
    fn merge_is_recursive_and_high_precedence_wins() {
        let mut low = Map::new();
        insert(&mut low, &split_key("entry:name"), s("body"));
        insert(&mut low, &split_key("entry:tags"), s("t"));
        let mut high = Map::new();
        insert(&mut high, &split_key("entry[name]"), s("query"));
        merge(&mut low, high);
        let Some(Value::Map(entry)) = low.get("entry") else {
            panic!("entry is a map")
        };
        assert_eq!(entry.get("name"), Some(&s("query")));
        assert_eq!(entry.get("tags"), Some(&s("t")));
    }

    #[test]
    fn too_deep_keys_are_ignored() {
        let mut map = Map::new();
        let key = vec!["a".to_owned(); MAX_DEPTH + 1];
        insert(&mut map, &key, s("x"));
        assert!(map.is_empty());
    }

    #[test]
    fn json_arrays_become_indexed_maps_and_booleans_php_strings() {
        let v = from_json(serde_json::json!({"a": [1, true], "b": null}), 0);
        let Some(Value::Map(m)) = v else {
            panic!("object")
        };
        let Some(Value::Map(a)) = m.get("a") else {
            panic!("array")
        };
        assert_eq!(a.get("0"), Some(&s("1")));
        assert_eq!(a.get("1"), Some(&s("1")));
        assert!(!m.contains_key("b"));
    }

    #[test]
    fn null_marker_is_read_as_explicit_null() {
        let mut m = Map::new();
        m.insert("description__null".to_owned(), s(""));
        assert_eq!(field(&m, "description"), Field::Null);
        assert_eq!(field(&m, "name"), Field::Absent);
    }

    #[test]
    fn casts_follow_php() {
        assert_eq!(to_int("12abc"), 12);
        assert_eq!(to_int("-1"), -1);
        assert_eq!(to_int("1024.0"), 1024);
        assert_eq!(to_int("x"), 0);
        assert!(
            to_bool("True") && to_bool("1") && !to_bool("False") && !to_bool("") && !to_bool("0")
        );
        assert_eq!(to_time("60", 1000), 1060);
        assert_eq!(to_time("-1", 1000), -1);
        assert_eq!(to_time("1893456000", 1000), 1_893_456_000);
    }

    #[test]
    fn control_characters_are_refused() {
        assert!(check_xml_chars("name", "ok\ttext").is_ok());
        assert_eq!(
            check_xml_chars("name", "bad\u{1}").map_err(|e| e.code),
            Err("INVALID_PARAMETER_CHAR")
        );
    }
}
