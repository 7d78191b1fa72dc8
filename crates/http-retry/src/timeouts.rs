//! [`Timeouts`]: the limits each attempt of a call gets, with the defaults both clients document.

use std::time::Duration;

use crate::InvalidSetting;

/// How long an attempt may take. Each retry gets its own; none of them may be zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// Time allowed to open a connection. Default 10 s.
    pub connect: Duration,
    /// Time allowed for one whole request, answer included. Default 60 s.
    pub request: Duration,
    /// Time allowed for one request that carries a file or an upload part, answer included. Default 5 min:
    /// a client's chunk or part size should fit in it on the slowest expected link.
    pub upload: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Self {
            connect: Duration::from_secs(10),
            request: Duration::from_secs(60),
            upload: Duration::from_secs(300),
        }
    }
}

impl Timeouts {
    /// The limit of a request that does or does not carry a file.
    pub fn for_request(&self, carries_file: bool) -> Duration {
        if carries_file {
            self.upload
        } else {
            self.request
        }
    }

    /// Refuses a zero timeout (it would fail every call at once), naming the builder setting `timeouts`.
    pub fn check(&self) -> Result<(), InvalidSetting> {
        if [self.connect, self.request, self.upload]
            .iter()
            .any(Duration::is_zero)
        {
            return Err(InvalidSetting {
                setting: "timeouts",
                reason: "must not be zero",
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zero_timeout_is_refused_whichever_it_is() {
        let zeroed = [
            Timeouts {
                connect: Duration::ZERO,
                ..Timeouts::default()
            },
            Timeouts {
                request: Duration::ZERO,
                ..Timeouts::default()
            },
            Timeouts {
                upload: Duration::ZERO,
                ..Timeouts::default()
            },
        ];
        for timeouts in zeroed {
            assert_eq!(timeouts.check().map_err(|e| e.setting), Err("timeouts"));
        }
        assert_eq!(Timeouts::default().check(), Ok(()));
    }

    #[test]
    fn a_request_carrying_a_file_gets_the_upload_limit() {
        let timeouts = Timeouts::default();
        assert_eq!(timeouts.for_request(true), Duration::from_secs(300));
        assert_eq!(timeouts.for_request(false), Duration::from_secs(60));
    }
}
