//! `kts demo`: KTS and an in-process Kaltura simulator, wired together, so a
//! new user sees every call work in one command with no Kaltura account.
//!
//! Everything lives in one data folder (`kts-demo/` by default): the SQLite
//! store, a generated `KTS_SECRET_KEY` (kept so stored secrets stay readable
//! across runs), the simulator's state and the upload folder. Each run prints
//! a fresh admin password and API key once, then ready-to-paste curl commands.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Args;
use kaltura_sim::{Partner, Simulator};
use secrecy::{ExposeSecret, SecretString};

use crate::app::App;
use crate::config::{
    AccessSettings, AdminCredentials, AdminSettings, DEFAULT_MAX_UPLOAD, DatabaseSettings,
    DatabaseUrl, SecretKey, ServerSettings, Settings, UploadSettings,
};
use crate::ids::InstanceId;
use crate::store::{InstanceUpdate, NewInstance, Scope, Store, random_token};

/// File in the data folder holding the demo's secret key.
const SECRET_KEY_FILE: &str = "secret.key";
/// Admin user name of the demo.
const DEMO_ADMIN_USER: &str = "admin";

/// Flags of `kts demo`.
#[derive(Debug, Clone, Args)]
pub struct DemoArgs {
    /// Port of KTS (0 picks a free port).
    #[arg(long, env = "PORT", default_value_t = crate::config::DEFAULT_PORT)]
    pub port: u16,

    /// Port of the simulated Kaltura (0 picks a free port).
    #[arg(long, env = "KTS_SIM_PORT", default_value_t = 0)]
    pub sim_port: u16,

    /// Folder for the demo's store, key, simulator state and uploads.
    #[arg(long, env = "KTS_DEMO_DIR", default_value = "kts-demo")]
    pub data_dir: PathBuf,
}

/// Runs the demo until Ctrl-C or SIGTERM.
pub async fn run(args: DemoArgs) -> anyhow::Result<()> {
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

    let admin_password = random_token(12);
    let settings = Settings {
        server: ServerSettings {
            address: SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), args.port),
            public_url: None,
        },
        database: DatabaseSettings {
            url: DatabaseUrl::Sqlite(args.data_dir.join("kts.sqlite3")),
            max_connections: 5,
        },
        uploads: UploadSettings {
            folder: args.data_dir.join("uploads"),
            max_file_bytes: DEFAULT_MAX_UPLOAD,
            body_idle_timeout: std::time::Duration::from_secs(60),
            fromlocal_dir: None,
        },
        admin: AdminSettings {
            credentials: Some(AdminCredentials {
                user: DEMO_ADMIN_USER.to_owned(),
                password: SecretString::from(admin_password.clone()),
            }),
        },
        access: AccessSettings {
            open: false,
            cors_origins: Vec::new(),
        },
        secret_key,
        seed_instances: Vec::new(),
    };
    let app = App::build(settings).await?;
    configure_instance(app.store(), &partner, sim.base_url()).await?;
    let key = app
        .store()
        .create_api_key("kts demo", Scope::Write)
        .await
        .context("cannot create the demo API key")?;

    print_welcome(
        &format!("http://{}", app.address()),
        sim.base_url(),
        &admin_password,
        key.key.expose_secret(),
    );
    app.run_until_stopped().await?;
    sim.shutdown()
        .await
        .context("the simulator stopped badly")?;
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
    let updated = store
        .update_instance(
            id,
            InstanceUpdate {
                service_url: Some(sim_url.to_owned()),
                partner_id: Some(partner.id),
                admin_secret: Some(SecretString::from(partner.admin_secret.clone())),
                user_secret: Some(Some(SecretString::from(partner.user_secret.clone()))),
                ..Default::default()
            },
        )
        .await?;
    if !updated {
        store
            .add_instance(&NewInstance {
                id: Some(id),
                name: "Demo (simulated Kaltura)".to_owned(),
                service_url: sim_url.to_owned(),
                partner_id: partner.id,
                player_uiconf_id: Some(1),
                thumbnail_player_uiconf_id: Some(2),
                admin_secret: SecretString::from(partner.admin_secret.clone()),
                user_secret: Some(SecretString::from(partner.user_secret.clone())),
                user_id: "demo@example.org".to_owned(),
                mobile_flavor_id: None,
            })
            .await?;
    }
    Ok(())
}

fn print_welcome(kts: &str, sim: &str, admin_password: &str, api_key: &str) {
    println!(
        "\
KTS demo is running.

  KTS              {kts}
  Kaltura (sim)    {sim}   (instance 1, partner {partner})
  Admin login      {DEMO_ADMIN_USER} / {admin_password}   (printed once; new each run)
  API key          {api_key}   (write scope; printed once)

Try:

  curl {kts}/healthz
  curl {kts}/readyz
  curl -H 'Authorization: Bearer {api_key}' -F medianame=clip -F file=@video.mp4 {kts}/service/upload_file
  curl -H 'Authorization: Bearer {api_key}' '{kts}/service/search_video/?kaltura_id=1'
  curl -H 'Authorization: Bearer {api_key}' '{kts}/service/get_media/?id=1:ENTRY_ID'
  curl -H 'Authorization: Bearer {api_key}' '{kts}/service/del_media/?id=1:ENTRY_ID'
  curl {kts}/metrics

Stop with Ctrl-C.",
        partner = Partner::demo().id,
    );
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
        assert_eq!(instance.service_url.as_str(), "http://127.0.0.1:2222/");
        assert_eq!(instance.partner_id, partner.id);
        assert_eq!(instance.admin_secret.expose_secret(), partner.admin_secret);
        assert_eq!(test.store.count_instances().await.unwrap(), 1);
        test.finish().await;
    }
}
