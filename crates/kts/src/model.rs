//! KTS's own nouns, shared by every platform and every API surface: what an
//! operation in `ops` takes and returns. No platform's wire types and no
//! HTTP types here; `http/legacy` shapes these into the legacy JSON and the
//! platform adapters build them from what a platform answers.

use std::fmt;
use std::str::FromStr;

/// Which video platform an instance is an account of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlatformKind {
    /// Kaltura (api_v3).
    Kaltura,
}

impl PlatformKind {
    /// The stored and displayed name: `kaltura`.
    pub fn as_str(self) -> &'static str {
        match self {
            PlatformKind::Kaltura => "kaltura",
        }
    }
}

impl fmt::Display for PlatformKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for PlatformKind {
    type Err = UnknownPlatform;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim().to_ascii_lowercase().as_str() {
            "kaltura" => Ok(PlatformKind::Kaltura),
            _ => Err(UnknownPlatform(text.chars().take(32).collect())),
        }
    }
}

/// A platform name KTS does not serve.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown platform {0:?} (KTS serves: kaltura)")]
pub struct UnknownPlatform(String);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platform_names_read_back_whatever_their_case() {
        assert_eq!("Kaltura".parse(), Ok(PlatformKind::Kaltura));
        assert_eq!(PlatformKind::Kaltura.to_string(), "kaltura");
        assert!("youtube".parse::<PlatformKind>().is_err());
    }
}
