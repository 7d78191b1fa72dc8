//! Multirequest (kaltura-api-v3.md section 4): splitting one request into numbered calls, inheriting the
//! common `ks`/`partnerId`/`clientTag`, and substituting `{N:result:path}` back-references.

use std::collections::BTreeMap;

use super::error::ApiError;
use super::out::Out;
use super::params::{Map, Value};
use super::request::Files;

/// Most calls one multirequest may carry.
pub(crate) const MAX_CALLS: usize = 500;

/// One call of a multirequest: its parameters (with `service` and `action`) and its files.
#[derive(Debug)]
pub(crate) struct SubCall {
    pub(crate) params: Map,
    pub(crate) files: Files,
}

/// Splits the request into calls in increasing index order, stopping at the first call without `service` or
/// `action`, at most [`MAX_CALLS`].
pub(crate) fn split(params: Map, mut files: Files) -> Vec<SubCall> {
    let mut common = Map::new();
    let mut calls: BTreeMap<u64, Map> = BTreeMap::new();
    for (key, value) in params {
        match (key.parse::<u64>(), value) {
            (Ok(index), Value::Map(m)) => {
                calls.insert(index, m);
            }
            (_, value) => {
                common.insert(key, value);
            }
        }
    }
    let mut out = Vec::new();
    for (index, mut call) in calls {
        if out.len() >= MAX_CALLS || !call.contains_key("service") || !call.contains_key("action") {
            break;
        }
        for inherited in ["ks", "partnerId", "clientTag"] {
            if !call.contains_key(inherited)
                && let Some(v) = common.get(inherited)
            {
                call.insert(inherited.to_owned(), v.clone());
            }
        }
        let prefix = format!("{index}:");
        let keys: Vec<String> = files
            .keys()
            .filter(|k| k.starts_with(&prefix))
            .cloned()
            .collect();
        let mut call_files = Files::new();
        for key in keys {
            if let Some(file) = files.remove(&key) {
                call_files.insert(key[prefix.len()..].to_owned(), file);
            }
        }
        out.push(SubCall {
            params: call,
            files: call_files,
        });
    }
    out
}

/// Replaces `{N:result…}` tokens in every string of `params` with values from earlier results (N is the
/// 1-based execution number). A failed or missing call, or a missing path, yields the empty string.
pub(crate) fn substitute(params: &mut Map, results: &[Result<Out, ApiError>]) {
    for value in params.values_mut() {
        match value {
            Value::Str(s) if s.contains(":result") => *s = substitute_str(s, results),
            Value::Str(_) => {}
            Value::Map(m) => substitute(m, results),
        }
    }
}

fn substitute_str(s: &str, results: &[Result<Out, ApiError>]) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else {
            out.push_str(&rest[start..]);
            return out;
        };
        let token = &after[..end];
        match resolve(token, results) {
            Some(value) => out.push_str(&value),
            None => {
                out.push('{');
                out.push_str(token);
                out.push('}');
            }
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

fn resolve(token: &str, results: &[Result<Out, ApiError>]) -> Option<String> {
    let mut parts = token.split(':');
    let n: usize = parts.next()?.parse().ok()?;
    if parts.next()? != "result" || n == 0 {
        return None;
    }
    let path: Vec<&str> = parts.collect();
    Some(match results.get(n - 1) {
        Some(Ok(out)) => out.resolve(&path),
        _ => String::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::out::Object;
    use crate::wire::params::{insert, split_key};

    fn s(v: &str) -> Value {
        Value::Str(v.to_owned())
    }

    #[test]
    fn calls_run_in_index_order_and_inherit_the_ks() {
        let mut params = Map::new();
        for (k, v) in [
            ("ks", "K"),
            ("2:service", "media"),
            ("2:action", "get"),
            ("1:service", "session"),
            ("1:action", "start"),
        ] {
            insert(&mut params, &split_key(k), s(v));
        }
        let calls = split(params, Files::new());
        assert_eq!(calls.len(), 2);
        assert_eq!(calls[0].params.get("service"), Some(&s("session")));
        assert_eq!(calls[1].params.get("ks"), Some(&s("K")));
    }

    #[test]
    fn a_call_without_action_stops_execution() {
        let mut params = Map::new();
        for (k, v) in [
            ("0:service", "a"),
            ("0:action", "b"),
            ("1:service", "c"),
            ("2:service", "d"),
            ("2:action", "e"),
        ] {
            insert(&mut params, &split_key(k), s(v));
        }
        assert_eq!(split(params, Files::new()).len(), 1);
    }

    #[test]
    fn back_references_substitute_inside_longer_values() {
        let first: Out = Object::new("KalturaUploadToken").with("id", "0_tok").into();
        let results = vec![Ok(first), Err(ApiError::internal())];
        let mut params = Map::new();
        params.insert("a".into(), s("{1:result:id}"));
        params.insert("b".into(), s("x-{1:result:id}-{2:result:id}-{9:result}"));
        params.insert("c".into(), s("{not a ref}"));
        substitute(&mut params, &results);
        assert_eq!(params.get("a"), Some(&s("0_tok")));
        assert_eq!(params.get("b"), Some(&s("x-0_tok--")));
        assert_eq!(params.get("c"), Some(&s("{not a ref}")));
    }
}
