//! Getting media into KTS before it goes to the platform: `spool` streams a
//! request body to a guarded temporary file under `UPLOAD_FOLDER`.

pub mod spool;
