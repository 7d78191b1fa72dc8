//! The command line: `kts serve`, `kts demo`, `kts sim`, `kts instance …`,
//! `kts apikey …`.
//!
//! Every setting is a flag with an environment variable and a default, so
//! `kts serve --help` documents them all. Secrets are read from flags or
//! variables but never printed back, except a new API key, once.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use kaltura::KsVersion;
use kaltura_sim::{FaultRule, FaultSet, Partner, Simulator};
use secrecy::{ExposeSecret, SecretString};

use crate::app::App;
use crate::config::{DatabaseArgs, LogFormat, SettingsArgs};
use crate::demo::{self, DemoArgs};
use crate::ids::InstanceId;
use crate::seed;
use crate::store::{self, InstanceUpdate, NewInstance, Scope, Store};

/// KTS: a small, safe and fast HTTP API in front of Kaltura.
#[derive(Debug, Parser)]
#[command(name = "kts", version, about, propagate_version = true)]
pub struct Cli {
    /// Log format: text or json.
    #[arg(long, env = "KTS_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text, global = true)]
    pub log_format: LogFormat,

    /// Log filter, e.g. `info` or `kts=debug,tower_http=info` [default: info;
    /// warn for `kts demo`, whose own output tells what is going on].
    #[arg(long, env = "KTS_LOG", global = true)]
    pub log: Option<String>,

    /// What to run.
    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// The log filter asked for, or the command's default.
    pub fn log_filter(&self) -> &str {
        match (&self.log, &self.command) {
            (Some(filter), _) => filter,
            (None, Command::Demo(_)) => "warn",
            (None, _) => "info",
        }
    }
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run KTS (production). Instances come from the store; on first start
    /// the old KALTURA_INSTANCES / k_<n>_<FIELD> variables seed it.
    Serve(SettingsArgs),
    /// KTS plus an in-process simulated Kaltura, instance 1 configured
    /// against it; prints an admin password, an API key and curl commands.
    Demo(DemoArgs),
    /// The Kaltura simulator alone, for other clients and tests. Prints
    /// `listening on http://…` as its first line.
    Sim(SimArgs),
    /// Manage Kaltura instances in the store.
    #[command(subcommand)]
    Instance(InstanceCommand),
    /// Manage API keys for /service/* calls.
    #[command(subcommand)]
    Apikey(ApiKeyCommand),
}

/// Flags of `kts sim`.
#[derive(Debug, Args)]
pub struct SimArgs {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, env = "KTS_SIM_LISTEN", default_value = "127.0.0.1:0")]
    pub listen: SocketAddr,
    /// A partner as ID:ADMIN_SECRET:USER_SECRET (repeatable); default: the
    /// simulator's demo partner 100.
    #[arg(long = "partner", value_parser = parse_partner)]
    pub partners: Vec<Partner>,
    /// Folder that keeps the simulator's state across restarts (default: a
    /// temporary folder).
    #[arg(long, env = "KTS_SIM_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// Milliseconds an uploaded entry converts before it is READY.
    #[arg(long, default_value_t = 200)]
    pub ready_delay_ms: u64,
    /// A fault rule as TARGET:key=value,… (repeatable), e.g.
    /// `media.get:api_error_rate=0.5` or `*:latency_ms=100`.
    #[arg(long = "fault")]
    pub faults: Vec<FaultRule>,
}

fn parse_partner(text: &str) -> Result<Partner, String> {
    Partner::parse(text).map_err(|e| e.to_string())
}

fn parse_ks_version(text: &str) -> Result<KsVersion, String> {
    store::parse_ks_version(text).map_err(|_| "the KS version is v1 or v2".to_owned())
}

/// `kts instance …`
#[derive(Debug, Subcommand)]
pub enum InstanceCommand {
    /// Add an instance.
    Add(InstanceAddArgs),
    /// List instances (secrets are never shown).
    List(DatabaseArgs),
    /// Change fields of an instance.
    Update(InstanceUpdateArgs),
    /// Remove an instance.
    Remove {
        /// The instance id.
        id: InstanceId,
        #[command(flatten)]
        database: DatabaseArgs,
    },
}

/// Fields of a new instance.
#[derive(Debug, Args)]
pub struct InstanceAddArgs {
    /// Id to use (default: the next free one).
    #[arg(long)]
    pub id: Option<InstanceId>,
    /// Display name (KALTURA_NAME).
    #[arg(long)]
    pub name: String,
    /// Kaltura server or URL (KALTURA_PATH); a bare host means https.
    #[arg(long)]
    pub service_url: String,
    /// Partner id (PARTNER_ID).
    #[arg(long)]
    pub partner_id: i64,
    /// Player uiconf id (PLAYER_ID).
    #[arg(long)]
    pub player_id: Option<i64>,
    /// Thumbnail-selector player uiconf id (THUMBNAIL_PLAYER_ID).
    #[arg(long)]
    pub thumbnail_player_id: Option<i64>,
    /// Admin secret (ADMIN_SECRET); prefer the variable, flags show in `ps`.
    #[arg(long, env = "KTS_INSTANCE_ADMIN_SECRET", hide_env_values = true)]
    pub admin_secret: String,
    /// User secret (SECRET).
    #[arg(long, env = "KTS_INSTANCE_USER_SECRET", hide_env_values = true)]
    pub user_secret: Option<String>,
    /// User id put in sessions (USER_NAME).
    #[arg(long)]
    pub user_id: String,
    /// Mobile flavor params id (MOBILE_PLAYER_FLAVOR).
    #[arg(long)]
    pub mobile_flavor_id: Option<i64>,
    /// Version of the sessions KTS builds (KS_VERSION): v2, or v1 for old
    /// accounts whose partner takes only v1.
    #[arg(long, value_parser = parse_ks_version, default_value = "v2")]
    pub ks_version: KsVersion,
    #[command(flatten)]
    pub database: DatabaseArgs,
}

/// Fields to change; absent flags keep their value.
#[derive(Debug, Args)]
pub struct InstanceUpdateArgs {
    /// The instance id.
    pub id: InstanceId,
    /// New display name.
    #[arg(long)]
    pub name: Option<String>,
    /// New Kaltura server or URL.
    #[arg(long)]
    pub service_url: Option<String>,
    /// New partner id.
    #[arg(long)]
    pub partner_id: Option<i64>,
    /// New player uiconf id.
    #[arg(long)]
    pub player_id: Option<i64>,
    /// New thumbnail-selector player uiconf id.
    #[arg(long)]
    pub thumbnail_player_id: Option<i64>,
    /// New admin secret.
    #[arg(long, env = "KTS_INSTANCE_ADMIN_SECRET", hide_env_values = true)]
    pub admin_secret: Option<String>,
    /// New user secret.
    #[arg(long, env = "KTS_INSTANCE_USER_SECRET", hide_env_values = true)]
    pub user_secret: Option<String>,
    /// New user id.
    #[arg(long)]
    pub user_id: Option<String>,
    /// New mobile flavor params id.
    #[arg(long)]
    pub mobile_flavor_id: Option<i64>,
    /// New KS version: v1 or v2.
    #[arg(long, value_parser = parse_ks_version)]
    pub ks_version: Option<KsVersion>,
    #[command(flatten)]
    pub database: DatabaseArgs,
}

/// `kts apikey …`
#[derive(Debug, Subcommand)]
pub enum ApiKeyCommand {
    /// Create a key and print it (the only time it is shown).
    Create {
        /// Who the key is for.
        name: String,
        /// read (search, get) or write (everything).
        #[arg(long, default_value = "write")]
        scope: Scope,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// List keys (never their text).
    List(DatabaseArgs),
    /// Revoke a key by id.
    Revoke {
        /// The key id shown by `kts apikey list`.
        id: i64,
        #[command(flatten)]
        database: DatabaseArgs,
    },
}

impl clap::builder::ValueParserFactory for InstanceId {
    type Parser = clap::builder::ValueParser;

    fn value_parser() -> Self::Parser {
        clap::builder::ValueParser::new(|text: &str| text.parse::<InstanceId>())
    }
}

impl clap::builder::ValueParserFactory for Scope {
    type Parser = clap::builder::ValueParser;

    fn value_parser() -> Self::Parser {
        clap::builder::ValueParser::new(|text: &str| text.parse::<Scope>())
    }
}

/// Runs the chosen command.
pub async fn run(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Serve(args) => serve(args).await,
        Command::Demo(args) => demo::run(args).await,
        Command::Sim(args) => sim(args).await,
        Command::Instance(command) => instance(command).await,
        Command::Apikey(command) => apikey(command).await,
    }
}

async fn serve(args: SettingsArgs) -> anyhow::Result<()> {
    let mut settings = args.into_settings()?;
    settings.seed_instances = seed::instances_from_vars(std::env::vars())?;
    let app = App::build(settings).await?;
    app.run_until_stopped().await?;
    Ok(())
}

async fn sim(args: SimArgs) -> anyhow::Result<()> {
    let mut builder = Simulator::builder()
        .bind(args.listen)
        .ready_delay(Duration::from_millis(args.ready_delay_ms))
        .faults(FaultSet { rules: args.faults });
    for partner in args.partners {
        builder = builder.partner(partner);
    }
    if let Some(dir) = args.data_dir {
        builder = builder.data_dir(dir);
    }
    let handle = builder
        .spawn()
        .await
        .context("cannot start the simulator")?;
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "listening on {}", handle.base_url())?;
    stdout.flush()?;
    drop(stdout);
    handle
        .run_until_stopped(crate::app::shutdown_signal())
        .await
        .context("the simulator stopped badly")?;
    Ok(())
}

async fn open_store(database: DatabaseArgs) -> anyhow::Result<Store> {
    let (settings, key) = database.into_settings()?;
    Ok(settings.connect(&key).await?)
}

async fn instance(command: InstanceCommand) -> anyhow::Result<()> {
    match command {
        InstanceCommand::Add(args) => {
            let store = open_store(args.database).await?;
            let id = store
                .add_instance(&NewInstance {
                    id: args.id,
                    name: args.name,
                    service_url: args.service_url,
                    partner_id: args.partner_id,
                    player_uiconf_id: args.player_id,
                    thumbnail_player_uiconf_id: args.thumbnail_player_id,
                    admin_secret: SecretString::from(args.admin_secret),
                    user_secret: args.user_secret.map(SecretString::from),
                    user_id: args.user_id,
                    mobile_flavor_id: args.mobile_flavor_id,
                    ks_version: args.ks_version,
                })
                .await?;
            println!("added instance {id}");
        }
        InstanceCommand::List(database) => {
            let store = open_store(database).await?;
            println!(
                "id\tname\tservice_url\tpartner_id\tplayer_id\tthumbnail_player_id\tuser_id\tmobile_flavor_id\tks_version"
            );
            for i in store.list_instances().await? {
                let show = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    i.id,
                    i.name,
                    i.service_url,
                    i.partner_id,
                    show(i.player_uiconf_id),
                    show(i.thumbnail_player_uiconf_id),
                    i.user_id,
                    show(i.mobile_flavor_id),
                    store::ks_version_name(i.ks_version)
                );
            }
        }
        InstanceCommand::Update(args) => {
            let store = open_store(args.database).await?;
            let update = InstanceUpdate {
                name: args.name,
                service_url: args.service_url,
                partner_id: args.partner_id,
                player_uiconf_id: args.player_id.map(Some),
                thumbnail_player_uiconf_id: args.thumbnail_player_id.map(Some),
                admin_secret: args.admin_secret.map(SecretString::from),
                user_secret: args.user_secret.map(|s| Some(SecretString::from(s))),
                user_id: args.user_id,
                mobile_flavor_id: args.mobile_flavor_id.map(Some),
                ks_version: args.ks_version,
            };
            if !store.update_instance(args.id, update).await? {
                anyhow::bail!("unknown instance {}", args.id);
            }
            println!("updated instance {}", args.id);
        }
        InstanceCommand::Remove { id, database } => {
            let store = open_store(database).await?;
            if !store.remove_instance(id).await? {
                anyhow::bail!("unknown instance {id}");
            }
            println!("removed instance {id}");
        }
    }
    Ok(())
}

async fn apikey(command: ApiKeyCommand) -> anyhow::Result<()> {
    match command {
        ApiKeyCommand::Create {
            name,
            scope,
            database,
        } => {
            let store = open_store(database).await?;
            let created = store
                .create_api_key(&name, scope)
                .await
                .context("cannot create the API key")?;
            println!(
                "API key {} ({}, scope {}); shown only now:",
                created.record.id,
                created.record.name,
                created.record.scope.as_str()
            );
            println!("{}", created.key.expose_secret());
        }
        ApiKeyCommand::List(database) => {
            let store = open_store(database).await?;
            println!("id\tname\tscope\tcreated_at\tlast_used_at\trevoked_at");
            for key in store.list_api_keys().await? {
                let show = |t: Option<i64>| t.map(|t| t.to_string()).unwrap_or_else(|| "-".into());
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}",
                    key.id,
                    key.name,
                    key.scope.as_str(),
                    key.created_at,
                    show(key.last_used_at),
                    show(key.revoked_at)
                );
            }
        }
        ApiKeyCommand::Revoke { id, database } => {
            let store = open_store(database).await?;
            if !store.revoke_api_key(id).await? {
                anyhow::bail!("no active API key {id}");
            }
            println!("revoked API key {id}");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn serve_help_names_every_variable() {
        let mut command = Cli::command();
        let serve = command.find_subcommand_mut("serve").unwrap();
        let help = serve.render_long_help().to_string();
        for variable in [
            "PORT",
            "UPLOAD_FOLDER",
            "KTS_ADMIN_USER",
            "KTS_ADMIN_PWD",
            "KTS_SECRET_KEY",
            "KTS_DATABASE_URL",
            "KTS_OPEN_ACCESS",
            "KTS_CORS_ORIGINS",
            "KTS_FROMLOCAL_DIR",
            "KTS_KALTURA_CONNECT_TIMEOUT",
            "KTS_KALTURA_REQUEST_TIMEOUT",
            "KTS_KALTURA_ATTEMPTS",
            "KTS_KALTURA_CHUNK_SIZE",
        ] {
            assert!(help.contains(variable), "{variable} missing from --help");
        }
    }
}
