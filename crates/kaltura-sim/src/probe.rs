//! Media facts (width, height, duration) of a stored file. This minimal version knows nothing yet and
//! returns empty facts; entries then become READY without dimensions.

use std::path::Path;

/// What probing a media file found; `None` where unknown.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct MediaFacts {
    pub(crate) width: Option<i64>,
    pub(crate) height: Option<i64>,
    pub(crate) duration_ms: Option<i64>,
}

/// Reads the facts of the file at `path` (headers only). Called from a blocking task.
pub(crate) fn probe(_path: &Path) -> MediaFacts {
    MediaFacts::default()
}
