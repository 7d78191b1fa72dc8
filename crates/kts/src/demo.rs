//! `kts demo`: KTS and in-process Kaltura and Telestream Cloud simulators,
//! wired together, so a new user sees every call work on both platforms in
//! one command with no account anywhere.
//!
//! Everything lives in one data folder (`kts-demo/` by default): the SQLite
//! store, a generated `KTS_SECRET_KEY` (kept so stored secrets stay readable
//! across runs), the simulators' state, the upload folder and copies of the
//! sample files the printed commands upload. Instance 1 is the simulated
//! Kaltura partner, instance 2 the simulated Telestream factory. Each run
//! uploads a sample entry to each through KTS's own operations (a tiny video,
//! plus a caption on Kaltura), waits until both are READY, then prints a fresh
//! admin password and API key once and ready-to-paste curl commands that use
//! the real entry ids.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context;
use clap::Args;
use kaltura_sim::{Partner, Simulator};
use secrecy::{ExposeSecret, SecretString};

use crate::app::App;
use crate::config::{AdminCredentials, DEFAULT_MAX_UPLOAD, Settings};
use crate::detect::caption::LanguageRequest;
use crate::detect::media_type::MediaType;
use crate::ids::{EntryId, InstanceId};
use crate::ingest::local::LocalFolder;
use crate::ingest::spool::{SpoolWriter, SpooledFile};
use crate::instances::{ClientOptions, Instances};
use crate::model::EntryStatus;
use crate::ops::captions::{self, NewCaption};
use crate::ops::media;
use crate::ops::upload::{self, UploadRequest, UploadSource};
use crate::secret::SecretKey;
use crate::secret::random_token;
use crate::store::{FieldValues, NewInstance, Scope, Store};

/// File in the data folder holding the demo's secret key.
const SECRET_KEY_FILE: &str = "secret.key";
/// Admin user name of the demo.
const DEMO_ADMIN_USER: &str = "admin";

/// The sample video uploaded at start and offered to the upload command.
const SAMPLE_VIDEO: &[u8] = include_bytes!("../../../fixtures/media/sample.mp4");
/// Its file name, in the data folder and as the upload's original name.
const SAMPLE_VIDEO_NAME: &str = "sample.mp4";
/// The sample caption added to the sample entry and offered to `add_caption`.
const SAMPLE_CAPTION: &[u8] = include_bytes!("../../../fixtures/captions/simple.srt");
/// Its file name, in the data folder and as the upload's original name.
const SAMPLE_CAPTION_NAME: &str = "simple.srt";
/// Longest wait for the sample entry to become READY (the simulator takes
/// 200 ms; a slow disk or machine gets plenty of slack).
const READY_TIMEOUT: Duration = Duration::from_secs(30);
/// Pause between two status checks of the sample entry.
const READY_POLL: Duration = Duration::from_millis(100);

/// Flags of `kts demo`.
#[derive(Debug, Clone, Args)]
pub struct DemoArgs {
    /// Port of KTS (0 picks a free port).
    #[arg(long, env = "PORT", default_value_t = crate::config::DEFAULT_PORT)]
    pub port: u16,

    /// Port of the simulated Kaltura (0 picks a free port).
    #[arg(long, env = "KTS_SIM_PORT", default_value_t = 0)]
    pub sim_port: u16,

    /// Port of the simulated Telestream Cloud (0 picks a free port).
    #[arg(long, env = "KTS_TELESTREAM_SIM_PORT", default_value_t = 0)]
    pub telestream_sim_port: u16,

    /// Folder for the demo's store, key, simulator state and uploads.
    #[arg(long, env = "KTS_DEMO_DIR", default_value = "kts-demo")]
    pub data_dir: PathBuf,
}

/// Runs the demo until Ctrl-C or SIGTERM.
pub(crate) async fn run(args: DemoArgs) -> anyhow::Result<()> {
    std::fs::create_dir_all(&args.data_dir)
        .with_context(|| format!("cannot create {}", args.data_dir.display()))?;
    let secret_key = load_or_create_key(&args.data_dir)?;
    let partner = Partner::demo();
    let sim = Simulator::builder()
        .partner(partner.clone())
        .data_dir(args.data_dir.join("simulator"))
        .bind(SocketAddr::new(
            IpAddr::V4(Ipv4Addr::LOCALHOST),
            args.sim_port,
        ))
        .spawn()
        .await
        .context("cannot start the simulator")?;
    let telestream_sim = telestream_sim::Simulator::builder()
        .data_dir(args.data_dir.join("telestream-simulator"))
        .bind(SocketAddr::new(
            IpAddr::V4(Ipv4Addr::LOCALHOST),
            args.telestream_sim_port,
        ))
        .spawn()
        .await
        .context("cannot start the Telestream simulator")?;

    let admin_password = random_token(12);
    let mut settings = Settings::local(&args.data_dir);
    settings.server.address = SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), args.port);
    settings.database.max_connections = 5;
    settings.admin.credentials = Some(AdminCredentials {
        user: DEMO_ADMIN_USER.to_owned(),
        password: SecretString::from(admin_password.clone()),
    });
    settings.secret_key = secret_key;
    let upload_folder = settings.uploads.folder.clone();
    let client_options = ClientOptions::from_settings(&settings.kaltura);
    let app = App::build(settings).await?;
    configure_instance(app.store(), &partner, sim.base_url()).await?;
    configure_telestream_instance(app.store(), telestream_sim.base_url()).await?;
    let instances = Instances::new(app.store().clone(), client_options);
    let sample = create_sample(&instances, &upload_folder)
        .await
        .context("cannot create the sample entry in the simulator")?;
    let telestream_sample = upload_sample(&instances, TELESTREAM_INSTANCE, &upload_folder)
        .await
        .context("cannot create the sample video in the Telestream simulator")?;
    let files = write_sample_files(&args.data_dir)?;
    let key = app
        .store()
        .create_api_key("kts demo", Scope::Write)
        .await
        .context("cannot create the demo API key")?;

    print!(
        "{}",
        welcome(&Welcome {
            kts: app.public_url().as_str().trim_end_matches('/'),
            sim: sim.base_url(),
            telestream_sim: telestream_sim.base_url(),
            admin_password: &admin_password,
            api_key: key.key.expose_secret(),
            sample: &sample,
            telestream_sample: &telestream_sample,
            files: &files,
        })
    );
    app.run_until_stopped().await?;
    sim.shutdown()
        .await
        .context("the simulator stopped badly")?;
    telestream_sim
        .shutdown()
        .await
        .context("the Telestream simulator stopped badly")?;
    Ok(())
}

/// Reads the demo's key, or creates one readable only by this user.
fn load_or_create_key(data_dir: &Path) -> anyhow::Result<SecretKey> {
    let path = data_dir.join(SECRET_KEY_FILE);
    if path.exists() {
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        return SecretKey::new(text.trim().to_owned())
            .map_err(|problem| anyhow::anyhow!("{} {problem}", path.display()));
    }
    let key = SecretKey::generate();
    write_private(&path, key.expose())?;
    Ok(key)
}

fn write_private(path: &Path, text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .with_context(|| format!("cannot create {}", path.display()))?;
    file.write_all(text.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// Points instance 1 at this run's simulator (its port may change between
/// runs), creating it on the first run.
async fn configure_instance(store: &Store, partner: &Partner, sim_url: &str) -> anyhow::Result<()> {
    let id = InstanceId::DEFAULT;
    let account = FieldValues::new()
        .with("service_url", sim_url)
        .with("partner_id", partner.id)
        .with("admin_secret", &partner.admin_secret)
        .with("user_secret", &partner.user_secret);
    // Nothing serves yet, so no cached connection to forget: the store will do.
    let updated = store.update_instance(id, &account).await?;
    if !updated {
        let fields = account
            .with("name", "Demo (simulated Kaltura)")
            .with("player_uiconf_id", 1)
            .with("thumbnail_player_uiconf_id", 2)
            .with("user_id", "demo@example.org");
        store
            .add_instance(&NewInstance {
                id: Some(id),
                fields,
            })
            .await?;
    }
    Ok(())
}

/// The instance of the simulated Telestream factory.
const TELESTREAM_INSTANCE: InstanceId = match InstanceId::new(2) {
    Ok(id) => id,
    Err(_) => InstanceId::DEFAULT,
};

/// Points instance 2 at this run's Telestream simulator (Flip 3.1 with the
/// simulator's demo API key), creating it on the first run.
async fn configure_telestream_instance(store: &Store, sim_url: &str) -> anyhow::Result<()> {
    let account = telestream_sim::Account::demo();
    let fields = FieldValues::new()
        .with("api_url", format!("{sim_url}/flip/3.1"))
        .with("api_key", &account.api_key);
    let updated = store.update_instance(TELESTREAM_INSTANCE, &fields).await?;
    if !updated {
        let fields = fields
            .with("name", "Demo (simulated Telestream Cloud)")
            .with("platform", "telestream")
            .with("api_generation", "flip-3.1")
            .with("factory_id", telestream_sim::DEMO_FACTORY_ID);
        store
            .add_instance(&NewInstance {
                id: Some(TELESTREAM_INSTANCE),
                fields,
            })
            .await?;
    }
    Ok(())
}

/// The entry created at start, as the printed commands need it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Sample {
    /// Its entry id.
    entry_id: String,
    /// Where Kaltura serves its original file (used as a `pullPath`).
    download_url: String,
}

/// Uploads the embedded sample video and caption to instance 1 through the
/// same operations `/service/upload_file` and `/service/add_caption` use,
/// and waits until the entry is READY.
async fn create_sample(instances: &Instances, upload_folder: &Path) -> anyhow::Result<Sample> {
    let sample = upload_sample(instances, InstanceId::DEFAULT, upload_folder).await?;
    let entry: EntryId = sample
        .entry_id
        .parse()
        .context("the simulator answered an unusable entry id")?;
    let caption = spool(upload_folder, SAMPLE_CAPTION_NAME, SAMPLE_CAPTION).await?;
    captions::add(
        instances,
        InstanceId::DEFAULT,
        &entry,
        NewCaption {
            file: &caption,
            label: Some("English".to_owned()),
            language: LanguageRequest::NotGiven,
            is_default: true,
            format: None,
        },
    )
    .await
    .context("cannot add the sample caption")?;
    Ok(sample)
}

/// Uploads the embedded sample video to `instance` through the operation
/// `/service/upload_file` uses, and waits until the entry is READY.
async fn upload_sample(
    instances: &Instances,
    instance: InstanceId,
    upload_folder: &Path,
) -> anyhow::Result<Sample> {
    let video = spool(upload_folder, SAMPLE_VIDEO_NAME, SAMPLE_VIDEO).await?;
    let uploaded = upload::upload(
        instances,
        instance,
        LocalFolder::OFF,
        UploadRequest {
            name: "KTS demo sample".to_owned(),
            media_name: SAMPLE_VIDEO_NAME.to_owned(),
            media_type: None,
            default_type: MediaType::Video,
            description: Some("Uploaded by kts demo at start".to_owned()),
            tags: Some("kts-demo".to_owned()),
        },
        UploadSource::File(video),
    )
    .await
    .context("cannot upload the sample video")?;
    let entry: EntryId = uploaded
        .entry_id
        .parse()
        .context("the simulator answered an unusable entry id")?;
    let download_url = wait_until_ready(instances, instance, &entry).await?;
    Ok(Sample {
        entry_id: uploaded.entry_id,
        download_url,
    })
}

/// Writes `bytes` to a temporary upload file, as a request body would be.
async fn spool(folder: &Path, name: &str, bytes: &[u8]) -> anyhow::Result<SpooledFile> {
    let mut writer = SpoolWriter::create(folder, Some(name), DEFAULT_MAX_UPLOAD)
        .await
        .with_context(|| format!("cannot create a temporary file for {name}"))?;
    writer
        .write(bytes)
        .await
        .with_context(|| format!("cannot write {name}"))?;
    writer
        .finish()
        .await
        .with_context(|| format!("cannot write {name}"))
}

/// Polls the entry until it is READY (at most [`READY_TIMEOUT`]) and returns
/// its download URL.
async fn wait_until_ready(
    instances: &Instances,
    instance: InstanceId,
    entry: &EntryId,
) -> anyhow::Result<String> {
    let deadline = tokio::time::Instant::now() + READY_TIMEOUT;
    let size = media::ThumbSize {
        width: 120,
        height: 120,
    };
    loop {
        let media = media::get(instances, instance, entry, size)
            .await
            .context("cannot read the sample entry")?
            .entry;
        match media.status {
            Some(EntryStatus::Ready) => {
                return media
                    .download_url
                    .filter(|url| !url.is_empty())
                    .context("the sample entry has no download URL");
            }
            Some(EntryStatus::ConversionFailed | EntryStatus::ImportFailed) => {
                anyhow::bail!("the simulator could not process the sample entry {entry}")
            }
            _ => {}
        }
        if tokio::time::Instant::now() >= deadline {
            anyhow::bail!(
                "the sample entry {entry} was not READY after {} seconds",
                READY_TIMEOUT.as_secs()
            );
        }
        tokio::time::sleep(READY_POLL).await;
    }
}

/// Absolute paths of the sample files the printed commands upload.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SampleFiles {
    video: PathBuf,
    caption: PathBuf,
}

/// Copies the embedded samples into the data folder so the printed commands
/// work from any folder.
fn write_sample_files(data_dir: &Path) -> anyhow::Result<SampleFiles> {
    let data_dir = std::fs::canonicalize(data_dir)
        .with_context(|| format!("cannot resolve {}", data_dir.display()))?;
    let files = SampleFiles {
        video: data_dir.join(SAMPLE_VIDEO_NAME),
        caption: data_dir.join(SAMPLE_CAPTION_NAME),
    };
    for (path, bytes) in [
        (&files.video, SAMPLE_VIDEO),
        (&files.caption, SAMPLE_CAPTION),
    ] {
        std::fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(files)
}

/// What the welcome text shows.
struct Welcome<'a> {
    kts: &'a str,
    sim: &'a str,
    telestream_sim: &'a str,
    admin_password: &'a str,
    api_key: &'a str,
    sample: &'a Sample,
    telestream_sample: &'a Sample,
    files: &'a SampleFiles,
}

/// The text printed once everything is up: addresses, credentials, and one
/// curl command per main call of the legacy API, using the sample entry.
fn welcome(w: &Welcome<'_>) -> String {
    let Welcome {
        kts,
        sim,
        telestream_sim,
        admin_password,
        api_key,
        ..
    } = w;
    let id = format!("{}:{}", InstanceId::DEFAULT, w.sample.entry_id);
    let ts_id = format!("{TELESTREAM_INSTANCE}:{}", w.telestream_sample.entry_id);
    let factory = telestream_sim::DEMO_FACTORY_ID;
    let auth = format!("curl -H 'Authorization: Bearer {api_key}'");
    let video = w.files.video.display();
    let caption = w.files.caption.display();
    let pull = &w.sample.download_url;
    let partner = Partner::demo().id;
    format!(
        "\
KTS demo is running.

  KTS            {kts}
  Kaltura (sim)  {sim}   (instance 1, partner {partner})
  Telestream (sim) {telestream_sim}   (instance 2, factory {factory})
  Admin          {kts}/admin   login {DEMO_ADMIN_USER} / {admin_password}   (new each run)
  API key        {api_key}   (write scope; printed once)
  Sample entry   {id}   (READY, with an English caption)
  Player page    {kts}/service/get_player/?id={id}&api_key={api_key}
  Telestream sample  {ts_id}   (READY)
  Its player page    {kts}/service/get_player/?id={ts_id}&api_key={api_key}

Try (curl commands work from any folder):

  # upload a file ({video}: the demo's 4 KB sample video; any video works)
  {auth} -F medianame=my-clip -F 'file=@{video}' {kts}/service/upload_file
  # upload from a URL that Kaltura fetches (here the simulator's own download URL of the sample)
  {auth} -F medianame=from-url -F 'pullPath={pull}' {kts}/service/upload_file
  {auth} '{kts}/service/get_media/?id={id}'
  {auth} '{kts}/service/search_video/?kaltura_id=1'
  {auth} '{kts}/service/thumbnail_list/?id={id}'
  {auth} '{kts}/service/list_captions/?id={id}'
  {auth} -F 'file=@{caption}' -F language=auto '{kts}/service/add_caption/?id={id}'
  {auth} -o entries.xlsx '{kts}/service/get_excel/?kaltura_id=1'

The same calls on the Telestream factory (instance 2; captions are Kaltura's only):

  {auth} -F kaltura_id=2 -F medianame=my-clip -F 'file=@{video}' {kts}/service/upload_file
  {auth} '{kts}/service/get_media/?id={ts_id}'
  {auth} '{kts}/service/search_video/?kaltura_id=2'
  {auth} '{kts}/service/thumbnail_list/?id={ts_id}'

  # last: deletes the sample entries
  {auth} '{kts}/service/del_media/?id={ts_id}'
  {auth} '{kts}/service/del_media/?id={id}'

Stop with Ctrl-C.
"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_support;

    #[test]
    fn the_demo_key_is_created_once_then_reused() {
        let folder = tempfile::tempdir().unwrap();
        let first = load_or_create_key(folder.path()).unwrap();
        let second = load_or_create_key(folder.path()).unwrap();
        assert_eq!(first.expose(), second.expose());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(folder.path().join(SECRET_KEY_FILE))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn every_printed_command_carries_the_key_and_deletion_comes_last() {
        let sample = Sample {
            entry_id: "0_sample".to_owned(),
            download_url: "http://127.0.0.1:2/p/100/download/0_sample".to_owned(),
        };
        let files = SampleFiles {
            video: PathBuf::from("/data/sample.mp4"),
            caption: PathBuf::from("/data/simple.srt"),
        };
        let telestream_sample = Sample {
            entry_id: "f00d".to_owned(),
            download_url: "http://127.0.0.1:3/files/f/f00d.mp4".to_owned(),
        };
        let text = welcome(&Welcome {
            kts: "http://127.0.0.1:1",
            sim: "http://127.0.0.1:2",
            telestream_sim: "http://127.0.0.1:3",
            admin_password: "pw",
            api_key: "kts_key",
            sample: &sample,
            telestream_sample: &telestream_sample,
            files: &files,
        });
        let commands: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| l.starts_with("curl "))
            .collect();
        assert_eq!(commands.len(), 14, "{text}");
        assert!(commands.iter().all(|c| c.contains("Bearer kts_key")));
        assert!(
            commands
                .iter()
                .any(|c| c.contains("file=@/data/sample.mp4"))
        );
        assert!(
            commands
                .iter()
                .any(|c| c.contains("file=@/data/simple.srt"))
        );
        assert!(commands.iter().any(|c| c.contains(&sample.download_url)));
        let last = commands.last().unwrap();
        assert!(last.contains("/service/del_media/?id=1:0_sample"), "{last}");
        assert!(text.contains("/service/get_player/?id=1:0_sample&api_key=kts_key"));
        assert!(text.contains("/service/get_player/?id=2:f00d&api_key=kts_key"));
        assert!(
            commands
                .iter()
                .any(|c| c.contains("/service/del_media/?id=2:f00d"))
        );
    }

    #[tokio::test]
    async fn instance_1_follows_the_simulator_across_runs() {
        let test = test_support::sqlite().await;
        let partner = Partner::demo();
        configure_instance(&test.store, &partner, "http://127.0.0.1:1111")
            .await
            .unwrap();
        configure_instance(&test.store, &partner, "http://127.0.0.1:2222")
            .await
            .unwrap();
        let instance = test
            .store
            .instance(InstanceId::DEFAULT)
            .await
            .unwrap()
            .unwrap();
        let crate::store::Account::Kaltura(account) = &instance.account else {
            panic!("not a Kaltura account");
        };
        assert_eq!(account.service_url.as_str(), "http://127.0.0.1:2222/");
        assert_eq!(account.partner_id, partner.id);
        assert_eq!(account.admin_secret.expose(), partner.admin_secret);
        assert_eq!(test.store.count_instances().await.unwrap(), 1);
        test.finish().await;
    }
}
