//! The `kts` binary: `kts sim` announces its address and answers;
//! `kts instance` and `kts apikey` manage the store and never print secrets.

use std::process::{Command, Stdio};

use tokio::io::AsyncBufReadExt;

const KTS: &str = env!("CARGO_BIN_EXE_kts");
const KEY: &str = "cli-test-key-cli-test-key-cli-test-key";

fn kts(database: &str, args: &[&str]) -> std::process::Output {
    Command::new(KTS)
        .args(args)
        .env("KTS_DATABASE_URL", database)
        .env("KTS_SECRET_KEY", KEY)
        .env("KTS_INSTANCE_ADMIN_SECRET", "very-secret-admin")
        .env("KTS_INSTANCE_USER_SECRET", "very-secret-user")
        .output()
        .unwrap()
}

fn stdout(output: &std::process::Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).unwrap()
}

#[test]
fn instance_commands_manage_the_store_without_printing_secrets() {
    let folder = tempfile::tempdir().unwrap();
    let database = folder.path().join("kts.sqlite3");
    let database = database.to_str().unwrap();
    let added = kts(
        database,
        &[
            "instance",
            "add",
            "--name",
            "Museum",
            "--service-url",
            "www.kaltura.com",
            "--partner-id",
            "321",
            "--user-id",
            "me@example.org",
        ],
    );
    assert!(stdout(&added).contains("added instance 1"));

    let updated = kts(database, &["instance", "update", "1", "--name", "Library"]);
    assert!(stdout(&updated).contains("updated instance 1"));

    let list = stdout(&kts(database, &["instance", "list"]));
    assert!(list.contains("Library"), "{list}");
    assert!(list.contains("https://www.kaltura.com"), "{list}");
    assert!(!list.contains("very-secret"), "{list}");

    let removed = kts(database, &["instance", "remove", "1"]);
    assert!(stdout(&removed).contains("removed instance 1"));
    let again = kts(database, &["instance", "remove", "1"]);
    assert!(!again.status.success());
}

#[test]
fn apikey_commands_show_the_key_once() {
    let folder = tempfile::tempdir().unwrap();
    let database = folder.path().join("kts.sqlite3");
    let database = database.to_str().unwrap();
    let created = stdout(&kts(
        database,
        &["apikey", "create", "site", "--scope", "read"],
    ));
    let key = created
        .split_whitespace()
        .find(|w| w.starts_with("kts_"))
        .unwrap()
        .to_owned();
    let list = stdout(&kts(database, &["apikey", "list"]));
    assert!(list.contains("site\tread"), "{list}");
    assert!(!list.contains(&key), "{list}");
    assert!(stdout(&kts(database, &["apikey", "revoke", "1"])).contains("revoked"));
    let list = stdout(&kts(database, &["apikey", "list"]));
    let row = list.lines().find(|l| l.contains("site")).unwrap();
    assert!(!row.ends_with("\t-"), "revocation time missing: {row}");
}

#[test]
fn a_missing_secret_key_is_named_at_start() {
    let output = Command::new(KTS)
        .args(["instance", "list"])
        .env_remove("KTS_SECRET_KEY")
        .env("KTS_DATABASE_URL", "unused.sqlite3")
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("KTS_SECRET_KEY"), "{stderr}");
}

#[tokio::test]
async fn kts_sim_announces_its_address_and_answers() {
    let mut child = tokio::process::Command::new(KTS)
        .args(["sim", "--listen", "127.0.0.1:0", "--ready-delay-ms", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut line = String::new();
    tokio::io::BufReader::new(stdout)
        .read_line(&mut line)
        .await
        .unwrap();
    let base_url = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap()
        .to_owned();
    assert!(base_url.starts_with("http://127.0.0.1:"), "{base_url}");
    let partner = kaltura_sim::Partner::demo();
    let response = reqwest::get(format!(
        "{base_url}/api_v3/service/session/action/start?format=1&partnerId={}&secret={}&type=2",
        partner.id, partner.admin_secret
    ))
    .await
    .unwrap();
    assert!(response.status().is_success(), "{}", response.status());
    let body = response.text().await.unwrap();
    assert!(!body.contains("KalturaAPIException"), "{body}");
    child.kill().await.unwrap();
}
