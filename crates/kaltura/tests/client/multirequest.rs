//! multirequest against the simulator: references, and a failing call in the middle.

use kaltura::{MediaEntry, MediaType, UploadToken};

use crate::helpers::spawn_sim;

#[tokio::test]
async fn a_failing_middle_call_keeps_its_error_and_the_others_succeed() {
    let test = spawn_sim().await;
    let client = &test.client;
    let entry = MediaEntry {
        name: Some("batch".into()),
        media_type: Some(MediaType::Video),
        ..Default::default()
    };

    let mut batch = client.multirequest();
    let added = batch.push(client.media().add(&entry));
    let missing = batch.push(client.media().get("0_missing1"));
    let again = batch.push(client.media().get(&added.reference("id")));
    let count = batch.push(client.media().count(None));
    let mut results = batch.send().await.unwrap();

    let added = results.take(&added).unwrap();
    let error = results.take(&missing).unwrap_err();
    let again = results.take(&again).unwrap();
    assert_eq!(error.kaltura_code(), Some("ENTRY_ID_NOT_FOUND"));
    assert_eq!(again.id, added.id);
    assert_eq!(again.name.as_deref(), Some("batch"));
    assert!(results.take(&count).unwrap() >= 0);
    assert!(matches!(
        results.take(&count),
        Err(kaltura::Error::MultirequestSlot { index: 3 })
    ));
}

#[tokio::test]
async fn an_empty_batch_needs_no_round_trip() {
    let test = spawn_sim().await;

    let results = test.client.multirequest().send().await;

    assert!(results.is_ok());
}

#[tokio::test]
async fn slots_of_another_batch_are_refused() {
    let test = spawn_sim().await;
    let client = &test.client;
    let mut first = client.multirequest();
    let slot = first.push(client.upload_token().add(&UploadToken::default()));
    let mut second = client.multirequest();
    second.push(client.upload_token().add(&UploadToken::default()));

    let mut results = second.send().await.unwrap();

    assert!(matches!(
        results.take(&slot),
        Err(kaltura::Error::MultirequestSlot { .. })
    ));
}
