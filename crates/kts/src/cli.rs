//! The command line: `kts serve`, `kts demo`, `kts sim`, `kts telestream-sim`,
//! `kts instance …`, `kts apikey …`.
//!
//! Every setting is a flag with an environment variable and a default, so
//! `kts serve --help` documents them all. Secrets are read from flags or
//! variables but never printed back, except a new API key, once.

use std::io::Write;

use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use kaltura_sim::SimArgs;
use secrecy::ExposeSecret;

use crate::app::App;
use crate::config::{DatabaseArgs, LogFormat, SettingsArgs};
use crate::demo::{self, DemoArgs};
use crate::ids::InstanceId;
use crate::instances::{ClientOptions, Instances};
use crate::model::PlatformKind;
use crate::seed;
use crate::store::{
    Account, FieldKind, FieldSpec, FieldValues, NAME, NewInstance, Scope, Store, StoreError,
};

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
    // The simulator's own flags, under KTS's names for their variables.
    #[command(
        mut_arg("listen", |arg| arg.env("KTS_SIM_LISTEN")),
        mut_arg("data_dir", |arg| arg.env("KTS_SIM_DATA_DIR"))
    )]
    Sim(SimArgs),
    /// The Telestream Cloud simulator alone, for other clients and
    /// benchmarks. Prints `listening on http://…` as its first line.
    // The simulator's own flags, under KTS's names for their variables.
    #[command(
        mut_arg("listen", |arg| arg.env("KTS_TELESTREAM_SIM_LISTEN")),
        mut_arg("data_dir", |arg| arg.env("KTS_TELESTREAM_SIM_DATA_DIR"))
    )]
    TelestreamSim(telestream_sim::SimArgs),
    /// Manage Kaltura instances in the store.
    #[command(subcommand)]
    Instance(InstanceCommand),
    /// Manage API keys for /service/* calls.
    #[command(subcommand)]
    Apikey(ApiKeyCommand),
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
    #[command(flatten)]
    pub fields: InstanceFieldArgs,
    #[command(flatten)]
    pub database: DatabaseArgs,
}

/// Fields to change; absent flags keep their value.
#[derive(Debug, Args)]
pub struct InstanceUpdateArgs {
    /// The instance id.
    pub id: InstanceId,
    #[command(flatten)]
    pub fields: InstanceFieldArgs,
    #[command(flatten)]
    pub database: DatabaseArgs,
}

/// One flag per field of an instance (`--name`, `--service-url`,
/// `--partner-id`, `--admin-secret`, …), generated from the declared field
/// lists (`store::NAME`, `store::KalturaAccount::FIELDS`), so a new field
/// gets its flag without an edit here. Only the flags given are kept.
#[derive(Debug, Clone, Default)]
pub struct InstanceFieldArgs(pub FieldValues);

/// The name and every platform's account fields, each name once: a field
/// every platform has (`compression`) is one flag.
fn instance_field_specs() -> impl Iterator<Item = &'static FieldSpec> {
    let mut seen: Vec<&str> = Vec::new();
    std::iter::once(&NAME)
        .chain(PlatformKind::ALL.into_iter().flat_map(Account::fields))
        .filter(move |spec| {
            let first = !seen.contains(&spec.name);
            seen.push(spec.name);
            first
        })
}

impl clap::FromArgMatches for InstanceFieldArgs {
    fn from_arg_matches(matches: &clap::ArgMatches) -> Result<Self, clap::Error> {
        let mut values = FieldValues::new();
        if let Some(platform) = matches.get_one::<String>("platform") {
            values.set("platform", platform);
        }
        for spec in instance_field_specs() {
            if let Some(value) = matches.get_one::<String>(spec.flag) {
                values.set(spec.name, value);
            }
        }
        Ok(InstanceFieldArgs(values))
    }

    fn update_from_arg_matches(&mut self, matches: &clap::ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(matches)?;
        Ok(())
    }
}

impl Args for InstanceFieldArgs {
    fn augment_args(command: clap::Command) -> clap::Command {
        let platform = clap::Arg::new("platform")
            .long("platform")
            .value_parser(["kaltura", "telestream"])
            .help("The instance's platform [default: kaltura]; its fields follow");
        instance_field_specs().fold(command.arg(platform), |command, spec| {
            let help = match (spec.legacy, spec.env) {
                (Some(legacy), Some(_)) => {
                    format!(
                        "{} ({legacy}); prefer the variable, flags show in `ps`",
                        spec.label
                    )
                }
                (Some(legacy), None) => format!("{} ({legacy})", spec.label),
                (None, _) => spec.label.to_owned(),
            };
            let help = match spec.kind {
                FieldKind::Choice(options) => {
                    let values: Vec<&str> = options.iter().map(|(value, _)| *value).collect();
                    format!("{help}: {} [default: {}]", values.join(" or "), values[0])
                }
                _ => help,
            };
            // Named by the flag, unique among flags, not by the field: a
            // field's name must never clash with an option of the command
            // itself (such as KTS's own `--secret-key`).
            let mut arg = clap::Arg::new(spec.flag).long(spec.flag).help(help);
            if let Some(variable) = spec.env {
                arg = arg.env(variable).hide_env_values(true);
            }
            command.arg(arg)
        })
    }

    fn augment_args_for_update(command: clap::Command) -> clap::Command {
        Self::augment_args(command)
    }
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
        Command::TelestreamSim(args) => telestream_sim(args).await,
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
    let builder = args.into_builder();
    let handle = builder
        .spawn()
        .await
        .context("cannot start the simulator")?;
    announce(handle.base_url())?;
    handle
        .run_until_stopped(crate::app::shutdown_signal())
        .await
        .context("the simulator stopped badly")?;
    Ok(())
}

async fn telestream_sim(args: telestream_sim::SimArgs) -> anyhow::Result<()> {
    let handle = args
        .into_builder()
        .spawn()
        .await
        .context("cannot start the Telestream simulator")?;
    announce(handle.base_url())?;
    handle
        .run_until_stopped(crate::app::shutdown_signal())
        .await
        .context("the Telestream simulator stopped badly")?;
    Ok(())
}

/// Prints a simulator's address as the first line of stdout, flushed at
/// once: whoever started it on port 0 reads where it listens from there.
fn announce(base_url: &str) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "listening on {base_url}")?;
    stdout.flush()?;
    Ok(())
}

async fn open_store(database: DatabaseArgs) -> anyhow::Result<Store> {
    let (settings, key) = database.into_settings()?;
    Ok(settings.connect(&key).await?)
}

/// Changes go through `Instances`, as the server's do (no client is built
/// here, so the client options do not matter).
async fn open_instances(database: DatabaseArgs) -> anyhow::Result<Instances> {
    Ok(Instances::new(
        open_store(database).await?,
        ClientOptions::default(),
    ))
}

/// A refused instance: every field at fault on its own line, named by its
/// flag.
fn refused(error: crate::Error) -> anyhow::Error {
    match error {
        crate::Error::Store(StoreError::InvalidFields(errors)) => {
            let lines: Vec<String> = errors
                .iter()
                .map(|(field, problem)| {
                    match instance_field_specs().find(|spec| spec.name == field) {
                        Some(spec) => format!("  --{} ({field}) {problem}", spec.flag),
                        None => format!("  {field} {problem}"),
                    }
                })
                .collect();
            anyhow::anyhow!("the instance was refused:\n{}", lines.join("\n"))
        }
        other => other.into(),
    }
}

async fn instance(command: InstanceCommand) -> anyhow::Result<()> {
    match command {
        InstanceCommand::Add(args) => {
            let instances = open_instances(args.database).await?;
            let new = NewInstance {
                id: args.id,
                fields: args.fields.0,
            };
            let id = instances.add(&new).await.map_err(refused)?;
            println!("added instance {id}");
        }
        InstanceCommand::List(database) => {
            let store = open_store(database).await?;
            // One column per field of any platform: a field of another
            // platform than the instance's is empty.
            let shown: Vec<&FieldSpec> = instance_field_specs()
                .skip(1)
                .filter(|spec| !spec.is_secret())
                .collect();
            let names: Vec<&str> = shown.iter().map(|spec| spec.name).collect();
            println!("id\tname\tplatform\t{}", names.join("\t"));
            for instance in store.list_instances().await? {
                let values = instance.account.shown_values();
                let row: Vec<&str> = shown
                    .iter()
                    .map(|spec| values.get(spec.name).unwrap_or_default())
                    .collect();
                println!(
                    "{}\t{}\t{}\t{}",
                    instance.id,
                    instance.name,
                    instance.platform(),
                    row.join("\t")
                );
            }
        }
        InstanceCommand::Update(args) => {
            let instances = open_instances(args.database).await?;
            instances
                .update(args.id, &args.fields.0)
                .await
                .map_err(refused)?;
            println!("updated instance {}", args.id);
        }
        InstanceCommand::Remove { id, database } => {
            let instances = open_instances(database).await?;
            instances.remove(id).await?;
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
    fn instance_flags_come_from_the_field_lists() {
        let cli = Cli::try_parse_from([
            "kts",
            "instance",
            "add",
            "--name",
            "Museum",
            "--service-url",
            "www.kaltura.com",
            "--partner-id",
            "12",
            "--player-id",
            "7",
            "--ks-version",
            "v1",
            "--secret-key",
            "0123456789abcdef0123456789abcdef",
        ])
        .unwrap();
        let Command::Instance(InstanceCommand::Add(args)) = cli.command else {
            panic!("not instance add");
        };
        let fields = &args.fields.0;
        assert_eq!(fields.get("name"), Some("Museum"));
        assert_eq!(fields.get("player_uiconf_id"), Some("7"));
        assert_eq!(fields.get("ks_version"), Some("v1"));
        assert_eq!(
            fields.get("mobile_flavor_id"),
            None,
            "absent flags are left out"
        );
    }

    #[test]
    fn a_refused_instance_names_every_flag_at_fault() {
        let errors = crate::store::validate_instance(
            &FieldValues::new()
                .with("partner_id", "many")
                .with("ks_version", "v3"),
        )
        .unwrap_err();
        let shown = refused(crate::Error::Store(StoreError::InvalidFields(errors))).to_string();
        for line in [
            "--name (name) is required",
            "--partner-id (partner_id) must be a whole number, 0 or more",
            "--ks-version (ks_version) must be v1 or v2",
            "--admin-secret (admin_secret) is required",
        ] {
            assert!(shown.contains(line), "{line} missing from {shown}");
        }
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

    #[test]
    fn sim_takes_the_simulator_flags_under_kts_variable_names() {
        let mut command = Cli::command();
        let sim = command.find_subcommand_mut("sim").unwrap();
        let help = sim.render_long_help().to_string();
        for variable in ["KTS_SIM_LISTEN", "KTS_SIM_DATA_DIR"] {
            assert!(help.contains(variable), "{variable} missing from --help");
        }
        assert!(!help.contains("KALTURA_SIM_"), "{help}");
        let cli = Cli::try_parse_from([
            "kts",
            "sim",
            "--listen",
            "127.0.0.1:0",
            "--ready-delay-ms",
            "0",
            "--fault",
            "*:latency_ms=5",
        ])
        .unwrap();
        let Command::Sim(args) = cli.command else {
            panic!("not the sim command");
        };
        assert_eq!(args.ready_delay_ms, 0);
        assert_eq!(args.faults.fault_set().rules[0].latency_ms, 5);
    }

    #[test]
    fn telestream_sim_takes_the_simulator_flags_under_kts_variable_names() {
        let mut command = Cli::command();
        let sim = command.find_subcommand_mut("telestream-sim").unwrap();
        let help = sim.render_long_help().to_string();
        for variable in ["KTS_TELESTREAM_SIM_LISTEN", "KTS_TELESTREAM_SIM_DATA_DIR"] {
            assert!(help.contains(variable), "{variable} missing from --help");
        }
        assert!(!help.contains("[env: TELESTREAM_SIM_"), "{help}");
        let cli = Cli::try_parse_from([
            "kts",
            "telestream-sim",
            "--listen",
            "127.0.0.1:0",
            "--encoding-delay-ms",
            "0",
            "--max-file-bytes",
            "2048",
            "--fault",
            "videos.get:latency_ms=5",
        ])
        .unwrap();
        let Command::TelestreamSim(args) = cli.command else {
            panic!("not the telestream-sim command");
        };
        assert_eq!(args.encoding_delay_ms, 0);
        assert_eq!(args.max_file_bytes, 2048);
        assert_eq!(args.faults.fault_set().rules[0].latency_ms, 5);
    }
}
