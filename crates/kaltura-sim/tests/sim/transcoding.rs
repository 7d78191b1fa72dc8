//! `flavorParams`, `conversionProfile` and `flavorAsset` over HTTP (kaltura-api-v3.md 7.7, 7.8): what KTS
//! does to add its mobile flavor to the default profile, and the errors on the way.

use serde_json::json;

use crate::asset_helpers::AdminSim;
use crate::helpers::code;

#[tokio::test]
async fn a_new_flavor_is_appended_to_the_default_profile() {
    let sim = AdminSim::start().await;
    let params = json!({"objectType": "KalturaFlavorParams", "name": "kts_ipad", "format": "mp4", "videoCodec": "h264", "height": 720});

    let flavor = sim
        .call("flavorParams", "add", json!({"flavorParams": params}))
        .await;
    let profile = sim.call("conversionProfile", "getDefault", json!({})).await;
    let ids = format!(
        "{},{}",
        profile["flavorParamsIds"].as_str().unwrap(),
        flavor["id"]
    );
    let updated = sim
        .call("conversionProfile", "update", json!({"id": profile["id"], "conversionProfile": {"objectType": "KalturaConversionProfile", "flavorParamsIds": ids}}))
        .await;

    assert_eq!(flavor["name"], "kts_ipad");
    assert_eq!(profile["isPartnerDefault"], json!(true));
    assert_eq!(updated["flavorParamsIds"], json!(ids));
    let fetched = sim
        .call("flavorParams", "get", json!({"id": flavor["id"]}))
        .await;
    assert_eq!(fetched["height"], json!(720));
    let listed = sim.call("flavorParams", "list", json!({})).await;
    assert!(
        listed["objects"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["id"] == flavor["id"])
    );
}

#[tokio::test]
async fn flavor_params_store_and_echo_every_property_they_are_given() {
    let sim = AdminSim::start().await;
    let params = json!({"objectType": "KalturaFlavorParams", "name": "full",
        "description": "all of it", "frameRate": "29.97", "gopSize": "48", "audioChannels": "2",
        "audioSampleRate": "44100", "conversionEngines": "2,99", "twoPass": "1",
        "requiredPermissions": [{"objectType": "KalturaString", "value": "FEATURE_X"}],
        "somethingUnknown": "ignored"});

    let added = sim
        .call("flavorParams", "add", json!({"flavorParams": params}))
        .await;
    let fetched = sim
        .call("flavorParams", "get", json!({"id": added["id"]}))
        .await;

    for answer in [&added, &fetched] {
        assert_eq!(answer["description"], "all of it", "{answer}");
        assert_eq!(answer["frameRate"], json!(29.97));
        assert_eq!(answer["gopSize"], json!(48));
        assert_eq!(answer["audioChannels"], json!(2));
        assert_eq!(answer["audioSampleRate"], json!(44100));
        assert_eq!(answer["conversionEngines"], "2,99");
        assert_eq!(answer["twoPass"], json!(true));
        assert_eq!(
            answer["requiredPermissions"],
            json!([{"objectType": "KalturaString", "value": "FEATURE_X"}])
        );
        assert!(answer.get("somethingUnknown").is_none());
    }
    let system = sim.call("flavorParams", "get", json!({"id": 2})).await;
    assert_eq!(system["description"], "");
    assert_eq!(system["twoPass"], json!(false));
}

#[tokio::test]
async fn profile_and_params_errors() {
    let sim = AdminSim::start().await;
    let profile = sim.call("conversionProfile", "getDefault", json!({})).await;
    let update = |ids: &str| json!({"id": profile["id"], "conversionProfile": {"objectType": "KalturaConversionProfile", "flavorParamsIds": ids}});

    assert_eq!(
        code(
            &sim.call("conversionProfile", "update", update("0,2,2"))
                .await
        ),
        "FLAVOR_PARAMS_DUPLICATE"
    );
    assert_eq!(
        code(
            &sim.call("conversionProfile", "update", update("0,999999"))
                .await
        ),
        "FLAVOR_PARAMS_ID_NOT_FOUND"
    );
    assert_eq!(
        code(
            &sim.call("conversionProfile", "get", json!({"id": 987654}))
                .await
        ),
        "CONVERSION_PROFILE_ID_NOT_FOUND"
    );
    assert_eq!(
        code(&sim.call("flavorParams", "get", json!({"id": 987654})).await),
        "FLAVOR_PARAMS_ID_NOT_FOUND"
    );
    let nameless = sim
        .call(
            "flavorParams",
            "add",
            json!({"flavorParams": {"objectType": "KalturaFlavorParams"}}),
        )
        .await;
    assert_eq!(code(&nameless), "PROPERTY_VALIDATION_CANNOT_BE_NULL");
}

#[tokio::test]
async fn a_ready_entry_lists_its_source_flavor() {
    let sim = AdminSim::start().await;
    let entry = sim.ready_entry("media/sample.mp4", 1).await;

    let list = sim
        .call(
            "flavorAsset",
            "list",
            json!({"filter": {"entryIdEqual": entry["id"]}}),
        )
        .await;

    let flavors = list["objects"].as_array().unwrap();
    assert_eq!(flavors.len(), 1, "{list}");
    assert_eq!(
        (
            flavors[0]["isOriginal"].clone(),
            flavors[0]["status"].clone()
        ),
        (json!(true), json!(2))
    );
    let url = sim
        .call("flavorAsset", "getUrl", json!({"id": flavors[0]["id"]}))
        .await;
    let bytes = sim.get(url.as_str().unwrap()).await.bytes().await.unwrap();
    assert_eq!(
        bytes.len(),
        std::fs::read(crate::asset_helpers::fixture("media/sample.mp4"))
            .unwrap()
            .len()
    );
}
