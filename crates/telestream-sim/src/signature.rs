//! The v3.0 request signature (telestream-cloud.md 2.1): the canonical query string, the string to sign
//! and its HMAC-SHA256, written here from the reference and checked against its test vectors (2.2, 2.3).
//! Knows nothing of HTTP: `auth` collects the parameters and the host and calls [`verify`].

use base64::Engine as _;
use hmac::{Hmac, Mac};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use sha2::Sha256;
use subtle::ConstantTimeEq;

/// Every byte but ASCII alphanumerics and `-._~` is escaped (RFC 3986 unreserved characters), as `%XX`
/// with uppercase hex; so space is `%20`, never `+`.
const ESCAPED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The parameters that are never signed: the signature itself and the multipart file part.
const UNSIGNED: [&str; 2] = ["signature", "file"];

fn escape(text: &str) -> String {
    utf8_percent_encode(text, ESCAPED).to_string()
}

/// A key split into its outer name and, for `name[sub]`, the subkey: nested values are signed with the
/// brackets literal, the outer name raw and the subkey escaped (2.1 step 5).
fn split_key(key: &str) -> (&str, Option<&str>) {
    match key.split_once('[') {
        Some((outer, rest)) if !outer.is_empty() && rest.ends_with(']') => {
            (outer, Some(&rest[..rest.len() - 1]))
        }
        _ => (key, None),
    }
}

/// The canonical query string of decoded `params`: `signature` and `file` left out, pairs sorted by key
/// (outer name, then subkey; repeated keys keep their order), keys and values escaped, joined with `&`.
pub(crate) fn canonical_query(params: &[(String, String)]) -> String {
    let mut pairs: Vec<(&str, Option<&str>, &str)> = params
        .iter()
        .filter(|(k, _)| !UNSIGNED.contains(&k.as_str()))
        .map(|(k, v)| {
            let (outer, sub) = split_key(k);
            (outer, sub, v.as_str())
        })
        .collect();
    // A stable sort: repeated keys (`profiles=a&profiles=b`) keep the order they were sent in.
    pairs.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    pairs
        .iter()
        .map(|(outer, sub, value)| match sub {
            Some(sub) => format!("{outer}[{}]={}", escape(sub), escape(value)),
            None => format!("{}={}", escape(outer), escape(value)),
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// `METHOD \n host \n path \n canonical query`, with the host lowercased and without its port, and the
/// path reduced to one leading slash and no trailing one (2.1 step 6).
pub(crate) fn string_to_sign(
    method: &str,
    host: &str,
    path: &str,
    params: &[(String, String)],
) -> String {
    let host = host.split(':').next().unwrap_or(host).to_ascii_lowercase();
    let path = format!("/{}", path.trim().trim_matches('/'));
    format!(
        "{}\n{host}\n{path}\n{}",
        method.to_ascii_uppercase(),
        canonical_query(params)
    )
}

/// HMAC-SHA256 of `message` keyed with `key`.
fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    // HMAC takes a key of any length: `new_from_slice` cannot fail for it.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key)
        .unwrap_or_else(|_| unreachable!("HMAC accepts keys of every length"));
    mac.update(message);
    mac.finalize().into_bytes().into()
}

/// The base64 signature (standard alphabet, padded: 44 characters) of a request.
pub(crate) fn sign(
    secret_key: &str,
    method: &str,
    host: &str,
    path: &str,
    params: &[(String, String)],
) -> String {
    let text = string_to_sign(method, host, path, params);
    base64::engine::general_purpose::STANDARD
        .encode(hmac_sha256(secret_key.as_bytes(), text.as_bytes()))
}

/// Whether `signature` is that of the request, compared in constant time so that timing tells nothing of
/// the expected value.
pub(crate) fn verify(
    secret_key: &str,
    signature: &str,
    method: &str,
    host: &str,
    path: &str,
    params: &[(String, String)],
) -> bool {
    let expected = sign(secret_key, method, host, path, params);
    expected.as_bytes().ct_eq(signature.as_bytes()).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    const AK: &str = "ak_test_0123456789";
    const SK: &str = "sk_test_abcdefghijklmnopqrstuvwxyz";
    const FACTORY: &str = "f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0";
    const HOST: &str = "api.cloud.telestream.net";

    fn params(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn reference(extra: &[(&str, &str)], timestamp: &str) -> Vec<(String, String)> {
        let mut all = params(&[
            ("access_key", AK),
            ("factory_id", FACTORY),
            ("timestamp", timestamp),
        ]);
        all.extend(params(extra));
        all
    }

    #[test]
    fn vector_a_listing_videos_signs_byte_for_byte() {
        let p = reference(
            &[("page", "2"), ("per_page", "50")],
            "2024-05-06T07:08:09.123456+00:00",
        );
        assert_eq!(
            string_to_sign("GET", HOST, "/videos.json", &p),
            "GET\napi.cloud.telestream.net\n/videos.json\naccess_key=ak_test_0123456789&factory_id=f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0&page=2&per_page=50&timestamp=2024-05-06T07%3A08%3A09.123456%2B00%3A00"
        );
        assert_eq!(
            sign(SK, "GET", HOST, "/videos.json", &p),
            "MJgJALjAxO3pqsLCn4it/9TwHY0sY3FQUc5I9xYR8h8="
        );
    }

    #[test]
    fn vector_b_awkward_characters_are_escaped_as_rfc_3986_says() {
        let p = reference(
            &[
                (
                    "source_url",
                    "https://media.example.com/in/My Clip (1).mp4?sig=a/b&x=1",
                ),
                ("profiles", "h264,webm"),
                ("payload", "order #42 ~ ok"),
            ],
            "2024-05-06T07:08:09Z",
        );
        assert_eq!(
            canonical_query(&p),
            "access_key=ak_test_0123456789&factory_id=f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0&payload=order%20%2342%20~%20ok&profiles=h264%2Cwebm&source_url=https%3A%2F%2Fmedia.example.com%2Fin%2FMy%20Clip%20%281%29.mp4%3Fsig%3Da%2Fb%26x%3D1&timestamp=2024-05-06T07%3A08%3A09Z"
        );
        assert_eq!(
            sign(SK, "POST", HOST, "/videos.json", &p),
            "4fYPcnGILwyKpgZWo4HhShFTWt3WCrjb9oWhQjqAniY="
        );
    }

    #[test]
    fn vector_c_nested_parameters_keep_their_brackets_literal() {
        let p = reference(
            &[
                ("url", "https://hooks.example.com/ts"),
                ("delay", "10"),
                ("send_video_payload", "false"),
                ("events[video_created]", "false"),
                ("events[video_encoded]", "true"),
                ("events[encoding_progress]", "false"),
                ("events[encoding_completed]", "true"),
            ],
            "2024-05-06T07:08:09.000000Z",
        );
        assert_eq!(
            canonical_query(&p),
            "access_key=ak_test_0123456789&delay=10&events[encoding_completed]=true&events[encoding_progress]=false&events[video_created]=false&events[video_encoded]=true&factory_id=f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0&send_video_payload=false&timestamp=2024-05-06T07%3A08%3A09.000000Z&url=https%3A%2F%2Fhooks.example.com%2Fts"
        );
        assert_eq!(
            sign(SK, "PUT", HOST, "/notifications.json", &p),
            "Y3Z+9hmrwXqfGxLgDGwMkdzbVG6B/gLZtaVsSXWwZ6s="
        );
    }

    #[test]
    fn vectors_d_and_e_delete_and_upload_session_sign_byte_for_byte() {
        let d = reference(&[], "2024-05-06T07:08:09+00:00");
        assert_eq!(
            canonical_query(&d),
            "access_key=ak_test_0123456789&factory_id=f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0&timestamp=2024-05-06T07%3A08%3A09%2B00%3A00"
        );
        assert_eq!(
            sign(
                SK,
                "DELETE",
                HOST,
                "/videos/0123456789abcdef0123456789abcdef.json",
                &d
            ),
            "UQhgLuCgZl+/ETfMCVwCeavyDJkCuJMQzmr1jXX98ZI="
        );
        let e = reference(
            &[
                ("file_size", "805301"),
                ("file_name", "movie.mp4"),
                ("profiles", "h264"),
                ("multi_chunk", "true"),
            ],
            "2024-05-06T07:08:09Z",
        );
        assert_eq!(
            sign(SK, "POST", HOST, "/videos/upload.json", &e),
            "VHw/Zhu9damC0gcaS8GfPl50H555tBNVYZjwKyhtIlo="
        );
    }

    #[test]
    fn the_vectors_published_in_the_sdks_sign_byte_for_byte() {
        let base = |container: &str, timestamp: &str, extra: &[(&str, &str)]| {
            let mut p = params(&[
                ("access_key", "my_access_key"),
                (container, "my_cloud_id"),
                ("timestamp", timestamp),
            ]);
            p.extend(params(extra));
            p
        };
        let (t1, t2, t3) = (
            "2009-11-04T17:54:11+00:00",
            "2014-12-22T17:54:11+00:00",
            "2010-01-12T01:00:00.000000Z",
        );
        let awkward = [("tilde", "~"), ("space", " "), ("slash", "/")];
        let two = [("param1", "one"), ("param2", "two")];
        // Method, path, parameters, signature.
        type Case<'a> = (&'a str, &'a str, Vec<(String, String)>, &'a str);
        let cases: Vec<Case> = vec![
            (
                "GET",
                "/factories.json",
                base("factory_id", "2015-12-30T20:21:00+00:00", &[]),
                "6tgl7r/9knHL5AhXqN3p3KXX74ofMrr7tBy6A7LL79s=",
            ),
            (
                "POST",
                "/videos.json",
                base("factory_id", t1, &[]),
                "NoqEko/YOPhSfxvltZNd6AbStBvnMwptaEsFUmfXWPw=",
            ),
            (
                "POST",
                "/videos.json",
                base(
                    "factory_id",
                    t1,
                    &[("param1", "one"), ("param2", "two"), ("file", "ignored")],
                ),
                "0xryIngb+aZNfTcwl/91lU6nAKouyvUq+fZJ84+KXbo=",
            ),
            (
                "POST",
                "/videos.json",
                base("factory_id", t1, &awkward),
                "/pahnvDahQqhfg8WcW7fu7SUGowWsQ7+kzq9vQ0/yvY=",
            ),
            (
                "POST",
                "/videos.json",
                base("factory_id", t1, &[("param2", "2")]),
                "U955cX1+IK76eY8gvy4OEf+aDXeMPW8/SWA7PmoOvOs=",
            ),
            (
                "POST",
                "/videos/upload.json",
                base("factory_id", t2, &[("file_name", "original♥.mp4")]),
                "3UFfzALe0OEMNGi7S8O/ZiNp4+vMVE8Kaw1Ab31ZvqE=",
            ),
            (
                "POST",
                "/videos.json",
                base("cloud_id", t1, &[]),
                "TI2n/dsSllxFhxcEShRGKWtDSqxu+kuJUPs335NavMo=",
            ),
            (
                "POST",
                "/videos.json",
                base("cloud_id", t1, &two),
                "w66goW6Ve5CT9Ibbx3ryvq4XM8OfIfSZe5oapgZBaUs=",
            ),
            (
                "POST",
                "/videos.json",
                base("cloud_id", t1, &awkward),
                "DHf9ERJmKQbcu8MCLP1Evv3BV2yIQo15MoTe9YV/rs8=",
            ),
            (
                "POST",
                "/videos/upload.json",
                base("cloud_id", t2, &[("file_name", "original♥.mp4")]),
                "NBK3+4HtaolBLi0I1Ai9MEXQvCG+T96E7PEIKf4CMwM=",
            ),
            (
                "GET",
                "/videos",
                base("cloud_id", t3, &[]),
                "kAiCpkP52a2XKISJjRCBWzWCN5CaeLK3Nj1AT25S/Go=",
            ),
            (
                "POST",
                "/videos.json",
                base("cloud_id", t3, &[]),
                "QpQQm0guSLSEXmQ+EP2qnKT0av5llLWBUylEk9NEStU=",
            ),
            (
                "POST",
                "/videos.json",
                base("cloud_id", t3, &two),
                "/Yu4CqImbYNXWwpNSIfHzdWeMsR5J7O6tfbSHXQO0aA=",
            ),
            (
                "POST",
                "/videos.json",
                base("cloud_id", t3, &[("tilde", "~"), ("space", " ")]),
                "v7++pgmzztwOWzZ+MoflgD1TT8Jxnqzl1v8gNnEbhX8=",
            ),
        ];
        for (method, path, p, expected) in cases {
            assert_eq!(
                sign("my_secret_key", method, "myapihost", path, &p),
                expected,
                "{method} {path} {p:?}"
            );
        }
        let slate = |container: &str| {
            params(&[
                ("access_key", "abcdefgh"),
                (container, "123456789"),
                ("timestamp", "2011-03-01T15:39:10.260762Z"),
            ])
        };
        assert_eq!(
            sign(
                "ijklmnop",
                "GET",
                "api.pandastream.com",
                "/videos.json",
                &slate("cloud_id")
            ),
            "kVnZs/NX13ldKPdhFYoVnoclr8075DwiZF0TGgIbMsc="
        );
        assert_eq!(
            sign(
                "ijklmnop",
                "GET",
                "api.cloud.telestream.net",
                "/videos.json",
                &slate("factory_id")
            ),
            "WH0ogZNRhxwvdxg2ptRGcgPi9UAgJw05IA6F/PlbFbU="
        );
    }

    #[test]
    fn the_host_loses_its_port_and_case_and_the_path_its_extra_slashes() {
        let p = reference(&[], "2024-05-06T07:08:09+00:00");
        assert_eq!(
            sign(
                SK,
                "delete",
                "API.cloud.telestream.net:443",
                "videos/0123456789abcdef0123456789abcdef.json/",
                &p
            ),
            "UQhgLuCgZl+/ETfMCVwCeavyDJkCuJMQzmr1jXX98ZI="
        );
    }

    #[test]
    fn repeated_keys_keep_the_order_they_were_sent_in() {
        let p = params(&[("profiles", "webm"), ("a", "1"), ("profiles", "h264")]);
        assert_eq!(canonical_query(&p), "a=1&profiles=webm&profiles=h264");
    }

    #[test]
    fn verify_accepts_the_right_signature_only() {
        let p = reference(
            &[("page", "2"), ("per_page", "50")],
            "2024-05-06T07:08:09.123456+00:00",
        );
        let good = "MJgJALjAxO3pqsLCn4it/9TwHY0sY3FQUc5I9xYR8h8=";
        assert!(verify(SK, good, "GET", HOST, "/videos.json", &p));
        assert!(!verify(SK, good, "GET", HOST, "/videos/x.json", &p));
        assert!(!verify("another", good, "GET", HOST, "/videos.json", &p));
        assert!(!verify(SK, "", "GET", HOST, "/videos.json", &p));
    }

    #[test]
    fn a_long_key_is_hashed_first_as_rfc_2104_says() {
        // RFC 4231 test case 6: a 131-byte key.
        let key = [0xaa_u8; 131];
        let mac = hmac_sha256(
            &key,
            b"Test Using Larger Than Block-Size Key - Hash Key First",
        );
        assert_eq!(
            hex::encode(mac),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
    }
}
