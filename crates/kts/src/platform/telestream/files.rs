//! Which of a video's files a viewer gets, and their URLs: every file lives
//! under the factory's storage URL (telestream-cloud.md 4.3, "Output
//! naming"): the source at `path + extname`, an encoding's outputs as listed
//! in its `files`, its screenshots at `path_N.jpg`.

use telestream::{Encoding, Status, Video};

/// The preset of profiles that make still images instead of a video.
pub(super) const THUMBNAIL_PRESET: &str = "thumbnail";
/// Name prefix of the thumbnail profiles KTS creates for frames at an offset.
pub(super) const FRAME_PROFILE_PREFIX: &str = "kts-frame-";

/// `base` (ending in `/`) joined with `name`, unless `name` is a full URL
/// already (the `screenshots` list may hold either: reference 4.3 leaves it
/// open).
pub(super) fn file_url(base: &str, name: &str) -> String {
    if name.starts_with("http://") || name.starts_with("https://") {
        name.to_owned()
    } else {
        format!("{base}{}", name.trim_start_matches('/'))
    }
}

/// Whether `encoding` makes still images (a thumbnail profile's job).
pub(super) fn is_image_encoding(encoding: &Encoding) -> bool {
    let by_name = encoding
        .profile_name
        .as_deref()
        .is_some_and(|n| n == THUMBNAIL_PRESET || n.starts_with(FRAME_PROFILE_PREFIX));
    let by_type = encoding
        .mime_type
        .as_deref()
        .is_some_and(|m| m.starts_with("image/"));
    let by_extension = encoding
        .extname
        .as_deref()
        .is_some_and(|e| matches!(e, ".jpg" | ".jpeg" | ".png"));
    by_name || by_type || by_extension
}

/// The encoding a player should play: a successful video encoding, mp4
/// first (every browser plays it), then any other.
pub(super) fn playable(encodings: &[Encoding]) -> Option<&Encoding> {
    let done = || {
        encodings
            .iter()
            .filter(|e| e.status == Some(Status::Success) && !is_image_encoding(e))
    };
    done()
        .find(|e| e.extname.as_deref() == Some(".mp4"))
        .or_else(|| done().next())
}

/// The URL of `encoding`'s main output file.
pub(super) fn output_url(base: &str, encoding: &Encoding) -> Option<String> {
    if let Some(first) = encoding.files.as_ref().and_then(|f| f.first()) {
        return Some(file_url(base, first));
    }
    let path = encoding.path.as_deref()?;
    Some(file_url(
        base,
        &format!("{path}{}", encoding.extname.as_deref().unwrap_or_default()),
    ))
}

/// The URL of the video's source file.
pub(super) fn source_url(base: &str, video: &Video) -> Option<String> {
    let path = video.path.as_deref()?;
    Some(file_url(
        base,
        &format!("{path}{}", video.extname.as_deref().unwrap_or_default()),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoding(json: serde_json::Value) -> Encoding {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn file_names_join_the_factory_url_and_full_urls_stay_as_they_are() {
        let base = "http://127.0.0.1:9/files/f/";
        assert_eq!(
            file_url(base, "a_1.jpg"),
            "http://127.0.0.1:9/files/f/a_1.jpg"
        );
        assert_eq!(file_url(base, "https://cdn/x.jpg"), "https://cdn/x.jpg");
    }

    #[test]
    fn the_playable_encoding_is_a_finished_mp4_before_any_other_video() {
        let webm = encoding(serde_json::json!({
            "id": "w", "status": "success", "extname": ".webm", "files": ["w.webm"]
        }));
        let running = encoding(serde_json::json!({
            "id": "r", "status": "processing", "extname": ".mp4"
        }));
        let mp4 = encoding(serde_json::json!({
            "id": "m", "status": "success", "extname": ".mp4", "files": ["m.mp4"]
        }));
        let frames = encoding(serde_json::json!({
            "id": "t", "status": "success", "profile_name": "kts-frame-2000ms",
            "extname": ".jpg", "files": ["t_1.jpg"]
        }));
        let all = [frames.clone(), webm.clone(), running.clone(), mp4.clone()];
        assert_eq!(playable(&all).and_then(|e| e.id.as_deref()), Some("m"));
        assert_eq!(
            playable(&[frames, webm, running]).and_then(|e| e.id.as_deref()),
            Some("w")
        );
        assert_eq!(
            output_url("http://h/", &mp4).as_deref(),
            Some("http://h/m.mp4")
        );
    }
}
