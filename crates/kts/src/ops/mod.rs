//! What KTS does, free of HTTP: each module takes typed inputs (ids, parsed
//! parameters, spooled files), reaches the instance's platform through
//! [`Platform`](crate::platform::Platform), and returns `model` values that
//! each API surface shapes itself. No axum type and no platform client
//! appears here.
//!
//! Every operation runs in a span named after it, with `instance`,
//! `platform` and (when there is one) `entry` fields.

pub(crate) mod assets;
pub(crate) mod captions;
pub(crate) mod export;
pub(crate) mod flavors;
pub(crate) mod media;
pub(crate) mod players;
pub(crate) mod thumbnails;
pub mod undo;
pub(crate) mod upload;

use crate::error::Error;
use crate::ids::InstanceId;
use crate::instances::Instances;
use crate::platform::Platform;

/// Instance `instance`'s platform, with its name recorded in the current
/// operation's `platform` span field.
pub(crate) async fn platform_of(
    instances: &Instances,
    instance: InstanceId,
) -> Result<Platform, Error> {
    let platform = instances.platform(instance).await?;
    tracing::Span::current().record("platform", platform.kind().as_str());
    Ok(platform)
}
