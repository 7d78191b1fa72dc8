//! Identifiers parsed once at the edge, then trusted: which Kaltura account
//! (`InstanceId`), which of its entries (`EntryId`) and which thumbnail or
//! caption asset (`AssetId`) a call is about.

use std::fmt;
use std::str::FromStr;

/// The small integer that names one configured Kaltura account ("instance").
///
/// The legacy API calls it `kaltura_id`; when a call names none, instance 1 is
/// meant (kts-legacy-api.md, "id parsing").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct InstanceId(u32);

impl InstanceId {
    /// The instance a call means when it names none.
    pub const DEFAULT: InstanceId = InstanceId(1);

    /// Largest accepted id: instance ids are small integers typed by people.
    pub const MAX: u32 = 1_000_000;

    /// Wraps a number, refusing 0 and anything above [`InstanceId::MAX`].
    pub const fn new(value: u32) -> Result<Self, IdError> {
        if value == 0 || value > Self::MAX {
            return Err(IdError::InstanceOutOfRange);
        }
        Ok(InstanceId(value))
    }

    /// The number itself.
    pub fn get(self) -> u32 {
        self.0
    }
}

impl FromStr for InstanceId {
    type Err = IdError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        if text.is_empty() || text.len() > 7 || !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(IdError::InstanceNotANumber);
        }
        let value: u32 = text.parse().map_err(|_| IdError::InstanceNotANumber)?;
        InstanceId::new(value)
    }
}

impl fmt::Display for InstanceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A Kaltura entry id such as `0_abc123xy`.
///
/// Kaltura ids are short ASCII words; anything else (spaces, quotes, slashes,
/// colons) is refused here so it can never reach a URL, a log line or a page.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EntryId(String);

impl EntryId {
    /// Longest accepted entry id.
    pub const MAX_LEN: usize = 64;

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for EntryId {
    type Err = IdError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        if text.is_empty() {
            return Err(IdError::EntryEmpty);
        }
        if text.len() > Self::MAX_LEN {
            return Err(IdError::EntryTooLong);
        }
        if !text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        {
            return Err(IdError::EntryBadCharacter);
        }
        Ok(EntryId(text.to_owned()))
    }
}

impl fmt::Display for EntryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A Kaltura asset id (thumbnail or caption) such as `0_v6riwr89`.
///
/// Same character rules as [`EntryId`]: the id ends up in URLs and messages.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AssetId(String);

impl AssetId {
    /// Longest accepted asset id.
    pub const MAX_LEN: usize = 64;

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for AssetId {
    type Err = IdError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        if text.is_empty() {
            return Err(IdError::AssetEmpty);
        }
        if text.len() > Self::MAX_LEN {
            return Err(IdError::AssetTooLong);
        }
        if !text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        {
            return Err(IdError::AssetBadCharacter);
        }
        Ok(AssetId(text.to_owned()))
    }
}

impl fmt::Display for AssetId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why a text is not an id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// The instance id holds something else than digits.
    #[error("an instance id is a positive whole number")]
    InstanceNotANumber,
    /// The instance id is 0 or too large.
    #[error("an instance id is between 1 and {}", InstanceId::MAX)]
    InstanceOutOfRange,
    /// The entry id is empty.
    #[error("the entry id is empty")]
    EntryEmpty,
    /// The entry id is longer than [`EntryId::MAX_LEN`].
    #[error("an entry id has at most {} characters", EntryId::MAX_LEN)]
    EntryTooLong,
    /// The entry id holds a character Kaltura ids never hold.
    #[error("an entry id holds only letters, digits, '_' and '-'")]
    EntryBadCharacter,
    /// The asset id is empty.
    #[error("the asset id is empty")]
    AssetEmpty,
    /// The asset id is longer than [`AssetId::MAX_LEN`].
    #[error("an asset id has at most {} characters", AssetId::MAX_LEN)]
    AssetTooLong,
    /// The asset id holds a character Kaltura ids never hold.
    #[error("an asset id holds only letters, digits, '_' and '-'")]
    AssetBadCharacter,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instance_ids_are_small_positive_numbers() {
        assert_eq!("3".parse::<InstanceId>().unwrap().get(), 3);
        assert_eq!(" 12 ".parse::<InstanceId>().unwrap().get(), 12);
        assert_eq!("0".parse::<InstanceId>(), Err(IdError::InstanceOutOfRange));
        assert_eq!("-1".parse::<InstanceId>(), Err(IdError::InstanceNotANumber));
        assert_eq!(
            "abc".parse::<InstanceId>(),
            Err(IdError::InstanceNotANumber)
        );
        assert_eq!("".parse::<InstanceId>(), Err(IdError::InstanceNotANumber));
        assert_eq!(
            "99999999999".parse::<InstanceId>(),
            Err(IdError::InstanceNotANumber)
        );
        assert_eq!(
            "2000000".parse::<InstanceId>(),
            Err(IdError::InstanceOutOfRange)
        );
    }

    #[test]
    fn entry_ids_refuse_characters_kaltura_never_uses() {
        assert_eq!("0_abc-1".parse::<EntryId>().unwrap().as_str(), "0_abc-1");
        assert_eq!("".parse::<EntryId>(), Err(IdError::EntryEmpty));
        assert_eq!("a b".parse::<EntryId>(), Err(IdError::EntryBadCharacter));
        assert_eq!("a:b".parse::<EntryId>(), Err(IdError::EntryBadCharacter));
        assert_eq!("<x>".parse::<EntryId>(), Err(IdError::EntryBadCharacter));
        assert_eq!(
            "a".repeat(65).parse::<EntryId>(),
            Err(IdError::EntryTooLong)
        );
    }

    #[test]
    fn asset_ids_follow_the_entry_id_rules_with_their_own_messages() {
        assert_eq!(
            "0_v6riwr89".parse::<AssetId>().unwrap().as_str(),
            "0_v6riwr89"
        );
        assert_eq!("".parse::<AssetId>(), Err(IdError::AssetEmpty));
        assert_eq!("a/b".parse::<AssetId>(), Err(IdError::AssetBadCharacter));
        assert_eq!(
            "a".repeat(65).parse::<AssetId>(),
            Err(IdError::AssetTooLong)
        );
        assert_eq!(IdError::AssetEmpty.to_string(), "the asset id is empty");
    }
}
