//! Multipart bodies of the legacy calls (`kts::http::legacy::extract::LegacyParams` as an extractor):
//! the input is the body of a POST with a fixed boundary (`kts-fuzz`); file parts are spooled
//! to a temporary folder under the upload limit, then the id rules run on what was read.
#![no_main]

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use axum::body::Body;
use axum::extract::FromRequest;
use axum::http::{Request, header};
use kts::config::UploadSettings;
use kts::http::legacy::extract::{LegacyParams, LegacyTarget};
use libfuzzer_sys::fuzz_target;

fn uploads() -> Arc<UploadSettings> {
    static UPLOADS: OnceLock<Arc<UploadSettings>> = OnceLock::new();
    UPLOADS
        .get_or_init(|| {
            Arc::new(UploadSettings {
                folder: kts_fuzz::spool_dir().to_path_buf(),
                max_file_bytes: 1 << 20,
                body_idle_timeout: Duration::from_secs(5),
                fromlocal_dir: None,
            })
        })
        .clone()
}

fuzz_target!(|data: &[u8]| {
    let request = Request::post("/service/add_media/?kaltura_id=1")
        .header(
            header::CONTENT_TYPE,
            "multipart/form-data; boundary=kts-fuzz",
        )
        .body(Body::from(data.to_vec()))
        .expect("a request with fixed parts builds");
    let state = uploads();
    kts_fuzz::runtime().block_on(async {
        if let Ok(params) = LegacyParams::from_request(request, &state).await {
            let _ = LegacyTarget::from_params(&params);
            let _ = params.file("file").map(|f| f.file.len());
        }
    });
});
