//! Entry points for the fuzz targets of `fuzz/` (built only with the `fuzzing` feature).
//!
//! The simulator's parsers of outside input are private: request reading (`wire::request`,
//! `wire::params`, `wire::multirequest`), KS verification (`ks`) and media probing (the `media-probe`
//! crate, as the simulator calls it). Each
//! function here runs one of them the way the server does on a request, and returns a summary
//! only so that the work cannot be optimised away; nothing else of the crate becomes public.

use std::io::Cursor;
use std::path::Path;
use std::time::Duration;

use axum::body::Body;
use axum::http::Request;

use crate::Partner;
use crate::wire::out::{Object, Out};
use crate::wire::params::{self, Map, Value};
use crate::wire::{multirequest, request};

/// Reads `request` as the api_v3 route does (URL, query, form, JSON or multipart body, files
/// spooled under `tmp_dir`), then casts every leaf as actions do, splits a multirequest and
/// substitutes its back-references against a fixed earlier result. Returns the number of calls,
/// or the reason the request was refused.
pub async fn read_request(request: Request<Body>, tmp_dir: &Path) -> Result<usize, String> {
    // The server's own limits, with a small file limit so that the fuzzer does not fill a disk.
    let limits = request::Limits {
        max_body_bytes: 16 << 20,
        max_file_bytes: 1 << 20,
        max_params: 10_000,
        idle_timeout: Duration::from_secs(5),
    };
    let (params, files) = request::read(request, &limits, tmp_dir)
        .await
        .map_err(|e| e.to_string())?;
    cast_leaves(&params);
    let earlier = Out::Object(
        Object::new("KalturaMediaEntry")
            .with("id", "0_fuzz")
            .with("duration", 12i64)
            .with("tags", Out::List(vec![Out::from("a"), Out::Float(1.5)])),
    );
    let results = [Ok(earlier)];
    let mut calls = multirequest::split(params, files);
    for call in &mut calls {
        multirequest::substitute(&mut call.params, &results);
    }
    Ok(calls.len())
}

/// Applies the casts actions use on parameters (`int`, `float`, `bool`, `time`, XML
/// characters) to every string of the tree.
fn cast_leaves(map: &Map) {
    for (key, value) in map {
        match value {
            Value::Str(s) => {
                let _ = params::to_int(s);
                let _ = params::to_float(s);
                let _ = params::to_bool(s);
                let _ = params::to_time(s, 1_800_000_000);
                let _ = params::check_xml_chars(key, s);
                let _ = params::field(map, key);
            }
            Value::Map(inner) => cast_leaves(inner),
        }
    }
}

/// Verifies `ks` against `partner` at time `now`, as every call carrying a KS does; returns
/// whether it was accepted, and then whether it is an admin session.
pub fn verify_ks(ks: &str, partner: &Partner, now: i64) -> Option<bool> {
    let session = crate::ks::verify(ks, std::slice::from_ref(partner), now).ok()?;
    let _ = session.privilege("actionslimit");
    let _ = session.has_privilege("sview", "0_fuzz");
    Some(session.is_admin())
}

/// Probes `content` as an uploaded file, as the simulator does when it reads an upload's kind,
/// size and duration; returns the facts as text.
pub fn probe(content: &[u8]) -> String {
    format!("{:?}", media_probe::probe(&mut Cursor::new(content)))
}
