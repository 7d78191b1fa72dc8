//! What the thumbnail and caption operations share: reaching the instance's
//! platform from inside the operation's span, so that every line logged
//! below it says which platform served the operation.
//!
//! Used by [`super::thumbnails`] and [`super::captions`]; half-created assets
//! are removed by [`super::undo`].

use crate::error::Error;
use crate::ids::InstanceId;
use crate::instances::Instances;
use crate::platform::Platform;

/// Instance `instance`'s platform, recorded as the `platform` field of the
/// current span (the operation's, which declares the field empty).
pub(crate) async fn platform(
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
        let error = platform(&instances, id).await.unwrap_err();
        assert!(matches!(error, Error::UnknownInstance(i) if i == id));
    }
}
