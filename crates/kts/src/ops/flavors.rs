//! `add_kts_mobile_flavor` without HTTP: a rendition mobile players can play
//! is added to the instance's platform once, and remembered as the
//! instance's mobile flavor (kts-legacy-api.md, "Players").

use crate::error::Error;
use crate::ids::InstanceId;
use crate::instances::Instances;
use crate::ops::platform_of;
use crate::store::FieldValues;

/// What `add_kts_mobile_flavor` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum MobileFlavor {
    /// The instance already has one: nothing changed.
    AlreadyConfigured(i64),
    /// A new flavor was added to the account and its default profile.
    Added {
        /// The new flavor params id.
        flavor_id: i64,
        /// The default conversion profile it was appended to.
        profile_id: i64,
    },
}

/// `add_kts_mobile_flavor`: adds an H.264/AAC mp4 flavor ("kts_ipad") to the
/// platform's default conversion settings and stores its id as the
/// instance's mobile flavor.
#[tracing::instrument(
    name = "add_mobile_flavor",
    skip_all,
    fields(instance = %instance, platform = tracing::field::Empty)
)]
pub(crate) async fn add_mobile_flavor(
    instances: &Instances,
    instance: InstanceId,
) -> Result<MobileFlavor, Error> {
    let platform = platform_of(instances, instance).await?;
    if let Some(id) = platform.mobile_flavor() {
        return Ok(MobileFlavor::AlreadyConfigured(id));
    }
    let added = platform.add_mobile_flavor().await?;
    let stored = FieldValues::new().with("mobile_flavor_id", added.flavor_id);
    instances.update(instance, &stored).await?;
    Ok(MobileFlavor::Added {
        flavor_id: added.flavor_id,
        profile_id: added.profile_id,
    })
}
