//! Request reading of the simulator (`kaltura_sim` `wire::request`, `wire::params`,
//! `wire::multirequest`): the first line is the request target (path and query), the second the
//! content type, the rest the body.
#![no_main]

use axum::body::Body;
use axum::http::{Request, header};
use libfuzzer_sys::fuzz_target;

fn line(data: &[u8]) -> (&[u8], &[u8]) {
    match data.iter().position(|b| *b == b'\n') {
        Some(end) => (&data[..end], &data[end + 1..]),
        None => (data, &[]),
    }
}

fuzz_target!(|data: &[u8]| {
    let (target, rest) = line(data);
    let (content_type, body) = line(rest);
    let target = String::from_utf8_lossy(target);
    let uri = if target.starts_with('/') {
        target.into_owned()
    } else {
        format!("/api_v3/{target}")
    };
    let mut builder = Request::post(uri.as_str());
    if let Ok(content_type) = std::str::from_utf8(content_type) {
        builder = builder.header(header::CONTENT_TYPE, content_type);
    }
    // URIs and header values the HTTP layer would refuse never reach the simulator.
    let Ok(request) = builder.body(Body::from(body.to_vec())) else {
        return;
    };
    kts_fuzz::runtime().block_on(async {
        let _ = kaltura_sim::fuzzing::read_request(request, kts_fuzz::spool_dir()).await;
    });
});
