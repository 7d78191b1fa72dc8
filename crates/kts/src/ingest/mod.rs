//! Getting media into KTS on its way to the platform: `stream` passes a
//! request body on to a platform upload while it arrives; `spool` streams a
//! body to a guarded temporary file under `UPLOAD_FOLDER` where the whole
//! file is needed first; `local` resolves `fromlocal` paths inside the one
//! directory allowed for them.

pub(crate) mod head;
pub(crate) mod local;
pub mod spool;
pub mod stream;
