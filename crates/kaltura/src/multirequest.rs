//! `multirequest`: several calls in one round trip, with references to earlier results
//! (kaltura-api-v3.md 4).

use std::marker::PhantomData;

use serde_json::Value;

use crate::client::{CallSpec, Client};
use crate::error::{Error, Result};
use crate::request::{Request, decode_result};
use crate::wire::response::{self, Decoder};

/// A batch of calls sent together. Each call's result or error comes back in its own slot; an error in one
/// call does not stop the others.
///
/// ```no_run
/// # async fn run(client: kaltura::Client) -> kaltura::Result<()> {
/// let mut batch = client.multirequest();
/// let token = batch.push(client.upload_token().add(&kaltura::UploadToken::default()));
/// let got = batch.push(client.upload_token().get(&token.reference("id")));
/// let mut results = batch.send().await?;
/// let added = results.take(&token)?;
/// assert_eq!(results.take(&got)?.id, added.id);
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct Multirequest {
    client: Client,
    calls: Vec<CallSpec>,
    batch_id: u64,
}

/// The place of one call in a [`Multirequest`], used to take its typed result.
#[derive(Debug)]
pub struct Slot<T> {
    index: usize,
    batch_id: u64,
    decode: Decoder<T>,
    _result: PhantomData<fn() -> T>,
}

impl<T> Slot<T> {
    /// A token the server replaces with a property of this call's result, for a later call's parameter:
    /// `reference("id")` → `{1:result:id}`; nested paths use `:` (`objects:0:id`).
    pub fn reference(&self, path: &str) -> String {
        if path.is_empty() {
            format!("{{{}:result}}", self.index + 1)
        } else {
            format!("{{{}:result:{path}}}", self.index + 1)
        }
    }
}

/// The results of a sent [`Multirequest`].
#[derive(Debug)]
pub struct MultirequestResults {
    values: Vec<Option<Value>>,
    calls: Vec<CallSpec>,
    batch_id: u64,
}

impl Client {
    /// Starts an empty batch.
    pub fn multirequest(&self) -> Multirequest {
        Multirequest {
            client: self.clone(),
            calls: Vec::new(),
            batch_id: rand::random(),
        }
    }
}

impl Multirequest {
    /// Queues a call and returns its slot.
    pub fn push<T>(&mut self, request: Request<T>) -> Slot<T> {
        let index = self.calls.len();
        self.calls.push(request.spec);
        Slot {
            index,
            batch_id: self.batch_id,
            decode: request.decode,
            _result: PhantomData,
        }
    }

    /// Number of queued calls.
    pub fn len(&self) -> usize {
        self.calls.len()
    }

    /// Whether no call is queued.
    pub fn is_empty(&self) -> bool {
        self.calls.is_empty()
    }

    /// Sends all calls in one request. Fails as a whole only when the request itself fails; per-call
    /// errors are returned by [`MultirequestResults::take`].
    pub async fn send(self) -> Result<MultirequestResults> {
        let values = if self.calls.is_empty() {
            Vec::new()
        } else {
            self.client.execute_batch(&self.calls).await?
        };
        if values.len() != self.calls.len() {
            return Err(Error::Decode {
                service: "multirequest".into(),
                action: String::new(),
                detail: format!("{} results for {} calls", values.len(), self.calls.len()),
            });
        }
        Ok(MultirequestResults {
            values: values.into_iter().map(Some).collect(),
            calls: self.calls,
            batch_id: self.batch_id,
        })
    }
}

impl MultirequestResults {
    /// The result of the call in `slot`: its value, or the API error Kaltura returned for it. Each slot can
    /// be taken once.
    pub fn take<T>(&mut self, slot: &Slot<T>) -> Result<T> {
        let unavailable = Error::MultirequestSlot { index: slot.index };
        if slot.batch_id != self.batch_id {
            return Err(unavailable);
        }
        let (Some(value), Some(spec)) = (
            self.values.get_mut(slot.index).and_then(Option::take),
            self.calls.get(slot.index),
        ) else {
            return Err(unavailable);
        };
        if let Some(error) = response::api_error(&value) {
            return Err(Error::Api {
                service: spec.service.to_owned(),
                action: spec.action.to_owned(),
                error,
            });
        }
        decode_result(spec, slot.decode, value)
    }
}
