//! The tower layer: what happens to a whole request. Before the simulator sees it, an upload may stall and
//! a request may be answered HTTP 503; after, the response may be cut in half with the connection dropped,
//! as a crashed server would. Which requests are calls, and of what, the simulator says through the
//! function it gives [`FaultLayer::new`]; requests it does not name pass untouched.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use tower::{Layer, Service};

use crate::faults::{FaultPlan, Faults};

/// The call a request makes, as the simulator names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    /// The service (or resource) called, e.g. `media`; matched case-insensitively.
    pub service: String,
    /// The action, e.g. `get`.
    pub action: String,
    /// Whether the request carries an upload, so that `stall_upload_ms` applies to it.
    pub upload: bool,
}

/// Marks a response that must not be cut by a dropped connection, e.g. a file streamed with byte ranges
/// (cutting it would mean reading it whole into memory). Insert it into the response's extensions.
#[derive(Debug, Clone, Copy, Default)]
pub struct KeepConnection;

/// Applies the request-wide faults of [`Faults`] to the calls `name` finds.
#[derive(Debug, Clone)]
pub struct FaultLayer {
    faults: Faults,
    name: fn(&Request) -> Option<Call>,
}

impl FaultLayer {
    /// A layer over `faults`; `name` tells which call a request makes, or `None` for requests that are not
    /// calls (preflights, files, the control route).
    pub fn new(faults: Faults, name: fn(&Request) -> Option<Call>) -> Self {
        Self { faults, name }
    }
}

impl<S> Layer<S> for FaultLayer {
    type Service = FaultService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        FaultService {
            inner,
            faults: self.faults.clone(),
            name: self.name,
        }
    }
}

/// The service [`FaultLayer`] wraps around a simulator's routes.
#[derive(Debug, Clone)]
pub struct FaultService<S> {
    inner: S,
    faults: Faults,
    name: fn(&Request) -> Option<Call>,
}

impl<S> Service<Request> for FaultService<S>
where
    S: Service<Request, Response = Response, Error = Infallible> + Clone + Send + 'static,
    S::Future: Send + 'static,
{
    type Response = Response;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        // The clone that was polled ready serves this request; the fresh one waits for the next.
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let Some(call) = (self.name)(&request) else {
            return Box::pin(inner.call(request));
        };
        let plan = self.faults.plan(&call.service, &call.action);
        Box::pin(async move {
            if call.upload && plan.stall_upload_ms > 0 {
                tokio::time::sleep(Duration::from_millis(plan.stall_upload_ms)).await;
            }
            if plan.http_error {
                return Ok((StatusCode::SERVICE_UNAVAILABLE, "simulated failure").into_response());
            }
            let response = inner.call(request).await?;
            Ok(drop_midway(response, plan).await)
        })
    }
}

/// Cuts the body in half and ends the connection with an error, when the plan says so and the response
/// allows it.
async fn drop_midway(response: Response, plan: FaultPlan) -> Response {
    if !plan.drop_connection || response.extensions().get::<KeepConnection>().is_some() {
        return response;
    }
    let (parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let half = bytes.slice(..bytes.len() / 2);
    let chunks: Vec<Result<Bytes, std::io::Error>> = vec![
        Ok(half),
        Err(std::io::Error::other("connection dropped on purpose")),
    ];
    let mut response =
        Response::from_parts(parts, Body::from_stream(futures::stream::iter(chunks)));
    response.headers_mut().remove(header::CONTENT_LENGTH);
    response
}

#[cfg(test)]
mod tests {
    use axum::Router;
    use axum::routing::get;
    use tower::ServiceExt;

    use super::*;
    use crate::faults::{FaultRule, FaultSet};

    /// `/{service}/{action}` is a call; `/upload/...` carries an upload; `/files/...` is no call.
    fn name(request: &Request) -> Option<Call> {
        let mut parts = request.uri().path().trim_start_matches('/').split('/');
        let (service, action) = (parts.next()?, parts.next()?);
        (service != "files").then(|| Call {
            service: service.to_owned(),
            action: action.to_owned(),
            upload: service == "upload",
        })
    }

    fn app(rule: &str) -> Router {
        let rule: FaultRule = rule.parse().unwrap();
        let faults = Faults::new(FaultSet { rules: vec![rule] });
        Router::new()
            .route("/{service}/{action}", get(|| async { "0123456789" }))
            .route(
                "/kept/{action}",
                get(|| async {
                    let mut response = "0123456789".into_response();
                    response.extensions_mut().insert(KeepConnection);
                    response
                }),
            )
            .layer(FaultLayer::new(faults, name))
    }

    async fn fetch(app: Router, path: &str) -> (StatusCode, Result<Bytes, axum::Error>) {
        let request = Request::builder().uri(path).body(Body::empty()).unwrap();
        let response = app.oneshot(request).await.unwrap();
        let status = response.status();
        (
            status,
            axum::body::to_bytes(response.into_body(), usize::MAX).await,
        )
    }

    #[tokio::test]
    async fn an_http_error_answers_503_without_calling_the_simulator() {
        let (status, body) = fetch(app("media:http_error_rate=1"), "/media/get").await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(body.unwrap(), "simulated failure");
        let (status, _) = fetch(app("media:http_error_rate=1"), "/session/start").await;
        assert_eq!(status, StatusCode::OK);
    }

    #[tokio::test]
    async fn a_dropped_connection_ends_the_body_with_an_error() {
        let (status, body) = fetch(app("*:drop_rate=1"), "/media/get").await;
        assert_eq!(status, StatusCode::OK);
        assert!(body.is_err());
    }

    #[tokio::test]
    async fn responses_marked_to_keep_their_connection_and_unnamed_requests_are_not_cut() {
        let (_, kept) = fetch(app("*:drop_rate=1"), "/kept/get").await;
        assert_eq!(kept.unwrap(), "0123456789");
        let (_, file) = fetch(app("*:drop_rate=1"), "/files/x").await;
        assert_eq!(file.unwrap(), "0123456789");
    }

    #[tokio::test]
    async fn only_uploads_stall() {
        let patience = Duration::from_secs(10);
        let call = fetch(app("*:stall_upload_ms=60000"), "/media/get");
        let (status, _) = tokio::time::timeout(patience, call).await.unwrap();
        assert_eq!(status, StatusCode::OK);
        let upload = fetch(app("*:stall_upload_ms=60000"), "/upload/chunk");
        assert!(
            tokio::time::timeout(Duration::from_millis(200), upload)
                .await
                .is_err()
        );
    }
}
