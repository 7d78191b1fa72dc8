//! thumbAsset, captionAsset, flavorParams, conversionProfile and flavorAsset against the simulator.

use std::time::Duration;

use kaltura::{
    AssetFilter, AssetStatus, CaptionAsset, CaptionType, ConversionProfile, EntryStatus,
    FlavorParams, MediaType, Resource, ThumbAsset, ThumbParams,
};

use crate::helpers::{TestSim, spawn_sim};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/../../fixtures/media/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(path).unwrap()
}

/// A READY video entry made from the sample mp4.
async fn ready_video(test: &TestSim) -> String {
    let entry = test
        .entry_with(
            "video",
            "sample.mp4",
            fixture("sample.mp4"),
            MediaType::Video,
        )
        .await;
    let id = entry.id.unwrap();
    for _ in 0..200 {
        if test.client.media().get(&id).await.unwrap().status == Some(EntryStatus::Ready) {
            return id;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("entry {id} never became READY");
}

#[tokio::test]
async fn thumbnails_add_list_default_url_generate_and_delete() {
    let test = spawn_sim().await;
    let thumbs = test.client.thumb_asset();
    let entry_id = ready_video(&test).await;

    let from_image = thumbs
        .add_from_image(&entry_id, "sample.png", fixture("sample.png").into())
        .await
        .unwrap();
    let image_id = from_image.id.clone().unwrap();
    assert_eq!(from_image.status, Some(AssetStatus::Ready));
    assert!(from_image.width.is_some_and(|w| w > 0));

    let token = test
        .client
        .upload()
        .file_name("sample.jpg")
        .from_reader(std::io::Cursor::new(fixture("sample.jpg")), None)
        .await
        .unwrap();
    let empty = thumbs.add(&entry_id, &ThumbAsset::default()).await.unwrap();
    assert_eq!(empty.status, Some(AssetStatus::Queued));
    let filled = thumbs
        .set_content(
            empty.id.as_deref().unwrap(),
            &Resource::UploadedFileToken {
                token: token.id.unwrap(),
            },
        )
        .await
        .unwrap();
    assert_eq!(filled.status, Some(AssetStatus::Ready));

    let generated = thumbs
        .generate(
            &entry_id,
            &ThumbParams {
                video_offset: Some(1.0),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(generated.status, Some(AssetStatus::Ready));

    thumbs.set_as_default(&image_id).await.unwrap();
    assert!(thumbs.get(&image_id).await.unwrap().is_default());
    let listed = thumbs
        .list(&AssetFilter::for_entry(&entry_id), None)
        .await
        .unwrap();
    let ids: Vec<_> = listed.objects.iter().filter_map(|t| t.id.clone()).collect();
    assert!(
        ids.contains(&image_id) && ids.contains(generated.id.as_ref().unwrap()),
        "{ids:?}"
    );
    assert_eq!(listed.objects.iter().filter(|t| t.is_default()).count(), 1);

    let url = thumbs.get_url(&image_id).await.unwrap();
    assert!(url.starts_with("http"), "{url}");

    let refused = thumbs.delete(&image_id).await.unwrap_err();
    assert_eq!(refused.kaltura_code(), Some("THUMB_ASSET_IS_DEFAULT"));
    thumbs
        .delete(generated.id.as_deref().unwrap())
        .await
        .unwrap();
    assert!(
        thumbs
            .get(generated.id.as_deref().unwrap())
            .await
            .unwrap_err()
            .is_not_found()
    );
}

#[tokio::test]
async fn captions_add_set_content_update_default_url_and_delete() {
    let test = spawn_sim().await;
    let captions = test.client.caption_asset();
    let entry_id = ready_video(&test).await;
    let srt = "1\n00:00:00,000 --> 00:00:01,000\nHello\n";

    let wanted = CaptionAsset {
        language: Some("English".into()),
        format: Some(CaptionType::Srt),
        label: Some("English".into()),
        ..Default::default()
    };
    let added = captions.add(&entry_id, &wanted).await.unwrap();
    let id = added.id.clone().unwrap();
    assert_eq!(added.status, Some(AssetStatus::Queued));
    let filled = captions
        .set_content(
            &id,
            &Resource::String {
                content: srt.into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(filled.status, Some(AssetStatus::Ready));
    assert_eq!(filled.language_code.as_deref(), Some("en"));

    let updated = captions
        .update(
            &id,
            &CaptionAsset {
                label: Some("English (CC)".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(updated.label.as_deref(), Some("English (CC)"));
    captions.set_as_default(&id).await.unwrap();
    assert_eq!(captions.get(&id).await.unwrap().is_default, Some(true));
    let listed = captions
        .list(&AssetFilter::for_entry(&entry_id), None)
        .await
        .unwrap();
    assert_eq!(listed.total_count, Some(1));
    assert!(captions.get_url(&id).await.unwrap().starts_with("http"));

    captions.delete(&id).await.unwrap();
    let error = captions.get(&id).await.unwrap_err();
    assert_eq!(error.kaltura_code(), Some("CAPTION_ASSET_ID_NOT_FOUND"));
    assert!(error.is_not_found());
}

#[tokio::test]
async fn a_new_flavor_is_appended_to_the_default_conversion_profile() {
    let test = spawn_sim().await;
    let wanted = FlavorParams {
        name: Some("kts_ipad".into()),
        format: Some("mp4".into()),
        video_codec: Some("h264".into()),
        audio_codec: Some("aac".into()),
        video_bitrate: Some(1200),
        height: Some(720),
        ..Default::default()
    };

    let flavor = test.client.flavor_params().add(&wanted).await.unwrap();
    let profile = test
        .client
        .conversion_profile()
        .get_default()
        .await
        .unwrap();
    let mut ids = profile.flavor_params_id_list();
    let new_id = flavor.id.unwrap();
    ids.push(new_id);
    let joined = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let updated = test
        .client
        .conversion_profile()
        .update(
            profile.id.unwrap(),
            &ConversionProfile {
                flavor_params_ids: Some(joined),
                ..Default::default()
            },
        )
        .await
        .unwrap();

    assert_eq!(flavor.name.as_deref(), Some("kts_ipad"));
    assert_eq!(profile.is_partner_default, Some(true));
    assert!(updated.flavor_params_id_list().contains(&new_id));
}

#[tokio::test]
async fn a_ready_video_lists_its_flavors() {
    let test = spawn_sim().await;
    let entry_id = ready_video(&test).await;

    let flavors = test
        .client
        .flavor_asset()
        .list(&AssetFilter::for_entry(&entry_id), None)
        .await
        .unwrap();

    assert!(!flavors.objects.is_empty());
    assert!(
        flavors
            .objects
            .iter()
            .all(|f| f.entry_id.as_deref() == Some(entry_id.as_str()))
    );
}
