//! uploadToken: chunked upload with resume and offsets, listing, ownership and errors.

use serde_json::json;

use crate::helpers::{code, spawn, spawn_with};
use std::time::Duration;

use kaltura_sim::Simulator;

#[tokio::test]
async fn sequential_chunks_with_resume_at_assemble_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let sim = spawn_with(Simulator::builder().data_dir(dir.path())).await;
    let ks = sim.admin_ks().await;
    let token = sim.call_ks(&ks, "uploadtoken", "add", json!({"uploadToken": {"objectType": "KalturaUploadToken", "fileName": "big.mp4", "fileSize": "10"}})).await;
    assert_eq!(token["status"], 0);
    let id = token["id"].as_str().unwrap();
    let first = sim
        .upload_part(
            &ks,
            id,
            "big.mp4",
            b"0123".to_vec(),
            &[
                ("resume", "False"),
                ("finalChunk", "False"),
                ("resumeAt", "-1"),
            ],
        )
        .await;
    assert_eq!(first["status"], 1);
    assert_eq!(first["uploadedFileSize"], 4);
    // A retried chunk overlapping what is there is harmless.
    let overlap = sim
        .upload_part(
            &ks,
            id,
            "big.mp4",
            b"23456".to_vec(),
            &[
                ("resume", "True"),
                ("finalChunk", "False"),
                ("resumeAt", "2"),
            ],
        )
        .await;
    assert_eq!(overlap["uploadedFileSize"], 7);
    let last = sim
        .upload_part(
            &ks,
            id,
            "big.mp4",
            b"789".to_vec(),
            &[
                ("resume", "True"),
                ("finalChunk", "True"),
                ("resumeAt", "7"),
            ],
        )
        .await;
    assert_eq!(last["status"], 2, "{last}");
    assert_eq!(last["uploadedFileSize"], 10);
    let bytes = std::fs::read(dir.path().join("files/uploads").join(id)).unwrap();
    assert_eq!(bytes, b"0123456789");
}

#[tokio::test]
async fn a_final_chunk_sent_first_waits_for_the_missing_chunks_and_completes_the_token() {
    let dir = tempfile::tempdir().unwrap();
    let sim = spawn_with(
        Simulator::builder()
            .data_dir(dir.path())
            .final_chunk_wait(Duration::from_secs(10)),
    )
    .await;
    let ks = sim.admin_ks().await;
    let id = sim.call_ks(&ks, "uploadtoken", "add", json!({})).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    sim.upload_part(
        &ks,
        &id,
        "f.bin",
        b"aa".to_vec(),
        &[("resume", "False"), ("finalChunk", "False")],
    )
    .await;
    let last = sim.upload_part(
        &ks,
        &id,
        "f.bin",
        b"d".to_vec(),
        &[
            ("resume", "True"),
            ("finalChunk", "True"),
            ("resumeAt", "6"),
        ],
    );
    let middle = async {
        // The final chunk is in and waiting before the others start.
        tokio::time::sleep(Duration::from_millis(200)).await;
        let other_token = sim.upload(&ks, "other.bin", b"x").await;
        let mut answers = vec![other_token.into()];
        for (bytes, at) in [(b"cc", "4"), (b"bb", "2")] {
            answers.push(
                sim.upload_part(
                    &ks,
                    &id,
                    "f.bin",
                    bytes.to_vec(),
                    &[
                        ("resume", "True"),
                        ("finalChunk", "False"),
                        ("resumeAt", at),
                    ],
                )
                .await,
            );
        }
        answers
    };
    let (last, middle) = tokio::time::timeout(Duration::from_secs(20), async {
        tokio::join!(last, middle)
    })
    .await
    .expect("the final chunk answers once the others are in");
    assert!(middle[1..].iter().all(|a| a["status"] == 1), "{middle:?}");
    assert_eq!(last["status"], 2, "{last}");
    assert_eq!(last["uploadedFileSize"], 7);
    let bytes = std::fs::read(dir.path().join("files/uploads").join(&id)).unwrap();
    assert_eq!(bytes, b"aabbccd");
}

#[tokio::test]
async fn out_of_order_chunks_are_parked_and_merged() {
    let dir = tempfile::tempdir().unwrap();
    let sim = spawn_with(
        Simulator::builder()
            .data_dir(dir.path())
            .final_chunk_wait(Duration::from_millis(100)),
    )
    .await;
    let ks = sim.admin_ks().await;
    let id = sim.call_ks(&ks, "uploadtoken", "add", json!({})).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    sim.upload_part(
        &ks,
        &id,
        "f.bin",
        b"aa".to_vec(),
        &[("resume", "False"), ("finalChunk", "False")],
    )
    .await;
    let parked = sim
        .upload_part(
            &ks,
            &id,
            "f.bin",
            b"cc".to_vec(),
            &[
                ("resume", "True"),
                ("finalChunk", "False"),
                ("resumeAt", "4"),
            ],
        )
        .await;
    assert_eq!(parked["uploadedFileSize"], 2);
    let mismatch = sim
        .upload_part(
            &ks,
            &id,
            "f.bin",
            Vec::new(),
            &[
                ("resume", "True"),
                ("finalChunk", "True"),
                ("resumeAt", "8"),
            ],
        )
        .await;
    assert_eq!(code(&mismatch), "UPLOAD_TOKEN_CANNOT_MATCH_EXPECTED_SIZE");
    let filled = sim
        .upload_part(
            &ks,
            &id,
            "f.bin",
            b"bb".to_vec(),
            &[
                ("resume", "True"),
                ("finalChunk", "False"),
                ("resumeAt", "2"),
            ],
        )
        .await;
    assert_eq!(filled["uploadedFileSize"], 6);
    let done = sim
        .upload_part(
            &ks,
            &id,
            "f.bin",
            Vec::new(),
            &[
                ("resume", "True"),
                ("finalChunk", "True"),
                ("resumeAt", "6"),
            ],
        )
        .await;
    assert_eq!(done["status"], 2, "{done}");
    assert_eq!(
        std::fs::read(dir.path().join("files/uploads").join(&id)).unwrap(),
        b"aabbcc"
    );
}

#[tokio::test]
async fn upload_errors() {
    let sim = spawn().await;
    let ks = sim.admin_ks().await;
    let id = sim.call_ks(&ks, "uploadtoken", "add", json!({})).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let resume = sim
        .upload_part(&ks, &id, "f.bin", b"x".to_vec(), &[("resume", "True")])
        .await;
    assert_eq!(code(&resume), "UPLOAD_TOKEN_CANNOT_RESUME");
    sim.upload_part(&ks, &id, "f.bin", b"x".to_vec(), &[]).await;
    let full = sim.upload_part(&ks, &id, "f.bin", b"x".to_vec(), &[]).await;
    assert_eq!(code(&full), "UPLOAD_TOKEN_INVALID_STATUS_FOR_UPLOAD");
    let unknown = sim
        .upload_part(
            &ks,
            "0_00000000000000000000000000000000",
            "f.bin",
            b"x".to_vec(),
            &[],
        )
        .await;
    assert_eq!(code(&unknown), "UPLOAD_TOKEN_NOT_FOUND");
    let no_file = sim
        .call_ks(&ks, "uploadtoken", "upload", json!({"uploadTokenId": id}))
        .await;
    assert!(
        [
            "MISSING_MANDATORY_PARAMETER",
            "UPLOAD_TOKEN_INVALID_STATUS_FOR_UPLOAD"
        ]
        .contains(&code(&no_file))
    );
    let fresh = sim.call_ks(&ks, "uploadtoken", "add", json!({})).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let no_file = sim
        .call_ks(
            &ks,
            "uploadtoken",
            "upload",
            json!({"uploadTokenId": fresh}),
        )
        .await;
    assert_eq!(code(&no_file), "MISSING_MANDATORY_PARAMETER");
    let text_file = sim
        .call_ks(
            &ks,
            "uploadtoken",
            "upload",
            json!({"uploadTokenId": fresh, "fileData": "not a file"}),
        )
        .await;
    assert_eq!(code(&text_file), "UPLOAD_ERROR");
    let auto = sim
        .call_ks(
            &ks,
            "uploadtoken",
            "add",
            json!({"uploadToken": {"objectType": "KalturaUploadToken", "autoFinalize": "1"}}),
        )
        .await;
    assert_eq!(code(&auto), "UPLOAD_TOKEN_MISSING_FILE_SIZE");
}

#[tokio::test]
async fn auto_finalize_completes_when_the_size_is_reached() {
    let sim = spawn().await;
    let ks = sim.admin_ks().await;
    let token = sim.call_ks(&ks, "uploadtoken", "add", json!({"uploadToken": {"objectType": "KalturaUploadToken", "autoFinalize": "1", "fileSize": "4"}})).await;
    let id = token["id"].as_str().unwrap();
    let half = sim
        .upload_part(&ks, id, "a.bin", b"ab".to_vec(), &[("finalChunk", "False")])
        .await;
    assert_eq!(half["status"], 1);
    let rest = sim
        .upload_part(
            &ks,
            id,
            "a.bin",
            b"cd".to_vec(),
            &[
                ("resume", "True"),
                ("finalChunk", "False"),
                ("resumeAt", "2"),
            ],
        )
        .await;
    assert_eq!(rest["status"], 2);
}

#[tokio::test]
async fn get_list_delete_and_user_ownership() {
    let sim = spawn().await;
    let admin = sim.admin_ks().await;
    let alice = sim.ks(0, "alice", None).await;
    let bob = sim.ks(0, "bob", None).await;
    let token = sim
        .call_ks(
            &alice,
            "uploadtoken",
            "add",
            json!({"uploadToken": {"objectType": "KalturaUploadToken", "fileName": "/x/a.mp4"}}),
        )
        .await;
    let id = token["id"].as_str().unwrap();
    assert_eq!(token["fileName"], "a.mp4");
    assert_eq!(
        code(
            &sim.call_ks(&bob, "uploadtoken", "get", json!({"uploadTokenId": id}))
                .await
        ),
        "UPLOAD_TOKEN_NOT_FOUND"
    );
    assert_eq!(
        sim.call_ks(&bob, "uploadtoken", "list", json!({})).await["totalCount"],
        0
    );
    assert_eq!(
        sim.call_ks(&alice, "uploadtoken", "list", json!({})).await["totalCount"],
        1
    );
    let by_name = sim
        .call_ks(
            &admin,
            "uploadtoken",
            "list",
            json!({"filter": {"objectType": "KalturaUploadTokenFilter", "fileNameEqual": "a.mp4"}}),
        )
        .await;
    assert_eq!(by_name["objects"][0]["id"], id);
    assert!(
        sim.call_ks(
            &alice,
            "uploadtoken",
            "delete",
            json!({"uploadTokenId": id})
        )
        .await
        .is_null()
    );
    assert_eq!(
        sim.call_ks(&admin, "uploadtoken", "get", json!({"uploadTokenId": id}))
            .await["status"],
        5
    );
    let after = sim
        .upload_part(&alice, id, "a.mp4", b"x".to_vec(), &[])
        .await;
    assert_eq!(code(&after), "UPLOAD_TOKEN_INVALID_STATUS_FOR_UPLOAD");
    let read_only = sim
        .call_ks(
            &admin,
            "uploadtoken",
            "add",
            json!({"uploadToken": {"objectType": "KalturaUploadToken", "status": "2"}}),
        )
        .await;
    assert_eq!(code(&read_only), "PROPERTY_VALIDATION_NOT_UPDATABLE");
}

#[tokio::test]
async fn assembled_files_are_bounded() {
    let sim = spawn_with(Simulator::builder().max_file_bytes(8)).await;
    let ks = sim.admin_ks().await;
    let id = sim.call_ks(&ks, "uploadtoken", "add", json!({})).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let first = sim
        .upload_part(
            &ks,
            &id,
            "f.bin",
            b"12345".to_vec(),
            &[("finalChunk", "False")],
        )
        .await;
    assert_eq!(first["uploadedFileSize"], 5);
    let too_far = sim
        .upload_part(
            &ks,
            &id,
            "f.bin",
            b"6789".to_vec(),
            &[("resume", "True"), ("finalChunk", "False")],
        )
        .await;
    assert_eq!(code(&too_far), "UPLOAD_ERROR");
    let huge_offset = sim
        .upload_part(
            &ks,
            &id,
            "f.bin",
            b"x".to_vec(),
            &[
                ("resume", "True"),
                ("finalChunk", "True"),
                ("resumeAt", "1e30"),
            ],
        )
        .await;
    assert_eq!(code(&huge_offset), "UPLOAD_ERROR");
    let form = reqwest::multipart::Form::new()
        .text(
            "json",
            json!({"ks": ks, "uploadTokenId": id, "format": "1"}).to_string(),
        )
        .part(
            "fileData",
            reqwest::multipart::Part::bytes(vec![0; 9]).file_name("f.bin"),
        );
    let too_big_part = sim
        .http
        .post(sim.url("uploadtoken", "upload"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(too_big_part.status(), 413);
}
