//! Request signing of the v3.0 API (telestream-cloud.md 2.1): the canonical query string, the string to
//! sign, its HMAC-SHA256 signature, and the ISO 8601 timestamp that goes with it.
//!
//! Pure functions over strings, so the reference's test vectors (2.2, 2.3) pin every byte.

use base64::Engine as _;
use hmac::{Hmac, Mac};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::{Map, Value};
use sha2::Sha256;
use time::macros::format_description;
use time::{OffsetDateTime, UtcOffset};

/// RFC 3986 unreserved characters stay, every other byte becomes `%XX` with upper-case hex (2.1 step 3):
/// space is `%20`, never `+`.
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// `text` percent-encoded as the signature and the query string need it.
pub(crate) fn escape(text: &str) -> String {
    utf8_percent_encode(text, UNRESERVED).to_string()
}

/// A parameter value as the wire writes it: booleans lower-case, numbers in decimal, lists comma-joined
/// (2.1 step 2). `None` for `null`, which is not sent at all.
pub(crate) fn wire_string(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) => Some(s.clone()),
        Value::Array(items) => Some(
            items
                .iter()
                .filter_map(wire_string)
                .collect::<Vec<_>>()
                .join(","),
        ),
        // A map only appears nested under a name; flattened by `canonical_query`.
        Value::Object(_) => None,
    }
}

/// The parameters as `key=value` pairs joined with `&`, keys sorted by their raw bytes, keys and values
/// escaped; a map value becomes `name[sub]=value` pairs with literal brackets, sorted by `sub`
/// (2.1 steps 4 and 5). The same string is the signed text and the query the request carries.
pub(crate) fn canonical_query(params: &Map<String, Value>) -> String {
    let mut pairs: Vec<(&str, &str, String)> = Vec::new();
    for (name, value) in params {
        match value {
            Value::Object(nested) => {
                for (sub, value) in nested {
                    if let Some(value) = wire_string(value) {
                        let pair = format!("{name}[{}]={}", escape(sub), escape(&value));
                        pairs.push((name, sub, pair));
                    }
                }
            }
            value => {
                if let Some(value) = wire_string(value) {
                    pairs.push((name, "", format!("{}={}", escape(name), escape(&value))));
                }
            }
        }
    }
    // A stable sort keeps repeated values in their original order, as the reference asks.
    pairs.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    pairs
        .into_iter()
        .map(|(_, _, pair)| pair)
        .collect::<Vec<_>>()
        .join("&")
}

/// `METHOD\nhost\n/path\ncanonical` (2.1 step 6): the host lower-case without port, the path with
/// exactly one leading `/`, no trailing `/` and no version prefix.
pub(crate) fn string_to_sign(method: &str, host: &str, path: &str, canonical: &str) -> String {
    let path = path.trim().trim_matches('/');
    format!(
        "{}\n{}\n/{}\n{}",
        method.to_ascii_uppercase(),
        host.to_ascii_lowercase(),
        path,
        canonical
    )
}

/// The base64 HMAC-SHA256 of `string_to_sign` keyed with the secret key (2.1 step 7).
pub(crate) fn signature(secret_key: &str, string_to_sign: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(hmac_sha256(
        secret_key.as_bytes(),
        string_to_sign.as_bytes(),
    ))
}

/// HMAC-SHA256 of `message` keyed with `key`.
fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    // HMAC takes a key of any length: `new_from_slice` cannot fail for it.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key)
        .unwrap_or_else(|_| unreachable!("HMAC accepts keys of every length"));
    mac.update(message);
    mac.finalize().into_bytes().into()
}

/// The current UTC time as `YYYY-MM-DDTHH:MM:SS.ffffffZ`, the form the Ruby gem sends (2.1).
pub(crate) fn timestamp_now() -> String {
    format_timestamp(OffsetDateTime::now_utc())
}

/// `at` as an ISO 8601 UTC timestamp with microseconds.
fn format_timestamp(at: OffsetDateTime) -> String {
    let format =
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]Z");
    at.to_offset(UtcOffset::UTC)
        .format(&format)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const AK: &str = "ak_test_0123456789";
    const SK: &str = "sk_test_abcdefghijklmnopqrstuvwxyz";
    const FACTORY: &str = "f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0";
    const HOST: &str = "api.cloud.telestream.net";

    fn params(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(map) => map,
            _ => unreachable!("test parameters are an object"),
        }
    }

    fn sign(method: &str, host: &str, path: &str, secret: &str, value: Value) -> (String, String) {
        let canonical = canonical_query(&params(value));
        let signature = signature(secret, &string_to_sign(method, host, path, &canonical));
        (canonical, signature)
    }

    #[test]
    fn vector_a_list_videos_page_two_matches_the_reference() {
        let (canonical, sig) = sign(
            "GET",
            HOST,
            "/videos.json",
            SK,
            json!({"access_key": AK, "factory_id": FACTORY, "page": 2, "per_page": 50,
                   "timestamp": "2024-05-06T07:08:09.123456+00:00"}),
        );
        assert_eq!(
            canonical,
            "access_key=ak_test_0123456789&factory_id=f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0&page=2&per_page=50&timestamp=2024-05-06T07%3A08%3A09.123456%2B00%3A00"
        );
        assert_eq!(sig, "MJgJALjAxO3pqsLCn4it/9TwHY0sY3FQUc5I9xYR8h8=");
    }

    #[test]
    fn vector_b_awkward_characters_are_escaped_as_the_reference_does() {
        let (canonical, sig) = sign(
            "POST",
            HOST,
            "/videos.json",
            SK,
            json!({"access_key": AK, "factory_id": FACTORY,
                   "source_url": "https://media.example.com/in/My Clip (1).mp4?sig=a/b&x=1",
                   "profiles": ["h264", "webm"], "payload": "order #42 ~ ok",
                   "timestamp": "2024-05-06T07:08:09Z"}),
        );
        assert_eq!(
            canonical,
            "access_key=ak_test_0123456789&factory_id=f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0&payload=order%20%2342%20~%20ok&profiles=h264%2Cwebm&source_url=https%3A%2F%2Fmedia.example.com%2Fin%2FMy%20Clip%20%281%29.mp4%3Fsig%3Da%2Fb%26x%3D1&timestamp=2024-05-06T07%3A08%3A09Z"
        );
        assert_eq!(sig, "4fYPcnGILwyKpgZWo4HhShFTWt3WCrjb9oWhQjqAniY=");
    }

    #[test]
    fn vector_c_nested_parameters_keep_literal_brackets() {
        let (canonical, sig) = sign(
            "PUT",
            HOST,
            "/notifications.json",
            SK,
            json!({"access_key": AK, "factory_id": FACTORY, "url": "https://hooks.example.com/ts",
                   "delay": 10, "send_video_payload": false,
                   "events": {"video_created": false, "video_encoded": true,
                              "encoding_progress": false, "encoding_completed": true},
                   "timestamp": "2024-05-06T07:08:09.000000Z"}),
        );
        assert_eq!(
            canonical,
            "access_key=ak_test_0123456789&delay=10&events[encoding_completed]=true&events[encoding_progress]=false&events[video_created]=false&events[video_encoded]=true&factory_id=f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0&send_video_payload=false&timestamp=2024-05-06T07%3A08%3A09.000000Z&url=https%3A%2F%2Fhooks.example.com%2Fts"
        );
        assert_eq!(sig, "Y3Z+9hmrwXqfGxLgDGwMkdzbVG6B/gLZtaVsSXWwZ6s=");
    }

    #[test]
    fn vector_d_delete_without_parameters_matches_the_reference() {
        let (canonical, sig) = sign(
            "DELETE",
            HOST,
            "/videos/0123456789abcdef0123456789abcdef.json",
            SK,
            json!({"access_key": AK, "factory_id": FACTORY, "timestamp": "2024-05-06T07:08:09+00:00"}),
        );
        assert_eq!(
            canonical,
            "access_key=ak_test_0123456789&factory_id=f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0&timestamp=2024-05-06T07%3A08%3A09%2B00%3A00"
        );
        assert_eq!(sig, "UQhgLuCgZl+/ETfMCVwCeavyDJkCuJMQzmr1jXX98ZI=");
    }

    #[test]
    fn vector_e_upload_session_matches_the_reference() {
        let (canonical, sig) = sign(
            "POST",
            HOST,
            "/videos/upload.json",
            SK,
            json!({"access_key": AK, "factory_id": FACTORY, "file_size": 805301,
                   "file_name": "movie.mp4", "profiles": "h264", "multi_chunk": true,
                   "timestamp": "2024-05-06T07:08:09Z"}),
        );
        assert_eq!(
            canonical,
            "access_key=ak_test_0123456789&factory_id=f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0&file_name=movie.mp4&file_size=805301&multi_chunk=true&profiles=h264&timestamp=2024-05-06T07%3A08%3A09Z"
        );
        assert_eq!(sig, "VHw/Zhu9damC0gcaS8GfPl50H555tBNVYZjwKyhtIlo=");
    }

    /// Method, path, container parameter, other parameters, timestamp, expected signature.
    type SdkVector = (
        &'static str,
        &'static str,
        (&'static str, &'static str),
        Vec<(&'static str, Value)>,
        &'static str,
        &'static str,
    );

    #[test]
    fn every_vector_published_in_the_sdks_is_reproduced() {
        let f = ("factory_id", "my_cloud_id");
        let c = ("cloud_id", "my_cloud_id");
        let t1 = "2009-11-04T17:54:11+00:00";
        let t2 = "2014-12-22T17:54:11+00:00";
        let t3 = "2010-01-12T01:00:00.000000Z";
        let odd = [("tilde", "~"), ("space", " "), ("slash", "/")];
        #[rustfmt::skip]
        let cases: Vec<SdkVector> = vec![
            ("GET", "/factories.json", f, vec![], "2015-12-30T20:21:00+00:00", "6tgl7r/9knHL5AhXqN3p3KXX74ofMrr7tBy6A7LL79s="),
            ("POST", "/videos.json", f, vec![], t1, "NoqEko/YOPhSfxvltZNd6AbStBvnMwptaEsFUmfXWPw="),
            ("POST", "/videos.json", f, vec![("param1", json!("one")), ("param2", json!("two"))], t1, "0xryIngb+aZNfTcwl/91lU6nAKouyvUq+fZJ84+KXbo="),
            ("POST", "/videos.json", f, odd.iter().map(|(k, v)| (*k, json!(v))).collect(), t1, "/pahnvDahQqhfg8WcW7fu7SUGowWsQ7+kzq9vQ0/yvY="),
            ("POST", "/videos.json", f, vec![("param2", json!(2))], t1, "U955cX1+IK76eY8gvy4OEf+aDXeMPW8/SWA7PmoOvOs="),
            ("POST", "/videos/upload.json", f, vec![("file_name", json!("original♥.mp4"))], t2, "3UFfzALe0OEMNGi7S8O/ZiNp4+vMVE8Kaw1Ab31ZvqE="),
            ("POST", "/videos.json", c, vec![], t1, "TI2n/dsSllxFhxcEShRGKWtDSqxu+kuJUPs335NavMo="),
            ("POST", "/videos.json", c, vec![("param1", json!("one")), ("param2", json!("two"))], t1, "w66goW6Ve5CT9Ibbx3ryvq4XM8OfIfSZe5oapgZBaUs="),
            ("POST", "/videos.json", c, odd.iter().map(|(k, v)| (*k, json!(v))).collect(), t1, "DHf9ERJmKQbcu8MCLP1Evv3BV2yIQo15MoTe9YV/rs8="),
            ("POST", "/videos/upload.json", c, vec![("file_name", json!("original♥.mp4"))], t2, "NBK3+4HtaolBLi0I1Ai9MEXQvCG+T96E7PEIKf4CMwM="),
            ("GET", "/videos", c, vec![], t3, "kAiCpkP52a2XKISJjRCBWzWCN5CaeLK3Nj1AT25S/Go="),
            ("POST", "/videos.json", c, vec![], t3, "QpQQm0guSLSEXmQ+EP2qnKT0av5llLWBUylEk9NEStU="),
            ("POST", "/videos.json", c, vec![("param1", json!("one")), ("param2", json!("two"))], t3, "/Yu4CqImbYNXWwpNSIfHzdWeMsR5J7O6tfbSHXQO0aA="),
            ("POST", "/videos.json", c, vec![("tilde", json!("~")), ("space", json!(" "))], t3, "v7++pgmzztwOWzZ+MoflgD1TT8Jxnqzl1v8gNnEbhX8="),
        ];
        for (method, path, (id_name, id), extra, timestamp, expected) in cases {
            let mut map = Map::new();
            map.insert("access_key".into(), json!("my_access_key"));
            map.insert(id_name.into(), json!(id));
            map.insert("timestamp".into(), json!(timestamp));
            for (k, v) in extra {
                map.insert(k.into(), v);
            }
            let canonical = canonical_query(&map);
            let got = signature(
                "my_secret_key",
                &string_to_sign(method, "myapihost", path, &canonical),
            );
            assert_eq!(got, expected, "{method} {path} {canonical}");
        }
        let time = "2011-03-01T15:39:10.260762Z";
        for (id_name, host, expected) in [
            (
                "cloud_id",
                "api.pandastream.com",
                "kVnZs/NX13ldKPdhFYoVnoclr8075DwiZF0TGgIbMsc=",
            ),
            (
                "factory_id",
                "api.cloud.telestream.net",
                "WH0ogZNRhxwvdxg2ptRGcgPi9UAgJw05IA6F/PlbFbU=",
            ),
        ] {
            let mut map = Map::new();
            map.insert("access_key".into(), json!("abcdefgh"));
            map.insert(id_name.into(), json!("123456789"));
            map.insert("timestamp".into(), json!(time));
            let canonical = canonical_query(&map);
            let got = signature(
                "ijklmnop",
                &string_to_sign("GET", host, "/videos.json", &canonical),
            );
            assert_eq!(got, expected, "{host}");
        }
    }

    #[test]
    fn hmac_matches_rfc_4231_test_case_two_and_long_keys_are_hashed_first() {
        let mac = hmac_sha256(b"Jefe", b"what do ya want for nothing?");
        let hex: String = mac.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(
            hex,
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        // RFC 4231 test case 6: a 131-byte key.
        let mac = hmac_sha256(
            &[0xaa; 131],
            b"Test Using Larger Than Block-Size Key - Hash Key First",
        );
        let hex: String = mac.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(
            hex,
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
    }

    #[test]
    fn paths_are_normalised_to_one_leading_slash() {
        assert_eq!(
            string_to_sign("get", "API.Example.COM", " /videos.json/ ", "a=1"),
            "GET\napi.example.com\n/videos.json\na=1"
        );
    }

    #[test]
    fn timestamps_are_iso_8601_utc_with_microseconds() {
        let at = |secs: i64, micros: i64| {
            OffsetDateTime::from_unix_timestamp_nanos(
                i128::from(secs) * 1_000_000_000 + i128::from(micros) * 1_000,
            )
            .unwrap()
        };
        assert_eq!(format_timestamp(at(0, 0)), "1970-01-01T00:00:00.000000Z");
        assert_eq!(
            format_timestamp(at(1_714_979_289, 123_456)),
            "2024-05-06T07:08:09.123456Z"
        );
        assert_eq!(
            format_timestamp(at(951_782_400, 0)),
            "2000-02-29T00:00:00.000000Z"
        );
    }

    #[test]
    fn null_values_are_left_out() {
        assert_eq!(
            canonical_query(&params(json!({"a": null, "b": "x"}))),
            "b=x"
        );
    }
}
