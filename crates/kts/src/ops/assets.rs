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

/// The spans opened while a test runs, to check what operations declare.
#[cfg(test)]
pub(crate) mod span_capture {
    use std::sync::{Arc, Mutex};

    use tracing::span::{Attributes, Id};
    use tracing_subscriber::layer::{Context, Layer, SubscriberExt};

    /// A span's name and the names of the fields it declares.
    pub(crate) type Opened = (String, Vec<String>);

    #[derive(Clone, Default)]
    struct Capture(Arc<Mutex<Vec<Opened>>>);

    impl<S: tracing::Subscriber> Layer<S> for Capture {
        fn on_new_span(&self, attrs: &Attributes<'_>, _id: &Id, _ctx: Context<'_, S>) {
            let fields = attrs
                .metadata()
                .fields()
                .iter()
                .map(|f| f.name().to_owned());
            let opened = (attrs.metadata().name().to_owned(), fields.collect());
            self.0.lock().unwrap().push(opened);
        }
    }

    /// Runs `operation` on this thread with a subscriber that records every
    /// span opened; returns them.
    pub(crate) async fn spans_of(operation: impl std::future::Future) -> Vec<Opened> {
        let capture = Capture::default();
        let subscriber = tracing_subscriber::registry().with(capture.clone());
        let _default = tracing::subscriber::set_default(subscriber);
        operation.await;
        capture.0.lock().unwrap().clone()
    }
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
