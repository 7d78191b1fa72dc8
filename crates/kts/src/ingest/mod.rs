//! Getting media into KTS before it goes to the platform: `spool` streams a
//! request body to a guarded temporary file under `UPLOAD_FOLDER`; `local`
//! resolves `fromlocal` paths inside the one directory allowed for them.

pub(crate) mod head;
pub(crate) mod local;
pub mod spool;
