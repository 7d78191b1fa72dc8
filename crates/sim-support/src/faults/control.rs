//! The run-time control route: `/__sim/faults` reads (`GET`), replaces (`PUT` or `POST`) and removes
//! (`DELETE`) the rules in force, as JSON `{"rules":[{"target":"media.get","drop_rate":1.0}]}`. It lives
//! outside the platform's own URL space, so no client of the platform can reach it by accident.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};

use crate::faults::{FaultSet, Faults};

/// Where [`control_router`] answers.
pub const CONTROL_PATH: &str = "/__sim/faults";

/// The `/__sim/faults` route over `faults`, to merge into a simulator's router (of any state). Every
/// method answers the rules in force after it; a `PUT` with an invalid rule (empty target, an error or drop
/// rate outside 0–1) changes nothing and answers HTTP 422 naming the rule.
pub fn control_router<S>(faults: Faults) -> Router<S>
where
    S: Clone + Send + Sync + 'static,
{
    Router::new()
        .route(
            CONTROL_PATH,
            get(get_faults)
                .put(put_faults)
                .post(put_faults)
                .delete(delete_faults),
        )
        .with_state(faults)
}

async fn get_faults(State(faults): State<Faults>) -> Json<FaultSet> {
    Json(faults.get())
}

async fn put_faults(State(faults): State<Faults>, Json(set): Json<FaultSet>) -> Response {
    if let Some(refusal) = set.rules.iter().find_map(|r| r.refusal()) {
        return (StatusCode::UNPROCESSABLE_ENTITY, refusal).into_response();
    }
    faults.set(set);
    Json(faults.get()).into_response()
}

async fn delete_faults(State(faults): State<Faults>) -> Json<FaultSet> {
    faults.clear();
    Json(faults.get())
}

#[cfg(test)]
mod tests {
    use axum::body::Body;
    use axum::http::{Method, Request};
    use tower::ServiceExt;

    use super::*;

    async fn send(faults: &Faults, method: Method, body: &str) -> (StatusCode, String) {
        let request = Request::builder()
            .method(method)
            .uri(CONTROL_PATH)
            .header("content-type", "application/json")
            .body(Body::from(body.to_owned()))
            .unwrap();
        let response = control_router::<()>(faults.clone())
            .oneshot(request)
            .await
            .unwrap();
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        (status, String::from_utf8_lossy(&bytes).into_owned())
    }

    #[tokio::test]
    async fn put_replaces_the_rules_and_delete_removes_them() {
        let faults = Faults::default();
        let (status, body) = send(
            &faults,
            Method::PUT,
            r#"{"rules":[{"target":"media.get","drop_rate":1.0}]}"#,
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        let answered: FaultSet = serde_json::from_str(&body).unwrap();
        assert_eq!(answered, faults.get());
        assert!(faults.plan("media", "get").drop_connection);

        let (_, body) = send(&faults, Method::GET, "").await;
        assert_eq!(
            serde_json::from_str::<FaultSet>(&body).unwrap(),
            faults.get()
        );

        let (status, _) = send(&faults, Method::DELETE, "").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(faults.get(), FaultSet::default());
    }

    #[tokio::test]
    async fn an_invalid_rule_is_refused_and_changes_nothing() {
        let faults = Faults::new(
            "*:latency_ms=1"
                .parse::<crate::faults::FaultRule>()
                .map(|r| FaultSet { rules: vec![r] })
                .unwrap(),
        );
        let before = faults.get();
        let (status, body) = send(
            &faults,
            Method::POST,
            r#"{"rules":[{"target":"media","api_error_rate":2}]}"#,
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body.contains("\"media\""), "{body}");
        assert_eq!(faults.get(), before);
    }
}
