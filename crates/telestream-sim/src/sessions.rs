//! Upload sessions in progress (telestream-cloud.md 5.2, 5.3, 5.5): what was declared at creation, which
//! parts or how many leading bytes arrived, and the file they are written into. Kept in memory only: a
//! restarted simulator forgets unfinished sessions, as a client resuming after one would see them expire.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex, MutexGuard};

/// How a session receives its file, chosen once at creation by `multi_chunk`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Protocol {
    /// Numbered parts (`X-Part`) in any order (5.3): `multi_chunk` was requested.
    MultiChunk,
    /// One stream of `Content-Range` chunks from the start of the file, resumable at the held offset
    /// (5.5): the older SDKs, which do not send `multi_chunk`.
    SingleStream,
}

/// One session: a file of `file_size` bytes, in `parts` parts of `part_size` (the last one shorter) for
/// the multi-chunk protocol, or as the `held` bytes from its start for the single-stream one.
#[derive(Debug)]
pub(crate) struct Session {
    pub(crate) protocol: Protocol,
    pub(crate) factory_id: String,
    pub(crate) file_name: String,
    pub(crate) file_size: u64,
    pub(crate) part_size: u64,
    pub(crate) profiles: Option<String>,
    pub(crate) payload: Option<String>,
    pub(crate) received: BTreeSet<u64>,
    /// Single-stream sessions: how many bytes from the start of the file have arrived.
    pub(crate) held: u64,
    /// The file the parts are written into, at their offsets; taken when the upload completes.
    pub(crate) file: Option<tempfile::NamedTempFile>,
    /// The video the completed upload became.
    pub(crate) video_id: Option<String>,
}

impl Session {
    /// How many parts the file has (at least one, so that an empty file is one empty part).
    pub(crate) fn parts(&self) -> u64 {
        self.file_size.div_ceil(self.part_size).max(1)
    }

    /// The length part `index` must have.
    pub(crate) fn part_len(&self, index: u64) -> u64 {
        let start = index * self.part_size;
        self.file_size.saturating_sub(start).min(self.part_size)
    }

    /// The parts still missing, in order.
    pub(crate) fn missing(&self) -> Vec<u64> {
        if self.video_id.is_some() {
            return Vec::new();
        }
        (0..self.parts())
            .filter(|i| !self.received.contains(i))
            .collect()
    }

    /// Whether every byte of the file has arrived, by the session's protocol.
    pub(crate) fn all_arrived(&self) -> bool {
        match self.protocol {
            Protocol::MultiChunk => self.missing().is_empty(),
            Protocol::SingleStream => self.held == self.file_size,
        }
    }

    /// The `Range` a single-stream session reports: the inclusive span of bytes it holds, or none while it
    /// holds nothing (5.5: "No `Range` header means nothing stored").
    pub(crate) fn held_range(&self) -> Option<String> {
        (self.held > 0).then(|| format!("0-{}", self.held - 1))
    }
}

/// The sessions by id; cloning shares them.
#[derive(Debug, Clone, Default)]
pub(crate) struct Sessions(Arc<Mutex<HashMap<String, Session>>>);

impl Sessions {
    pub(crate) fn lock(&self) -> MutexGuard<'_, HashMap<String, Session>> {
        // A panic while holding the lock leaves plain data behind: keep serving it.
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(file_size: u64, part_size: u64) -> Session {
        Session {
            protocol: Protocol::MultiChunk,
            factory_id: "f".to_owned(),
            file_name: "movie.mp4".to_owned(),
            file_size,
            part_size,
            profiles: None,
            payload: None,
            received: BTreeSet::new(),
            held: 0,
            file: None,
            video_id: None,
        }
    }

    #[test]
    fn parts_split_the_file_with_a_shorter_last_one() {
        let s = session(2500, 1000);
        assert_eq!(s.parts(), 3);
        assert_eq!((s.part_len(0), s.part_len(2)), (1000, 500));
        assert_eq!(session(0, 1000).parts(), 1);
    }

    #[test]
    fn missing_parts_shrink_as_parts_arrive_and_vanish_once_complete() {
        let mut s = session(2500, 1000);
        s.received.insert(1);
        assert_eq!(s.missing(), vec![0, 2]);
        s.video_id = Some("v".to_owned());
        assert_eq!(s.missing(), Vec::<u64>::new());
    }

    #[test]
    fn a_single_stream_session_reports_the_bytes_it_holds_as_an_inclusive_range() {
        let mut s = session(2500, 1000);
        s.protocol = Protocol::SingleStream;
        assert_eq!(s.held_range(), None);
        s.held = 1000;
        assert_eq!(s.held_range().as_deref(), Some("0-999"));
        assert!(!s.all_arrived());
        s.held = 2500;
        assert!(s.all_arrived());
    }
}
