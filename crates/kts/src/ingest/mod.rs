//! Getting media into KTS before it goes to the platform: `spool` streams a
//! request body to a guarded temporary file under `UPLOAD_FOLDER`; `local`
//! resolves `fromlocal` paths inside the one directory allowed for them.

pub mod head;
pub mod local;
pub mod spool;
