//! Factory, profiles, a multipart upload through to a fetched output, delete, and refused credentials.

use std::time::Duration;

use telestream::Status;
use telestream_sim::{DEMO_FACTORY_ID, Simulator};

use super::setup::{MODES, client, client_with_secret, fixture, spawn, wait_for_encodings};

#[tokio::test]
async fn the_demo_factory_and_its_profile_are_read_in_both_modes() {
    let sim = spawn(Simulator::builder()).await;
    for mode in MODES {
        let client = client(&sim, mode);
        let factory = client.factories().get(DEMO_FACTORY_ID).await.unwrap();
        assert_eq!(factory.id.as_deref(), Some(DEMO_FACTORY_ID), "{mode:?}");
        assert!(factory.url.is_some(), "{mode:?}");
        let profiles = client.profiles().list().await.unwrap();
        assert!(
            profiles
                .items
                .iter()
                .any(|p| p.name.as_deref() == Some("h264")),
            "{mode:?}: {profiles:?}"
        );
    }
    sim.shutdown().await.unwrap();
}

#[tokio::test]
async fn a_multipart_upload_is_encoded_and_its_output_has_the_uploaded_bytes() {
    let sim = spawn(Simulator::builder().encoding_delay(Duration::from_millis(150))).await;
    let path = fixture("sample.mp4");
    let original = std::fs::read(&path).unwrap();
    let http = reqwest::Client::new();
    for mode in MODES {
        let client = client(&sim, mode);
        let uploaded = client
            .upload()
            .profiles(["h264"])
            .payload("kts-1")
            .small_from_path(&path)
            .await
            .unwrap();
        let id = uploaded.id.clone().unwrap();
        let video = client.videos().get(&id).await.unwrap();
        assert_eq!(video.status, Some(Status::Success), "{mode:?}");
        assert_eq!(video.file_size, Some(original.len() as u64), "{mode:?}");
        assert_eq!(video.payload.as_deref(), Some("kts-1"), "{mode:?}");
        assert_eq!(
            video.original_filename.as_deref(),
            Some("sample.mp4"),
            "{mode:?}"
        );
        assert!(
            video.width.is_some() && video.duration.is_some(),
            "{mode:?}: {video:?}"
        );

        let encodings = wait_for_encodings(&client, &id).await;
        let factory = client.factories().get(DEMO_FACTORY_ID).await.unwrap();
        let files_url = factory.url.unwrap();
        assert_eq!(
            encodings[0].profile_name.as_deref(),
            Some("h264"),
            "{mode:?}"
        );
        assert_eq!(
            encodings[0].video_id.as_deref(),
            Some(id.as_str()),
            "{mode:?}"
        );
        let output = encodings[0].files.clone().unwrap_or_default();
        assert_eq!(output.len(), 1, "{mode:?}: {encodings:?}");
        let response = http
            .get(format!("{files_url}{}", output[0]))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{mode:?}");
        assert_eq!(response.bytes().await.unwrap(), original, "{mode:?}");
    }
    sim.shutdown().await.unwrap();
}

#[tokio::test]
async fn a_deleted_video_is_not_found_afterwards() {
    let sim = spawn(Simulator::builder().encoding_delay(Duration::ZERO)).await;
    for mode in MODES {
        let client = client(&sim, mode);
        let video = client
            .upload()
            .small_from_path(fixture("sample.webm"))
            .await
            .unwrap();
        let id = video.id.unwrap();
        client.videos().delete(&id).await.unwrap();
        let error = client.videos().get(&id).await.unwrap_err();
        assert!(error.is_not_found(), "{mode:?}: {error:?}");
        assert_eq!(error.platform_error(), Some("RecordNotFound"), "{mode:?}");
    }
    sim.shutdown().await.unwrap();
}

#[tokio::test]
async fn a_wrong_secret_is_answered_401_with_the_platforms_error() {
    let sim = spawn(Simulator::builder()).await;
    for mode in MODES {
        let client = client_with_secret(&sim, mode, Some("not_the_secret_0000000000"));
        let error = client.profiles().list().await.unwrap_err();
        assert!(error.is_unauthorized(), "{mode:?}: {error:?}");
        assert_eq!(error.status(), Some(401), "{mode:?}");
        assert_eq!(error.platform_error(), Some("NotAuthorized"), "{mode:?}");
    }
    sim.shutdown().await.unwrap();
}

#[tokio::test]
async fn videos_list_by_page_and_an_encoding_and_metadata_are_read_in_both_modes() {
    let sim = spawn(Simulator::builder().encoding_delay(Duration::ZERO)).await;
    for mode in MODES {
        let client = client(&sim, mode);
        let mut ids = Vec::new();
        for _ in 0..3 {
            let video = client
                .upload()
                .small_from_path(fixture("sample.mp4"))
                .await
                .unwrap();
            ids.push(video.id.unwrap());
        }
        let query = telestream::VideoQuery {
            page: Some(1),
            per_page: Some(2),
            status: Some(Status::Success),
        };
        let page = client.videos().list(&query).await.unwrap();
        assert_eq!(page.items.len(), 2, "{mode:?}: {page:?}");
        let encodings = wait_for_encodings(&client, &ids[0]).await;
        let id = encodings[0].id.clone().unwrap();
        let encoding = client.encodings().get(&id, false).await.unwrap();
        assert_eq!(encoding.status, Some(Status::Success), "{mode:?}");
        let metadata = client.videos().metadata(&ids[0]).await.unwrap();
        assert!(!metadata.is_empty(), "{mode:?}");
    }
    sim.shutdown().await.unwrap();
}

#[tokio::test]
async fn a_profile_created_from_a_preset_is_found_by_name_and_encodes_a_video() {
    let sim = spawn(Simulator::builder().encoding_delay(Duration::ZERO)).await;
    for (mode, name) in MODES.into_iter().zip(["thumbs_v3", "thumbs_flip"]) {
        let client = client(&sim, mode);
        let mut profile = telestream::NewProfile {
            name: Some(name.to_owned()),
            preset_name: Some("h264".to_owned()),
            ..Default::default()
        };
        profile.options.insert("width".into(), 320.into());
        let created = client.profiles().create(&profile).await.unwrap();
        assert_eq!(created.name.as_deref(), Some(name), "{mode:?}");
        let found = client.profiles().get(name).await.unwrap();
        assert_eq!(found.id, created.id, "{mode:?}");
        assert_eq!(found.width, Some(320), "{mode:?}: {found:?}");
        let video = client
            .upload()
            .small_from_path(fixture("sample.mp4"))
            .await
            .unwrap();
        let encoding = client
            .encodings()
            .create(
                video.id.as_deref().unwrap(),
                &telestream::ProfileRef::Name(name.to_owned()),
            )
            .await
            .unwrap();
        assert_eq!(encoding.profile_name.as_deref(), Some(name), "{mode:?}");
    }
    sim.shutdown().await.unwrap();
}
