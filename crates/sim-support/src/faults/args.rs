//! The `--fault` flag, declared once for every simulator's command line.

use crate::faults::{FaultRule, FaultSet};

/// The simulator flags of fault injection; `#[command(flatten)]` them into a `clap` command.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct FaultArgs {
    /// A fault rule as TARGET:key=value,… (repeatable); e.g. `media.get:api_error_rate=0.5`,
    /// `*:latency_ms=100`, `media:drop_rate=0.2,stall_upload_ms=5000`. Keys: latency_ms,
    /// spike_rate, spike_ms, api_error_rate, http_error_rate, drop_rate, stall_upload_ms.
    #[arg(long = "fault", value_name = "RULE")]
    pub faults: Vec<FaultRule>,
}

impl FaultArgs {
    /// The rules the flags name, in force from the start; none without `--fault`.
    pub fn fault_set(self) -> FaultSet {
        FaultSet { rules: self.faults }
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    #[derive(Debug, Parser)]
    struct Command {
        #[command(flatten)]
        faults: FaultArgs,
    }

    #[test]
    fn the_fault_flag_is_repeatable_and_checked() {
        let parsed = Command::try_parse_from([
            "sim",
            "--fault",
            "media.get:api_error_rate=0.5",
            "--fault",
            "*:latency_ms=100",
        ])
        .unwrap();
        let set = parsed.faults.fault_set();
        assert_eq!(set.rules.len(), 2);
        assert_eq!(set.rules[1].latency_ms, 100);
        assert!(Command::try_parse_from(["sim", "--fault", "media.get:drop_rate=7"]).is_err());
        assert_eq!(
            Command::try_parse_from(["sim"]).unwrap().faults.fault_set(),
            FaultSet::default()
        );
    }
}
