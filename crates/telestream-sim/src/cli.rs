//! The simulator's command-line flags, declared once: the `telestream-sim` binary parses them, and programs
//! that run the simulator as one of their commands can flatten the same [`SimArgs`] into theirs.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use sim_support::faults::FaultArgs;

use crate::{Account, Simulator, SimulatorBuilder};

/// The simulator's flags. Environment variables are those of the `telestream-sim` binary
/// (`TELESTREAM_SIM_LISTEN`, `TELESTREAM_SIM_DATA_DIR`).
#[derive(Debug, Clone, clap::Args)]
pub struct SimArgs {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, env = "TELESTREAM_SIM_LISTEN", default_value = "127.0.0.1:0")]
    pub listen: SocketAddr,
    /// An account as ACCESS_KEY:SECRET_KEY:API_KEY (repeatable). Default: the demo account.
    #[arg(long = "account", value_parser = parse_account)]
    pub accounts: Vec<Account>,
    /// Folder that keeps state and files across restarts. Default: a temporary folder.
    #[arg(long, env = "TELESTREAM_SIM_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// Milliseconds an encoding stays `processing` before `success` or `fail`.
    #[arg(long, default_value_t = 200)]
    pub encoding_delay_ms: u64,
    /// Largest accepted uploaded file, in bytes.
    #[arg(long, default_value_t = 1 << 30)]
    pub max_file_bytes: u64,
    /// Size of the parts an upload session asks for, in bytes.
    #[arg(long, default_value_t = 5 << 20)]
    pub part_size: u64,
    // Fault injection: `--fault`, repeatable.
    #[command(flatten)]
    pub faults: FaultArgs,
}

fn parse_account(s: &str) -> Result<Account, String> {
    Account::parse(s).map_err(|e| e.to_string())
}

impl SimArgs {
    /// A builder configured as the flags say; [`SimulatorBuilder::spawn`] starts the simulator.
    pub fn into_builder(self) -> SimulatorBuilder {
        let mut builder = Simulator::builder()
            .bind(self.listen)
            .encoding_delay(Duration::from_millis(self.encoding_delay_ms))
            .max_file_bytes(self.max_file_bytes)
            .part_size(self.part_size)
            .faults(self.faults.fault_set());
        for account in self.accounts {
            builder = builder.account(account);
        }
        if let Some(dir) = self.data_dir {
            builder = builder.data_dir(dir);
        }
        builder
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    #[derive(Debug, Parser)]
    struct Command {
        #[command(flatten)]
        sim: SimArgs,
    }

    #[test]
    fn every_flag_reaches_the_builder() {
        let parsed = Command::try_parse_from([
            "telestream-sim",
            "--listen",
            "127.0.0.1:7000",
            "--account",
            "ak:sk:tcs_key",
            "--encoding-delay-ms",
            "0",
            "--max-file-bytes",
            "10",
            "--part-size",
            "100",
            "--fault",
            "videos.get:api_error_rate=1",
        ])
        .unwrap();
        let expected = Simulator::builder()
            .bind("127.0.0.1:7000".parse().unwrap())
            .encoding_delay(Duration::ZERO)
            .max_file_bytes(10)
            .part_size(100)
            .faults(sim_support::faults::FaultSet {
                rules: vec!["videos.get:api_error_rate=1".parse().unwrap()],
            })
            .account(Account::parse("ak:sk:tcs_key").unwrap());
        assert_eq!(
            format!("{:?}", parsed.sim.into_builder()),
            format!("{expected:?}")
        );
    }

    #[test]
    fn an_invalid_account_is_refused_by_the_parser() {
        assert!(Command::try_parse_from(["telestream-sim", "--account", "only-one"]).is_err());
    }
}
