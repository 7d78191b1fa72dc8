//! Content sources for `media.addContent` and the assets' `setContent` (kaltura-api-v3.md 11).

use serde::Serialize;

/// Where content comes from. Always sent with its concrete `objectType`, since the declared parameter
/// types are abstract on the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "objectType")]
#[non_exhaustive]
pub enum Resource {
    /// A file uploaded through an upload token.
    #[serde(rename = "KalturaUploadedFileTokenResource")]
    UploadedFileToken {
        /// The upload token id.
        token: String,
    },
    /// A URL the server downloads.
    #[serde(rename = "KalturaUrlResource")]
    Url {
        /// http, https or ftp URL.
        url: String,
    },
    /// Inline text content (captions).
    #[serde(rename = "KalturaStringResource")]
    String {
        /// The content.
        content: String,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resources_carry_their_object_type() {
        let value = serde_json::to_value(Resource::Url {
            url: "http://x/a.jpg".into(),
        })
        .unwrap();
        assert_eq!(
            value,
            serde_json::json!({"objectType": "KalturaUrlResource", "url": "http://x/a.jpg"})
        );
    }
}
