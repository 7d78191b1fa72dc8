//! Typed calls on the wire, in both API generations.

use serde_json::json;
use telestream::{
    ApiGeneration, EncodingQuery, NewProfile, NewVideo, ProfileRef, Status, VideoQuery,
};

use crate::helpers::{API_KEY, FACTORY, MockServer, json, signature_is_valid};

fn video(id: &str) -> serde_json::Value {
    json!({"id": id, "status": "success", "file_size": "805301", "duration": 14014,
           "original_filename": "movie.mp4", "extname": ".mp4", "mime_type": "video/mp4"})
}

#[tokio::test]
async fn a_signed_get_carries_a_signature_the_server_can_verify() {
    let server = MockServer::start(|_, _| json(200, video("v1"))).await;
    let client = server.signed_client().build().unwrap();
    assert_eq!(client.generation(), ApiGeneration::V3);

    let video = client.videos().get("v1").await.unwrap();

    assert_eq!(video.status, Some(Status::Success));
    assert_eq!(video.file_size, Some(805_301));
    let seen = &server.seen()[0];
    assert_eq!(
        (seen.method.as_str(), seen.path.as_str()),
        ("GET", "/v3.0/videos/v1.json")
    );
    assert_eq!(seen.param("factory_id").as_deref(), Some(FACTORY));
    assert!(seen.param("timestamp").is_some());
    assert!(signature_is_valid(seen, "127.0.0.1"), "{seen:?}");
    assert!(seen.header("x-api-key").is_none());
}

#[tokio::test]
async fn a_signed_create_puts_every_parameter_in_the_signed_query() {
    let server = MockServer::start(|_, _| json(200, video("v2"))).await;
    let client = server.signed_client().build().unwrap();

    let created = client
        .videos()
        .create_from_url(&NewVideo {
            source_url: "https://media.example.com/in/My Clip (1).mp4?sig=a/b&x=1".into(),
            profiles: Some(vec!["h264".into(), "webm".into()]),
            payload: Some("order #42 ~ ok".into()),
            ..NewVideo::default()
        })
        .await
        .unwrap();

    assert_eq!(created.id.as_deref(), Some("v2"));
    let seen = &server.seen()[0];
    assert_eq!(seen.method, "POST");
    assert!(seen.body.is_empty());
    assert_eq!(
        seen.param("source_url").as_deref(),
        Some("https://media.example.com/in/My Clip (1).mp4?sig=a/b&x=1")
    );
    assert_eq!(seen.param("profiles").as_deref(), Some("h264,webm"));
    assert!(signature_is_valid(seen, "127.0.0.1"), "{seen:?}");
}

#[tokio::test]
async fn factories_are_account_level_and_carry_no_factory_id() {
    let server = MockServer::start(|_, seen| {
        if seen.path.ends_with("/factories.json") {
            json(
                200,
                json!([{"id": FACTORY, "name": "main", "url": "http://s3/bucket/"}]),
            )
        } else {
            json(
                200,
                json!({"id": FACTORY, "name": "main", "url": "http://s3/bucket/"}),
            )
        }
    })
    .await;
    let client = server.signed_client().build().unwrap();

    let factory = client.factories().get(FACTORY).await.unwrap();
    let all = client.factories().list().await.unwrap();

    assert_eq!(factory.url.as_deref(), Some("http://s3/bucket/"));
    assert_eq!(all.items.len(), 1);
    for seen in server.seen() {
        assert_eq!(seen.param("factory_id"), None);
        assert!(signature_is_valid(&seen, "127.0.0.1"));
    }
}

#[tokio::test]
async fn flip_calls_send_the_api_key_and_json_bodies_with_the_factory_in_the_query() {
    let server = MockServer::start(|_, seen| match seen.method.as_str() {
        "POST" => json(201, video("v3")),
        _ => json(
            200,
            json!({"videos": [video("a"), video("b")], "page": 2, "per_page": 2, "total": 9}),
        ),
    })
    .await;
    let client = server.flip_client().build().unwrap();
    assert_eq!(client.generation(), ApiGeneration::Flip);

    let created = client
        .videos()
        .create_from_url(&NewVideo {
            source_url: "https://media.example.com/a.mp4".into(),
            ..NewVideo::default()
        })
        .await
        .unwrap();
    let page = client
        .videos()
        .list(&VideoQuery {
            page: Some(2),
            per_page: Some(2),
            status: None,
        })
        .await
        .unwrap();

    assert_eq!(created.id.as_deref(), Some("v3"));
    assert_eq!(
        (page.items.len(), page.page, page.total),
        (2, Some(2), Some(9))
    );
    let seen = server.seen();
    assert_eq!(seen[0].header("x-api-key"), Some(API_KEY));
    assert_eq!(seen[0].param("factory_id").as_deref(), Some(FACTORY));
    assert_eq!(seen[0].param("signature"), None);
    let body: serde_json::Value = serde_json::from_slice(&seen[0].body).unwrap();
    assert_eq!(
        body,
        json!({"source_url": "https://media.example.com/a.mp4"})
    );
    assert_eq!(seen[1].param("page").as_deref(), Some("2"));
    assert_eq!(seen[1].param("per_page").as_deref(), Some("2"));
}

#[tokio::test]
async fn a_bare_v3_list_is_a_page_without_a_total() {
    let server = MockServer::start(|_, _| json(200, json!([video("a")]))).await;
    let client = server.signed_client().build().unwrap();

    let page = client.videos().list(&VideoQuery::default()).await.unwrap();

    assert_eq!((page.items.len(), page.total), (1, None));
}

#[tokio::test]
async fn delete_and_metadata_reach_their_paths_and_an_empty_delete_answer_is_fine() {
    let server = MockServer::start(|_, seen| match seen.method.as_str() {
        "DELETE" => crate::helpers::empty(200),
        _ => json(200, json!({"image_height": 208, "duration": "19.35 s"})),
    })
    .await;
    let client = server.signed_client().build().unwrap();

    client.videos().delete("v1").await.unwrap();
    let metadata = client.videos().metadata("v1").await.unwrap();

    assert_eq!(metadata.get("image_height"), Some(&json!(208)));
    let seen = server.seen();
    assert_eq!(
        (seen[0].method.as_str(), seen[0].path.as_str()),
        ("DELETE", "/v3.0/videos/v1.json")
    );
    assert_eq!(seen[1].path, "/v3.0/videos/v1/metadata.json");
}

#[tokio::test]
async fn an_id_cannot_reach_another_path() {
    let server = MockServer::start(|_, _| json(200, video("x"))).await;
    let client = server.signed_client().build().unwrap();

    client.videos().get("../factories/x").await.unwrap();

    assert_eq!(
        server.seen()[0].path,
        "/v3.0/videos/..%2Ffactories%2Fx.json"
    );
}

#[tokio::test]
async fn encodings_are_listed_fetched_and_created_for_a_profile() {
    let server = MockServer::start(|_, seen| match (seen.method.as_str(), seen.path.as_str()) {
        ("GET", "/v3.0/videos/v1/encodings.json") => json(
            200,
            json!([{"id": "e1", "video_id": "v1", "profile_name": "h264", "status": "success",
                    "encoding_progress": 100, "files": ["e1.mp4"], "extname": ".mp4", "path": "e1"}]),
        ),
        ("GET", _) => json(200, json!({"id": "e1", "screenshots": ["e1_1.jpg"]})),
        _ => json(200, json!({"id": "e2", "status": "processing", "encoding_progress": "0"})),
    })
    .await;
    let client = server.signed_client().build().unwrap();

    let list = client
        .encodings()
        .list_for_video("v1", &EncodingQuery::default())
        .await
        .unwrap();
    let one = client.encodings().get("e1", true).await.unwrap();
    let created = client
        .encodings()
        .create("v1", &ProfileRef::Name("thumbs".into()))
        .await
        .unwrap();

    assert_eq!(
        list.items[0].files.as_deref(),
        Some(&["e1.mp4".to_owned()][..])
    );
    assert_eq!(
        one.screenshots.as_deref(),
        Some(&["e1_1.jpg".to_owned()][..])
    );
    assert_eq!(created.status, Some(Status::Processing));
    let seen = server.seen();
    assert_eq!(seen[1].param("screenshots").as_deref(), Some("true"));
    assert_eq!(seen[2].path, "/v3.0/encodings.json");
    assert_eq!(seen[2].param("video_id").as_deref(), Some("v1"));
    assert_eq!(seen[2].param("profile_name").as_deref(), Some("thumbs"));
    assert!(seen.iter().all(|s| signature_is_valid(s, "127.0.0.1")));
}

#[tokio::test]
async fn profiles_are_listed_fetched_and_created_with_their_options() {
    let server = MockServer::start(|_, seen| match seen.method.as_str() {
        "POST" => json(
            200,
            json!({"id": "p2", "name": "thumbs", "preset_name": "thumbnail",
                                   "frame_offsets": "5s"}),
        ),
        _ if seen.path.ends_with("/profiles.json") => json(
            200,
            json!({"profiles": [{"id": "p1", "name": "h264"}], "total": 1}),
        ),
        _ => json(200, json!({"id": "p1", "name": "h264", "h264_crf": 23})),
    })
    .await;
    let client = server.flip_client().build().unwrap();

    let list = client.profiles().list().await.unwrap();
    let one = client.profiles().get("h264").await.unwrap();
    let mut options = serde_json::Map::new();
    options.insert("frame_offsets".into(), json!("5s"));
    let created = client
        .profiles()
        .create(&NewProfile {
            name: Some("thumbs".into()),
            preset_name: Some("thumbnail".into()),
            options,
        })
        .await
        .unwrap();

    assert_eq!(list.total, Some(1));
    assert_eq!(one.options.get("h264_crf"), Some(&json!(23)));
    assert_eq!(created.frame_offsets.as_deref(), Some("5s"));
    let body: serde_json::Value = serde_json::from_slice(&server.seen()[2].body).unwrap();
    assert_eq!(
        body,
        json!({"name": "thumbs", "preset_name": "thumbnail", "frame_offsets": "5s"})
    );
}
