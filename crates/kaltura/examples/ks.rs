//! Builds or parses a KS from the command line, for cross-checks with other Kaltura implementations
//! (`tests/interop/test_ks_crosscheck.py`).
//!
//! ```text
//! cargo run -p kaltura --example ks -- build v2 SECRET PARTNER TYPE USER EXPIRY [PRIVILEGES]
//! cargo run -p kaltura --example ks -- parse SECRET KS
//! ```
//! `build` prints the KS; `parse` prints its fields as one JSON object. Errors go to stderr, exit code 1.

use anyhow::{Context, bail};
use kaltura::ks::{self, KsFields};
use kaltura::{Ks, KsVersion, SessionType};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize| {
        args.get(i)
            .map(String::as_str)
            .context("missing argument (see --help in the source)")
    };
    match arg(0)? {
        "build" => {
            let version = match arg(1)? {
                "v1" => KsVersion::V1,
                "v2" => KsVersion::V2,
                other => bail!("unknown version {other:?}"),
            };
            let fields = KsFields {
                partner_id: arg(3)?.parse().context("partner id")?,
                session_type: SessionType::from_i64(arg(4)?.parse().context("type")?),
                user_id: arg(5)?.to_owned(),
                expiry: arg(6)?.parse().context("expiry")?,
                privileges: args.get(7).cloned().unwrap_or_default(),
            };
            println!("{}", ks::build(&fields, arg(2)?, version)?.expose());
        }
        "parse" => {
            let ks = Ks::new(arg(2)?)?;
            let version = match ks::version_of(&ks)? {
                KsVersion::V1 => "v1",
                KsVersion::V2 => "v2",
            };
            let fields = ks::parse(&ks, arg(1)?)?;
            let json = serde_json::json!({
                "version": version,
                "partner_id": fields.partner_id,
                "type": fields.session_type.as_i64(),
                "user_id": fields.user_id,
                "expiry": fields.expiry,
                "privileges": fields.privileges,
            });
            println!("{json}");
        }
        other => bail!("unknown command {other:?}: use build or parse"),
    }
    Ok(())
}
