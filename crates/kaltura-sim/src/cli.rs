//! The simulator's command-line flags, declared once: the `kaltura-sim` binary parses them, and programs
//! that run the simulator as one of their commands (`kts sim`) flatten the same [`SimArgs`] into theirs.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use sim_support::faults::FaultArgs;

use crate::{Partner, Simulator, SimulatorBuilder};

/// The simulator's flags. Environment variables are those of the `kaltura-sim` binary
/// (`KALTURA_SIM_LISTEN`, `KALTURA_SIM_DATA_DIR`); a program embedding the flags may rename them with
/// `clap`'s `mut_arg` on the ids `listen` and `data_dir`.
#[derive(Debug, Clone, clap::Args)]
pub struct SimArgs {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, env = "KALTURA_SIM_LISTEN", default_value = "127.0.0.1:0")]
    pub listen: SocketAddr,
    /// A partner as ID:ADMIN_SECRET:USER_SECRET[:v1|v2] (repeatable); the version is that of the KSs
    /// `session.start` answers, v2 when omitted. Default: the demo partner 100.
    #[arg(long = "partner", value_parser = parse_partner)]
    pub partners: Vec<Partner>,
    /// Folder that keeps state and files across restarts. Default: a temporary folder.
    #[arg(long, env = "KALTURA_SIM_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// Milliseconds an uploaded video or audio entry stays PRECONVERT before it is READY.
    #[arg(long, default_value_t = 200)]
    pub ready_delay_ms: u64,
    /// Milliseconds a final upload chunk waits for earlier chunks that have not arrived (Kaltura: 30 s).
    #[arg(long, default_value_t = 30_000)]
    pub final_chunk_wait_ms: u64,
    // Fault injection: `--fault`, repeatable.
    #[command(flatten)]
    pub faults: FaultArgs,
}

fn parse_partner(s: &str) -> Result<Partner, String> {
    Partner::parse(s).map_err(|e| e.to_string())
}

impl SimArgs {
    /// A builder configured as the flags say; [`SimulatorBuilder::spawn`] starts the simulator.
    pub fn into_builder(self) -> SimulatorBuilder {
        let mut builder = Simulator::builder()
            .bind(self.listen)
            .ready_delay(Duration::from_millis(self.ready_delay_ms))
            .final_chunk_wait(Duration::from_millis(self.final_chunk_wait_ms))
            .faults(self.faults.fault_set());
        for partner in self.partners {
            builder = builder.partner(partner);
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
            "kaltura-sim",
            "--listen",
            "127.0.0.1:7000",
            "--partner",
            "200:aaaa:bbbb:v1",
            "--ready-delay-ms",
            "0",
            "--final-chunk-wait-ms",
            "5",
            "--fault",
            "media.get:api_error_rate=1",
        ])
        .unwrap();
        let builder = parsed.sim.into_builder();
        let expected = Simulator::builder()
            .bind("127.0.0.1:7000".parse().unwrap())
            .ready_delay(Duration::ZERO)
            .final_chunk_wait(Duration::from_millis(5))
            .faults(sim_support::faults::FaultSet {
                rules: vec!["media.get:api_error_rate=1".parse().unwrap()],
            })
            .partner(Partner::parse("200:aaaa:bbbb:v1").unwrap());
        assert_eq!(format!("{builder:?}"), format!("{expected:?}"));
    }

    #[test]
    fn an_invalid_partner_is_refused_by_the_parser() {
        assert!(Command::try_parse_from(["kaltura-sim", "--partner", "x:a:b"]).is_err());
    }
}
