//! The player pages' options, validated before they reach a page: sizes,
//! flags, the thumbnail selector's callback URL, success callback name and
//! parent origin (the old page pasted these into JavaScript unescaped,
//! kts-legacy-api.md "Players"). Pages carry them only in HTML attributes,
//! escaped by the templates, and read them from static scripts.

use url::Url;

use crate::error::Error;
use crate::http::legacy::extract::parse_flag;
use crate::ids::InstanceId;

/// Longest `successCallbackParams` kept.
pub(crate) const MAX_CALLBACK_PARAMS: usize = 1024;

/// A CSS size: a number of pixels (`640`, `640px`) or a percentage (`100%`).
pub(crate) fn size(name: &'static str, value: Option<&str>) -> Result<Option<String>, Error> {
    let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let invalid = || Error::InvalidParameter {
        name,
        reason: "must be pixels (640 or 640px) or a percentage (100%)".into(),
    };
    let (number, unit) = if let Some(n) = value.strip_suffix('%') {
        (n, "%")
    } else {
        (value.strip_suffix("px").unwrap_or(value), "px")
    };
    let n: u32 = number.parse().map_err(|_| invalid())?;
    let max = if unit == "%" { 100 } else { 10_000 };
    if n == 0 || n > max {
        return Err(invalid());
    }
    Ok(Some(format!("{n}{unit}")))
}

/// A flag: `true`/`1`/`yes`/`on` or `false`/`0`/`no`/`off`; absent is false.
pub(crate) fn flag(name: &'static str, value: Option<&str>) -> Result<bool, Error> {
    match value.map(str::trim) {
        None | Some("") => Ok(false),
        Some(text) => parse_flag(text).ok_or(Error::InvalidParameter {
            name,
            reason: "must be true or false".into(),
        }),
    }
}

/// The calls of this site a thumbnail selector may post its frame to.
///
/// The capture button posts `entry_id`, `kaltura_id` and `offset` with the
/// API key the page was opened with, so a callback on this site is a call
/// made with that key: any other path would let whoever writes the page's
/// link choose what the key does (`del_media` with the same parameters
/// deletes the entry). The contract (kts-legacy-api.md, "Players") names one
/// call that takes these parameters, `update_thumbnail_from_player`, the
/// default callback.
pub(crate) const CALLBACK_ACTIONS: [&str; 1] = ["/service/update_thumbnail_from_player"];

/// The query parameters a callback on this site may carry: the instance,
/// as in the default callback.
const CALLBACK_QUERY: [&str; 1] = ["kaltura_id"];

/// Where the capture button posts: one of [`CALLBACK_ACTIONS`] of this site,
/// or a URL of an allowed origin (`KTS_CORS_ORIGINS`), which is the
/// operator's own application and gets no API key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Callback {
    /// One of [`CALLBACK_ACTIONS`], with its query, normalized.
    SameOrigin(String),
    /// A URL of an allowed origin.
    Allowed(Url),
}

impl Callback {
    /// The URL to put in the page.
    pub(crate) fn as_str(&self) -> &str {
        match self {
            Callback::SameOrigin(path) => path,
            Callback::Allowed(url) => url.as_str(),
        }
    }
}

/// Checks the thumbnail selector's `callback`.
pub(crate) fn callback(value: &str, allowed_origins: &[String]) -> Result<Callback, Error> {
    let invalid = |reason: &str| Error::InvalidParameter {
        name: "callback",
        reason: reason.into(),
    };
    if value.len() > 2048 || value.chars().any(|c| c.is_control() || c == '\\') {
        return Err(invalid("must be at most 2048 printable characters"));
    }
    if value.starts_with('/') && !value.starts_with("//") {
        // Resolved against a dummy origin to reject anything that leaves it.
        let base = Url::parse("http://kts.invalid/").map_err(|_| invalid("is not a path"))?;
        let url = base.join(value).map_err(|_| invalid("is not a path"))?;
        if url.origin() != base.origin() {
            return Err(invalid("must stay on this site"));
        }
        return same_site_action(&url).ok_or_else(|| {
            invalid(&format!(
                "on this site must be one of {} with at most {}",
                CALLBACK_ACTIONS.join(", "),
                CALLBACK_QUERY.join(", ")
            ))
        });
    }
    let url = Url::parse(value).map_err(|_| invalid("must be a path of this site or a URL"))?;
    if !matches!(url.scheme(), "http" | "https") || !url.username().is_empty() {
        return Err(invalid("must be an http(s) URL without credentials"));
    }
    let origin = url.origin().ascii_serialization();
    if !allowed_origins
        .iter()
        .any(|o| o.trim_end_matches('/') == origin)
    {
        return Err(invalid(&format!(
            "origin {origin} is not allowed (KTS_CORS_ORIGINS)"
        )));
    }
    Ok(Callback::Allowed(url))
}

/// `url` (resolved against a dummy origin) as a [`Callback::SameOrigin`], if
/// it is one of [`CALLBACK_ACTIONS`] (a trailing slash allowed, as for every
/// call) whose query holds only [`CALLBACK_QUERY`] with valid values.
fn same_site_action(url: &Url) -> Option<Callback> {
    let path = url.path();
    let action = path.strip_suffix('/').unwrap_or(path);
    if !CALLBACK_ACTIONS.contains(&action) || url.fragment().is_some() {
        return None;
    }
    let query_ok = url.query_pairs().all(|(name, value)| {
        CALLBACK_QUERY.contains(&&*name) && value.parse::<InstanceId>().is_ok()
    });
    if !query_ok {
        return None;
    }
    Some(Callback::SameOrigin(match url.query() {
        Some(query) => format!("{path}?{query}"),
        None => path.to_owned(),
    }))
}

/// Checks `successCallback`: a plain JavaScript function name.
pub(crate) fn function_name(value: &str) -> Result<String, Error> {
    let value = value.trim();
    let mut chars = value.chars();
    let starts_well = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$');
    if starts_well
        && value.len() <= 64
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
    {
        Ok(value.to_owned())
    } else {
        Err(Error::InvalidParameter {
            name: "successCallback",
            reason: "must be a plain function name (letters, digits, _ and $)".into(),
        })
    }
}

/// Checks `parent_host`: an origin such as `https://example.org`.
pub(crate) fn origin(value: &str) -> Result<String, Error> {
    let invalid = || Error::InvalidParameter {
        name: "parent_host",
        reason: "must be an origin such as https://example.org".into(),
    };
    let value = value.trim().trim_end_matches('/');
    let url = Url::parse(value).map_err(|_| invalid())?;
    let origin = url.origin().ascii_serialization();
    if !matches!(url.scheme(), "http" | "https") || origin != value {
        return Err(invalid());
    }
    Ok(origin)
}

/// `successCallbackParams`: any text, bounded and without control characters.
pub(crate) fn callback_params(value: &str) -> Result<String, Error> {
    if value.len() > MAX_CALLBACK_PARAMS || value.chars().any(char::is_control) {
        return Err(Error::InvalidParameter {
            name: "successCallbackParams",
            reason: format!("must be at most {MAX_CALLBACK_PARAMS} printable characters"),
        });
    }
    Ok(value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_pixels_or_percentages() {
        assert_eq!(
            size("width", Some("640")).unwrap().as_deref(),
            Some("640px")
        );
        assert_eq!(size("width", Some("50%")).unwrap().as_deref(), Some("50%"));
        assert_eq!(size("width", None).unwrap(), None);
        for bad in ["0", "101%", "1e3", "640;color:red", "\"><script>", "-1"] {
            assert!(size("width", Some(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn flags_accept_the_usual_spellings_only() {
        assert!(flag("autoplay", Some("true")).unwrap());
        assert!(flag("autoplay", Some("1")).unwrap());
        assert!(!flag("autoplay", None).unwrap());
        assert!(flag("autoplay", Some("javascript:")).is_err());
    }

    #[test]
    fn callbacks_stay_on_this_site_or_an_allowed_origin() {
        let allowed = vec!["https://cms.example.org".to_owned()];
        assert_eq!(
            callback(
                "/service/update_thumbnail_from_player?kaltura_id=2",
                &allowed
            )
            .unwrap(),
            Callback::SameOrigin("/service/update_thumbnail_from_player?kaltura_id=2".into())
        );
        assert!(matches!(
            callback("https://cms.example.org/thumb", &allowed).unwrap(),
            Callback::Allowed(_)
        ));
        for bad in [
            "//evil.example/x",
            "/\\evil.example",
            "javascript:alert(1)",
            "https://evil.example/x",
            "http://cms.example.org/x",
            "https://user@cms.example.org/x",
            "data:text/html,x",
            "/x\n",
        ] {
            assert!(callback(bad, &allowed).is_err(), "{bad:?}");
        }
    }

    // Issue 8 (hardening), item 10: the capture button posts with the page's
    // API key, so on this site it may reach only the thumbnail call.
    #[test]
    fn callbacks_on_this_site_are_limited_to_the_thumbnail_call() {
        let none: Vec<String> = Vec::new();
        for good in [
            "/service/update_thumbnail_from_player",
            "/service/update_thumbnail_from_player/",
            "/service/update_thumbnail_from_player?kaltura_id=3",
        ] {
            assert_eq!(
                callback(good, &none).unwrap(),
                Callback::SameOrigin(good.to_owned()),
                "{good}"
            );
        }
        assert_eq!(
            callback("/service/x/../update_thumbnail_from_player", &none).unwrap(),
            Callback::SameOrigin("/service/update_thumbnail_from_player".into())
        );
        for bad in [
            "/service/del_media",
            "/service/del_media?kaltura_id=1",
            "/service/remove_thumbnail",
            "/admin/instances/1/delete",
            "/service/update_thumbnail_from_player?kaltura_id=1&id=1:0_other",
            "/service/update_thumbnail_from_player?kaltura_id=x",
            "/service/update_thumbnail_from_player?api_key=k",
            "/service/update_thumbnail_from_player#x",
            "/service/update_thumbnail_from_player/../del_media",
            "/service/%75pdate_thumbnail_from_player",
            "/service/update_thumbnail_from_playerx",
        ] {
            let error = callback(bad, &none).unwrap_err();
            assert!(
                error.to_string().contains("update_thumbnail_from_player"),
                "{bad:?}: {error}"
            );
        }
    }

    #[test]
    fn success_callbacks_are_plain_names() {
        assert_eq!(function_name("onThumb_1").unwrap(), "onThumb_1");
        for bad in ["alert(1)", "a.b", "", "1abc", "x;y", "</script>"] {
            assert!(function_name(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn parent_hosts_are_origins() {
        assert_eq!(
            origin("https://example.org/").unwrap(),
            "https://example.org"
        );
        assert_eq!(
            origin("http://127.0.0.1:8080").unwrap(),
            "http://127.0.0.1:8080"
        );
        for bad in [
            "example.org",
            "https://example.org/path",
            "javascript:x",
            "*",
        ] {
            assert!(origin(bad).is_err(), "{bad:?}");
        }
    }
}
