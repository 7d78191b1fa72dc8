//! `Request<T>`: one typed call, awaited directly or queued in a multirequest.

use std::future::{Future, IntoFuture};
use std::pin::Pin;

use crate::client::{CallSpec, Client, FilePart, SessionChoice};
use crate::error::{Error, Result};
use crate::ks::Ks;
use crate::retry::Safety;
use crate::wire::params::Params;
use crate::wire::response::Decoder;

/// A prepared call returning `T`. `.await` sends it; [`crate::Multirequest::push`] batches it.
///
/// By default it carries the client's admin session; [`Request::with_ks`] acts as another session.
#[must_use = "a request does nothing until awaited or pushed into a multirequest"]
pub struct Request<T> {
    client: Client,
    pub(crate) spec: CallSpec,
    pub(crate) decode: Decoder<T>,
}

impl<T> std::fmt::Debug for Request<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Request")
            .field("service", &self.spec.service)
            .field("action", &self.spec.action)
            .finish_non_exhaustive()
    }
}

impl<T> Request<T> {
    pub(crate) fn new(
        client: &Client,
        service: &'static str,
        action: &'static str,
        params: Params,
        safety: Safety,
        decode: Decoder<T>,
    ) -> Self {
        Self {
            client: client.clone(),
            spec: CallSpec {
                service,
                action,
                params: params.into_map(),
                file: None,
                session: SessionChoice::Admin,
                safety,
                retries: true,
            },
            decode,
        }
    }

    pub(crate) fn with_file(mut self, file_name: String, bytes: bytes::Bytes) -> Self {
        self.spec.file = Some(FilePart { file_name, bytes });
        self
    }

    /// Leaves failures to the caller, which retries in its own way (upload chunks resync first).
    pub(crate) fn without_retries(mut self) -> Self {
        self.spec.retries = false;
        self
    }

    pub(crate) fn anonymous(mut self) -> Self {
        self.spec.session = SessionChoice::Anonymous;
        self
    }

    /// Sends the call with `ks` instead of the client's admin session (e.g. a USER session).
    pub fn with_ks(mut self, ks: Ks) -> Self {
        self.spec.session = SessionChoice::Given(ks);
        self
    }

    /// The service and action, e.g. `("media", "get")`.
    pub fn name(&self) -> (&'static str, &'static str) {
        (self.spec.service, self.spec.action)
    }
}

/// Decodes one raw result with `decode`, naming the call on failure.
pub(crate) fn decode_result<T>(
    spec: &CallSpec,
    decode: Decoder<T>,
    value: serde_json::Value,
) -> Result<T> {
    decode(value).map_err(|detail| Error::Decode {
        service: spec.service.to_owned(),
        action: spec.action.to_owned(),
        detail,
    })
}

impl<T: Send + 'static> IntoFuture for Request<T> {
    type Output = Result<T>;
    type IntoFuture = Pin<Box<dyn Future<Output = Result<T>> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let value = self.client.execute(&self.spec).await?;
            decode_result(&self.spec, self.decode, value)
        })
    }
}
