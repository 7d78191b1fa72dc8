//! The mobile flavor on Kaltura: `flavorParams.add` of an H.264/AAC mp4
//! ("kts_ipad") and `conversionProfile.update` appending it to the default
//! profile, so that every new entry gets a rendition mobile players can play.

use kaltura::{ConversionProfile, FlavorParams};

use super::Kaltura;
use crate::error::Error;

/// What adding the mobile flavor created.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct AddedFlavor {
    /// The new flavor params id.
    pub(crate) flavor_id: i64,
    /// The default conversion profile it was appended to.
    pub(crate) profile_id: i64,
}

impl Kaltura {
    /// The instance's configured mobile flavor (`MOBILE_PLAYER_FLAVOR`).
    pub(crate) fn mobile_flavor(&self) -> Option<i64> {
        self.conn.facts.mobile_flavor_id
    }

    /// Adds the "kts_ipad" flavor and appends it to the default conversion
    /// profile. Storing it as the instance's flavor is the caller's part.
    pub(crate) async fn add_mobile_flavor(&self) -> Result<AddedFlavor, Error> {
        let client = &self.conn.client;
        let params = FlavorParams {
            name: Some("kts_ipad".into()),
            system_name: Some("kts_ipad".into()),
            description: Some("H.264/AAC mp4 for mobile players, added by KTS".into()),
            tags: Some("mobile,ipad,kts".into()),
            video_codec: Some("h264".into()),
            video_bitrate: Some(1200),
            audio_codec: Some("aac".into()),
            audio_bitrate: Some(128),
            width: Some(0),
            height: Some(720),
            format: Some("mp4".into()),
            ..Default::default()
        };
        let added = client
            .flavor_params()
            .add(&params)
            .await
            .map_err(|e| self.conn.failure(e))?;
        let flavor_id = added.id.ok_or_else(|| self.no_id("flavorParams.add"))?;
        let profile = client
            .conversion_profile()
            .get_default()
            .await
            .map_err(|e| self.conn.failure(e))?;
        let profile_id = profile
            .id
            .ok_or_else(|| self.no_id("conversionProfile.getDefault"))?;
        let update = ConversionProfile {
            flavor_params_ids: Some(with_flavor(profile.flavor_params_ids.as_deref(), flavor_id)),
            ..Default::default()
        };
        client
            .conversion_profile()
            .update(profile_id, &update)
            .await
            .map_err(|e| self.conn.failure(e))?;
        Ok(AddedFlavor {
            flavor_id,
            profile_id,
        })
    }
}

/// A profile's comma-separated flavor list with `flavor` appended.
fn with_flavor(list: Option<&str>, flavor: i64) -> String {
    let mut ids: Vec<String> = list
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    ids.push(flavor.to_string());
    ids.join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_new_flavor_goes_at_the_end_of_the_profiles_list() {
        assert_eq!(with_flavor(Some("0, 3,,5"), 9), "0,3,5,9");
        assert_eq!(with_flavor(None, 9), "9");
    }
}
