//! Status over time (telestream-cloud.md 4.6). A video is `success` once its source is stored, `fail` when
//! the source is not media. Each encoding is `processing` with `encoding_progress` growing evenly over the
//! encoding delay, then `success` (progress 100) or `fail`. Nothing ticks in the background: the status is
//! computed from the time since the encoding started, so a restarted simulator carries on where it was.

use crate::store::{Encoding, Failure};

/// What an encoding reports at one moment.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum EncodingStatus {
    Processing { progress: u8 },
    Success,
    Fail(Failure),
}

impl EncodingStatus {
    /// The wire `status`.
    pub(crate) fn name(&self) -> &'static str {
        match self {
            Self::Processing { .. } => "processing",
            Self::Success => "success",
            Self::Fail(_) => "fail",
        }
    }

    /// The wire `encoding_progress`, 0–100.
    pub(crate) fn progress(&self) -> u8 {
        match self {
            Self::Processing { progress } => *progress,
            Self::Success | Self::Fail(_) => 100,
        }
    }
}

/// The status of `encoding` at `now_ms`, when encodings take `delay_ms`.
pub(crate) fn encoding_status(encoding: &Encoding, now_ms: i64, delay_ms: u64) -> EncodingStatus {
    let elapsed = u64::try_from(now_ms.saturating_sub(encoding.started_at)).unwrap_or(0);
    if elapsed < delay_ms {
        // Never 100 while processing: a client that waits for 100 must also see the final status.
        let progress = (elapsed * 100 / delay_ms).min(99);
        return EncodingStatus::Processing {
            progress: u8::try_from(progress).unwrap_or(99),
        };
    }
    match &encoding.failure {
        None => EncodingStatus::Success,
        Some(failure) => EncodingStatus::Fail(failure.clone()),
    }
}

/// The failure of a video whose source is not media (`FormatNotRecognised`, 4.6).
pub(crate) fn unrecognised_source() -> Failure {
    Failure {
        class: "FormatNotRecognised".to_owned(),
        message: "the source file is not a video or audio file".to_owned(),
    }
}

/// The failure of every encoding of a failed video (`VideoStatusInvalid`, 4.6).
pub(crate) fn invalid_video() -> Failure {
    Failure {
        class: "VideoStatusInvalid".to_owned(),
        message: "the video failed, so it cannot be encoded".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoding(failure: Option<Failure>) -> Encoding {
        Encoding {
            id: "e".to_owned(),
            video_id: "v".to_owned(),
            factory_id: "f".to_owned(),
            profile_id: "p".to_owned(),
            profile_name: "h264".to_owned(),
            extname: ".mp4".to_owned(),
            failure,
            outputs: Vec::new(),
            screenshots: Vec::new(),
            started_at: 1_000,
            created_at: 1_000,
        }
    }

    #[test]
    fn an_encoding_processes_with_growing_progress_then_succeeds() {
        let e = encoding(None);
        assert_eq!(
            encoding_status(&e, 1_000, 1_000),
            EncodingStatus::Processing { progress: 0 }
        );
        assert_eq!(
            encoding_status(&e, 1_250, 1_000),
            EncodingStatus::Processing { progress: 25 }
        );
        assert_eq!(
            encoding_status(&e, 1_999, 1_000),
            EncodingStatus::Processing { progress: 99 }
        );
        assert_eq!(encoding_status(&e, 2_000, 1_000), EncodingStatus::Success);
        assert_eq!(encoding_status(&e, 2_000, 1_000).progress(), 100);
    }

    #[test]
    fn an_encoding_of_content_that_is_not_media_ends_in_fail() {
        let e = encoding(Some(invalid_video()));
        assert_eq!(encoding_status(&e, 1_500, 1_000).name(), "processing");
        let done = encoding_status(&e, 2_000, 1_000);
        assert_eq!(done.name(), "fail");
        assert_eq!(done, EncodingStatus::Fail(invalid_video()));
    }

    #[test]
    fn without_a_delay_an_encoding_is_done_at_once() {
        assert_eq!(
            encoding_status(&encoding(None), 1_000, 0),
            EncodingStatus::Success
        );
    }

    #[test]
    fn a_clock_that_went_back_reads_as_just_started() {
        assert_eq!(
            encoding_status(&encoding(None), 0, 1_000),
            EncodingStatus::Processing { progress: 0 }
        );
    }
}
