//! The `kts` binary: `kts sim` announces its address and answers;
//! `kts instance` and `kts apikey` manage the store and never print secrets;
//! every command `kts demo` prints works when replayed.

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
fn instance_commands_set_and_show_the_ks_version() {
    let folder = tempfile::tempdir().unwrap();
    let database = folder.path().join("kts.sqlite3");
    let database = database.to_str().unwrap();
    let add = |version: &str| {
        kts(
            database,
            &[
                "instance",
                "add",
                "--name",
                "Archive",
                "--service-url",
                "www.kaltura.com",
                "--partner-id",
                "321",
                "--user-id",
                "me@example.org",
                "--ks-version",
                version,
            ],
        )
    };
    let refused = add("v3");
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("v1 or v2"),
        "{refused:?}"
    );
    stdout(&add("v1"));
    let version_of_first = || {
        let list = stdout(&kts(database, &["instance", "list"]));
        let mut lines = list.lines();
        let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
        let column = header.iter().position(|h| *h == "ks_version");
        let column = column.unwrap_or_else(|| panic!("no ks_version column: {list}"));
        lines
            .next()
            .unwrap()
            .split('\t')
            .nth(column)
            .unwrap()
            .to_owned()
    };
    assert_eq!(version_of_first(), "v1");
    stdout(&kts(
        database,
        &["instance", "update", "1", "--name", "Old"],
    ));
    assert_eq!(version_of_first(), "v1", "other updates keep it");
    stdout(&kts(
        database,
        &["instance", "update", "1", "--ks-version", "v2"],
    ));
    assert_eq!(version_of_first(), "v2");
}

#[test]
fn instance_commands_set_and_show_the_compression_of_either_platform() {
    let folder = tempfile::tempdir().unwrap();
    let database = folder.path().join("kts.sqlite3");
    let database = database.to_str().unwrap();
    let kaltura = [
        "instance",
        "add",
        "--name",
        "Archive",
        "--service-url",
        "www.kaltura.com",
        "--partner-id",
        "321",
        "--user-id",
        "me@example.org",
    ];
    stdout(&kts(database, &kaltura));
    // Without the Kaltura secrets of `kts()`, which a factory refuses.
    let factory = Command::new(KTS)
        .args([
            "instance",
            "add",
            "--name",
            "Factory",
            "--platform",
            "telestream",
            "--api-generation",
            "flip-3.1",
            "--factory-id",
            "f1",
            "--compression",
            "off",
        ])
        .env("KTS_DATABASE_URL", database)
        .env("KTS_SECRET_KEY", KEY)
        .env("KTS_INSTANCE_API_KEY", "tcs_test")
        .output()
        .unwrap();
    stdout(&factory);
    let compressions = || {
        let list = stdout(&kts(database, &["instance", "list"]));
        let mut lines = list.lines();
        let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
        let column = header.iter().position(|h| *h == "compression");
        let column = column.unwrap_or_else(|| panic!("no compression column: {list}"));
        lines
            .map(|line| line.split('\t').nth(column).unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(compressions(), ["auto", "off"]);

    stdout(&kts(
        database,
        &["instance", "update", "1", "--compression", "on"],
    ));
    assert_eq!(compressions(), ["on", "off"]);
    let refused = kts(
        database,
        &["instance", "update", "1", "--compression", "brotli"],
    );
    assert!(!refused.status.success());
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

/// Splits a printed shell command into words: whitespace separates, single
/// quotes group (the demo prints no other shell syntax).
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut in_word = false;
    for c in line.chars() {
        match c {
            '\'' => {
                quoted = !quoted;
                in_word = true;
            }
            c if c.is_whitespace() && !quoted => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            c => {
                word.push(c);
                in_word = true;
            }
        }
    }
    assert!(!quoted, "unbalanced quote in {line}");
    if in_word {
        words.push(word);
    }
    words
}

/// Sends what a printed `curl` command sends (`-H`, `-F name=value`,
/// `-F name=@file`, `-o` ignored): multipart POST with `-F`, else GET.
async fn replay_curl(client: &reqwest::Client, line: &str) -> reqwest::Response {
    let words = shell_words(line);
    assert_eq!(words.first().map(String::as_str), Some("curl"), "{line}");
    let mut url = None;
    let mut headers = Vec::new();
    let mut form: Option<reqwest::multipart::Form> = None;
    let mut rest = words[1..].iter();
    while let Some(word) = rest.next() {
        match word.as_str() {
            "-H" => {
                let header = rest.next().unwrap();
                let (name, value) = header.split_once(':').unwrap();
                headers.push((name.trim().to_owned(), value.trim().to_owned()));
            }
            "-F" => {
                let field = rest.next().unwrap();
                let (name, value) = field.split_once('=').unwrap();
                let current = form.take().unwrap_or_default();
                form = Some(match value.strip_prefix('@') {
                    Some(path) => {
                        let bytes = std::fs::read(path).unwrap();
                        let file_name = std::path::Path::new(path)
                            .file_name()
                            .unwrap()
                            .to_string_lossy()
                            .into_owned();
                        current.part(
                            name.to_owned(),
                            reqwest::multipart::Part::bytes(bytes).file_name(file_name),
                        )
                    }
                    None => current.text(name.to_owned(), value.to_owned()),
                });
            }
            "-o" => {
                rest.next().unwrap();
            }
            other if other.starts_with("http://") => url = Some(other.to_owned()),
            other => panic!("the demo printed an option this test does not know: {other}"),
        }
    }
    let url = url.unwrap_or_else(|| panic!("no URL in {line}"));
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    let mut request = match form {
        Some(form) => client.post(&url).multipart(form),
        None => client.get(&url),
    };
    for (name, value) in headers {
        request = request.header(name, value);
    }
    request.send().await.unwrap()
}

#[tokio::test]
async fn kts_demo_prints_commands_that_work() {
    let folder = tempfile::tempdir().unwrap();
    let mut child = tokio::process::Command::new(KTS)
        .args(["demo", "--port", "0", "--sim-port", "0", "--data-dir"])
        .arg(folder.path().join("demo"))
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut reader = tokio::io::BufReader::new(child.stdout.take().unwrap());
    let mut printed = String::new();
    // A guard against a hung start, not a speed requirement.
    tokio::time::timeout(std::time::Duration::from_secs(300), async {
        while !printed.contains("Stop with Ctrl-C.") {
            let read = reader.read_line(&mut printed).await.unwrap();
            assert!(read > 0, "kts demo ended early:\n{printed}");
        }
    })
    .await
    .unwrap_or_else(|_| panic!("kts demo did not finish starting:\n{printed}"));

    let field = |label: &str| {
        printed
            .lines()
            .find_map(|l| l.trim().strip_prefix(label))
            .and_then(|rest| rest.split_whitespace().next())
            .unwrap_or_else(|| panic!("no {label} line in:\n{printed}"))
            .to_owned()
    };
    let entry = field("Sample entry");
    assert!(entry.starts_with("1:0_"), "{entry}");
    // The demo's second instance is a Telestream factory with a sample of its own.
    let telestream_entry = field("Telestream sample");
    assert!(telestream_entry.starts_with("2:"), "{telestream_entry}");
    let client = reqwest::Client::new();
    for page in [field("Player page"), field("Admin")] {
        assert!(page.starts_with("http://127.0.0.1:"), "{page}");
        let response = client.get(&page).send().await.unwrap();
        assert!(
            response.status().is_success(),
            "{page}: {}",
            response.status()
        );
    }

    let commands: Vec<&str> = printed
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("curl "))
        .collect();
    let calls = [
        "upload_file",
        "get_media",
        "search_video",
        "thumbnail_list",
        "list_captions",
        "add_caption",
        "get_excel",
        "del_media",
    ];
    for call in calls {
        assert!(
            commands
                .iter()
                .any(|c| c.contains(&format!("/service/{call}"))),
            "no {call} command in:\n{printed}"
        );
    }
    assert!(
        commands
            .iter()
            .any(|c| c.contains("pullPath=http://127.0.0.1:"))
    );
    for command in &commands {
        if command.contains("/service/get_media") || command.contains("/service/add_caption") {
            assert!(
                command.contains(&entry) || command.contains(&telestream_entry),
                "{command}"
            );
        }
        let response = replay_curl(&client, command).await;
        let status = response.status();
        let bytes = response.bytes().await.unwrap();
        assert!(
            status.is_success(),
            "{command}: {status} {}",
            String::from_utf8_lossy(&bytes)
        );
        if command.contains("get_excel") {
            // An .xlsx file is a zip archive.
            assert!(bytes.starts_with(b"PK"), "{command}");
        } else {
            let body: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
            assert_ne!(
                body["success"],
                serde_json::json!(false),
                "{command}: {body}"
            );
            assert!(
                !body.as_array().is_some_and(Vec::is_empty),
                "{command}: {body}"
            );
        }
    }
    child.kill().await.unwrap();
}
