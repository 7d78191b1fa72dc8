//! Media facts read from uploads (kaltura-api-v3.md 13.1): width, height and duration of a READY entry
//! come from the uploaded file itself.

use crate::asset_helpers::AdminSim;

#[tokio::test]
async fn uploaded_files_give_their_real_facts() {
    let sim = AdminSim::start().await;
    for (file, media_type, size, has_duration) in [
        ("media/sample.webm", 1, Some((160, 120)), true),
        ("media/sample.mp3", 5, None, true),
        ("media/sample.wav", 5, None, true),
        ("media/sample.webp", 2, Some((160, 120)), false),
    ] {
        let entry = sim.ready_entry(file, media_type).await;

        let dims = entry["width"].as_i64().zip(entry["height"].as_i64());
        assert_eq!(dims, size, "{file}: {entry}");
        let ms = entry["msDuration"].as_i64().unwrap_or(0);
        if has_duration {
            assert!(ms.abs_diff(1000) <= 100, "{file}: {ms} ms");
        } else {
            assert_eq!(ms, 0, "{file}");
        }
    }
}
