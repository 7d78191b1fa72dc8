//! What KTS does, free of HTTP: each module takes typed inputs (ids, parsed
//! parameters, spooled files), reaches the instance's platform through
//! [`Platform`](crate::platform::Platform), and returns `model` values that
//! each API surface shapes itself. No axum type and no platform client
//! appears here.
//!
//! Every operation runs in a span named after it, with `instance`,
//! `platform` and (when there is one) `entry` fields.

pub(crate) mod captions;
pub(crate) mod export;
pub(crate) mod flavors;
pub(crate) mod media;
pub(crate) mod players;
#[cfg(test)]
mod span_capture;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instances::ClientOptions;
    use crate::store::test_support;

    #[tokio::test]
    async fn an_unknown_instance_is_named_before_any_platform_is_reached() {
        let test = test_support::sqlite().await;
        let instances = Instances::new(test.store.clone(), ClientOptions::default());
        let id = InstanceId::new(42).unwrap();
        let error = platform_of(&instances, id).await.unwrap_err();
        assert!(matches!(error, Error::UnknownInstance(i) if i == id));
    }
}
