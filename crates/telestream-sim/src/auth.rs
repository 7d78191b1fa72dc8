//! Who may call: v3.0 requests carry `access_key`, `timestamp` and `signature` (telestream-cloud.md 2.1,
//! verified as in 2.4), Flip 3.1 requests an `X-Api-Key` header (2.6). Refusals have the bodies and
//! statuses of section 7.

use axum::http::HeaderMap;

use crate::error::ApiError;
use crate::request::{Generation, Params};
use crate::{Account, clock, signature};

/// How old a signed timestamp may be: 30 minutes for `POST /videos.json` (a slow upload), 5 for the rest.
fn window_ms(method: &str, path: &str) -> i64 {
    if method == "POST" && path == "/videos.json" {
        30 * 60_000
    } else {
        5 * 60_000
    }
}

/// The facts of a request that authentication looks at.
#[derive(Debug)]
pub(crate) struct Credentials<'a> {
    pub(crate) generation: Generation,
    pub(crate) method: &'a str,
    /// The `Host` header; only its name is signed.
    pub(crate) host: &'a str,
    /// The resource path without the generation's prefix, e.g. `/videos.json`.
    pub(crate) path: &'a str,
    pub(crate) headers: &'a HeaderMap,
    pub(crate) params: &'a Params,
}

/// The account a request authenticates as, or the refusal to answer.
pub(crate) fn authenticate<'a>(
    accounts: &'a [Account],
    request: &Credentials<'_>,
    now_ms: i64,
) -> Result<&'a Account, ApiError> {
    match request.generation {
        Generation::Flip31 => {
            let key = request
                .headers
                .get("x-api-key")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default();
            accounts
                .iter()
                .find(|a| !key.is_empty() && a.api_key == key)
                .ok_or_else(|| ApiError::not_authorized("Invalid API key"))
        }
        Generation::V3 => {
            let params = &request.params.pairs;
            let get = |key: &str| {
                params
                    .iter()
                    .find(|(k, _)| k == key)
                    .map(|(_, v)| v.as_str())
            };
            let (Some(access_key), Some(timestamp), Some(signature)) =
                (get("access_key"), get("timestamp"), get("signature"))
            else {
                return Err(ApiError::bad_request(
                    "All required parameters were not supplied: access_key, signature, timestamp",
                ));
            };
            let signed_at = clock::parse_timestamp(timestamp)
                .ok_or_else(|| ApiError::bad_request("timestamp is not an ISO 8601 time"))?;
            let account = accounts.iter().find(|a| a.access_key == access_key);
            let verified = account.filter(|a| {
                signature::verify(
                    &a.secret_key,
                    signature,
                    request.method,
                    request.host,
                    request.path,
                    params,
                )
            });
            let Some(account) = verified else {
                return Err(ApiError::not_authorized("Signatures do not match"));
            };
            if now_ms - signed_at > window_ms(request.method, request.path) {
                return Err(ApiError::not_authorized("Signatures expired"));
            }
            Ok(account)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_714_979_289_000; // 2024-05-06T07:08:09Z

    fn signed(path: &str, method: &str, timestamp: &str, secret: &str) -> Params {
        let account = Account::demo();
        let mut pairs = vec![
            ("access_key".to_owned(), account.access_key.clone()),
            ("timestamp".to_owned(), timestamp.to_owned()),
            ("factory_id".to_owned(), "f".to_owned()),
        ];
        let signature = signature::sign(secret, method, "127.0.0.1", path, &pairs);
        pairs.push(("signature".to_owned(), signature));
        Params {
            pairs,
            body: Default::default(),
        }
    }

    fn check(
        generation: Generation,
        method: &str,
        path: &str,
        headers: &HeaderMap,
        params: &Params,
    ) -> Result<String, ApiError> {
        let accounts = [Account::demo()];
        let request = Credentials {
            generation,
            method,
            host: "127.0.0.1:8080",
            path,
            headers,
            params,
        };
        authenticate(&accounts, &request, NOW).map(|a| a.access_key.clone())
    }

    #[test]
    fn a_fresh_signature_of_the_right_secret_is_accepted() {
        let params = signed(
            "/videos.json",
            "GET",
            "2024-05-06T07:07:09Z",
            &Account::demo().secret_key,
        );
        assert!(
            check(
                Generation::V3,
                "GET",
                "/videos.json",
                &HeaderMap::new(),
                &params
            )
            .is_ok()
        );
    }

    #[test]
    fn a_wrong_signature_is_refused_as_not_matching() {
        let params = signed(
            "/videos.json",
            "GET",
            "2024-05-06T07:07:09Z",
            "not the secret",
        );
        let error = check(
            Generation::V3,
            "GET",
            "/videos.json",
            &HeaderMap::new(),
            &params,
        )
        .unwrap_err();
        assert_eq!(error, ApiError::not_authorized("Signatures do not match"));
    }

    #[test]
    fn a_signature_older_than_five_minutes_is_expired_but_an_upload_has_thirty() {
        let secret = Account::demo().secret_key;
        let old = "2024-05-06T07:02:09Z"; // six minutes before NOW
        let get = signed("/videos.json", "GET", old, &secret);
        let error = check(
            Generation::V3,
            "GET",
            "/videos.json",
            &HeaderMap::new(),
            &get,
        )
        .unwrap_err();
        assert_eq!(error, ApiError::not_authorized("Signatures expired"));
        let post = signed("/videos.json", "POST", old, &secret);
        assert!(
            check(
                Generation::V3,
                "POST",
                "/videos.json",
                &HeaderMap::new(),
                &post
            )
            .is_ok()
        );
    }

    #[test]
    fn missing_signed_parameters_are_a_bad_request_naming_them() {
        let error = check(
            Generation::V3,
            "GET",
            "/videos.json",
            &HeaderMap::new(),
            &Params::default(),
        )
        .unwrap_err();
        assert_eq!(error.status, axum::http::StatusCode::BAD_REQUEST);
        assert_eq!(
            error.message,
            "All required parameters were not supplied: access_key, signature, timestamp"
        );
    }

    #[test]
    fn flip_calls_need_a_known_api_key() {
        let mut headers = HeaderMap::new();
        assert!(
            check(
                Generation::Flip31,
                "GET",
                "/videos.json",
                &headers,
                &Params::default()
            )
            .is_err()
        );
        headers.insert("x-api-key", Account::demo().api_key.parse().unwrap());
        assert!(
            check(
                Generation::Flip31,
                "GET",
                "/videos.json",
                &headers,
                &Params::default()
            )
            .is_ok()
        );
        headers.insert("x-api-key", "tcs_wrong".parse().unwrap());
        let error = check(
            Generation::Flip31,
            "GET",
            "/videos.json",
            &headers,
            &Params::default(),
        )
        .unwrap_err();
        assert_eq!(error.status, axum::http::StatusCode::UNAUTHORIZED);
    }
}
