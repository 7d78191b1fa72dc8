//! What a failed creation leaves to remove, in terms any platform can act
//! on: an entry, a caption or thumbnail asset, an upload, each found by its
//! id when known and otherwise by the marker KTS gave it (`ops::undo` holds
//! the guard and the retry queue; each adapter performs a step).
//!
//! Steps are stored as JSON in the store's `undo_jobs` and read back by any
//! later KTS, so their encoding is fixed: change it only with a migration.

use serde::{Deserialize, Serialize};

/// One thing to remove. An id, when known, is used; otherwise the marker
/// finds the object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "undo", rename_all = "snake_case")]
pub enum UndoStep {
    /// Delete the entry whose reference id is `reference_id`.
    Entry {
        /// The marker set as the entry's reference id.
        reference_id: String,
        /// The entry's id, once known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        entry_id: Option<String>,
    },
    /// Delete the caption asset of `entry_id` tagged `tag`.
    Caption {
        /// The entry the asset belongs to.
        entry_id: String,
        /// The marker set in the asset's `tags`.
        tag: String,
        /// The asset's id, once known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        asset_id: Option<String>,
    },
    /// Delete the thumbnail asset of `entry_id` tagged `tag`.
    Thumbnail {
        /// The entry the asset belongs to.
        entry_id: String,
        /// The marker set in the asset's `tags`.
        tag: String,
        /// The asset's id, once known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        asset_id: Option<String>,
    },
    /// Delete the unfinished upload named `file_name`.
    UploadToken {
        /// The upload's file name, which holds the marker.
        file_name: String,
    },
}

impl UndoStep {
    /// The stored form of `steps`.
    pub fn encode(steps: &[UndoStep]) -> String {
        serde_json::to_string(steps).expect("undo steps are plain strings")
    }

    /// Steps read back from their stored form.
    pub fn decode(text: &str) -> Result<Vec<UndoStep>, serde_json::Error> {
        serde_json::from_str(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_steps_survive_the_store_and_learn_ids() {
        let steps = vec![
            UndoStep::UploadToken {
                file_name: "kts1-a.mp4".into(),
            },
            UndoStep::Entry {
                reference_id: "kts1".into(),
                entry_id: None,
            },
        ];
        let text = UndoStep::encode(&steps);
        assert_eq!(
            text,
            r#"[{"undo":"upload_token","file_name":"kts1-a.mp4"},{"undo":"entry","reference_id":"kts1"}]"#
        );
        let back = UndoStep::decode(&text).unwrap();
        assert_eq!(back, steps);
    }
}
