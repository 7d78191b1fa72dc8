//! Kaltura enumerations (kaltura-api-v3.md section 12), each with an `Unknown` variant.

use super::WireEnum;

/// Declares an enum with its wire values, an `Unknown(String)` variant, and `WireEnum`.
macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $value:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
            /// A value this crate does not know (e.g. from a newer server), kept verbatim.
            Unknown(String),
        }

        impl WireEnum for $name {
            fn from_wire(value: &str) -> Self {
                match value {
                    $($value => Self::$variant,)+
                    other => Self::Unknown(other.to_owned()),
                }
            }

            fn as_wire(&self) -> &str {
                match self {
                    $(Self::$variant => $value,)+
                    Self::Unknown(other) => other,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_wire())
            }
        }
    };
}

wire_enum! {
    /// `KalturaEntryStatus` (12.1).
    EntryStatus {
        /// `-2`: importing the source failed.
        ErrorImporting = "-2",
        /// `-1`: conversion failed.
        ErrorConverting = "-1",
        /// `0`: being imported from a URL.
        Import = "0",
        /// `1`: source received, being converted.
        Preconvert = "1",
        /// `2`: playable.
        Ready = "2",
        /// `3`: deleted.
        Deleted = "3",
        /// `4`: waiting.
        Pending = "4",
        /// `5`: waiting for moderation.
        Moderate = "5",
        /// `6`: blocked.
        Blocked = "6",
        /// `7`: created without content.
        NoContent = "7",
    }
}

wire_enum! {
    /// `KalturaEntryType` (12.2).
    EntryType {
        /// `-1`
        Automatic = "-1",
        /// `1`: an ordinary media entry.
        MediaClip = "1",
        /// `2`
        Mix = "2",
        /// `5`
        Playlist = "5",
        /// `6`
        Data = "6",
        /// `7`
        LiveStream = "7",
        /// `8`
        LiveChannel = "8",
        /// `10`
        Document = "10",
    }
}

wire_enum! {
    /// `KalturaMediaType` (12.2).
    MediaType {
        /// `1`
        Video = "1",
        /// `2`
        Image = "2",
        /// `5`
        Audio = "5",
        /// `201`
        LiveStreamFlash = "201",
    }
}

wire_enum! {
    /// `KalturaSourceType` (12.2), the ones KTS meets.
    SourceType {
        /// `1`: uploaded file.
        File = "1",
        /// `2`
        Webcam = "2",
        /// `5`: imported from a URL.
        Url = "5",
        /// `6`
        SearchProvider = "6",
    }
}

wire_enum! {
    /// `KalturaEntryModerationStatus` (12.2).
    ModerationStatus {
        /// `1`
        PendingModeration = "1",
        /// `2`
        Approved = "2",
        /// `3`
        Rejected = "3",
        /// `4`
        Deleted = "4",
        /// `5`
        FlaggedForReview = "5",
        /// `6`
        AutoApproved = "6",
    }
}

wire_enum! {
    /// `KalturaAssetStatus` and its thumbnail, caption and flavor variants (12.4).
    AssetStatus {
        /// `-1`
        Error = "-1",
        /// `0`
        Queued = "0",
        /// `1`: converting (flavors) or capturing (thumbnails).
        Converting = "1",
        /// `2`
        Ready = "2",
        /// `3`
        Deleted = "3",
        /// `4`
        NotApplicable = "4",
        /// `5`
        Temp = "5",
        /// `6`
        WaitForConvert = "6",
        /// `7`
        Importing = "7",
        /// `8`
        Validating = "8",
        /// `9`
        Exporting = "9",
    }
}

wire_enum! {
    /// `KalturaUploadTokenStatus` (12.4).
    UploadTokenStatus {
        /// `0`: nothing uploaded yet.
        Pending = "0",
        /// `1`: some bytes uploaded.
        PartialUpload = "1",
        /// `2`: complete.
        FullUpload = "2",
        /// `3`: consumed by an entry or asset.
        Closed = "3",
        /// `4`
        TimedOut = "4",
        /// `5`
        Deleted = "5",
    }
}

wire_enum! {
    /// `KalturaCaptionType` (12.5).
    CaptionType {
        /// `1`
        Srt = "1",
        /// `2`
        Dfxp = "2",
        /// `3`
        WebVtt = "3",
        /// `4`
        Cap = "4",
        /// `5`
        Scc = "5",
    }
}

wire_enum! {
    /// `KalturaConversionProfileType` (12.6).
    ConversionProfileType {
        /// `1`
        Media = "1",
        /// `2`
        LiveStream = "2",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values_map_both_ways_and_unknown_ones_survive() {
        assert_eq!(EntryStatus::from_wire("2"), EntryStatus::Ready);
        assert_eq!(EntryStatus::Ready.as_wire(), "2");
        let infected = EntryStatus::from_wire("virusScan.Infected");
        assert_eq!(infected, EntryStatus::Unknown("virusScan.Infected".into()));
        assert_eq!(infected.as_wire(), "virusScan.Infected");
        assert_eq!(MediaType::from_wire("5").to_string(), "5");
    }
}
