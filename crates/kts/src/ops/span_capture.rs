//! The spans opened while a test runs, to check what operations declare
//! (each operation in a span naming its instance, platform and entry).

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
