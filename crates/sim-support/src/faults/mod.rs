//! Misbehaviour on purpose, for reliability tests of clients against a platform simulator: added latency
//! (always, or as spikes on a share of calls), a share of calls answered with an API error or an HTTP 503,
//! connections dropped in the middle of the response, and stalled uploads.
//!
//! A simulator names each call it serves by a service and an action (`media.get`); a [`FaultRule`] targets
//! one action (`media.get`), one service (`media`) or every call (`*`), and the most specific matching rule
//! applies. The rules in force are a [`FaultSet`], shared and switchable at run time through [`Faults`].
//! The parts a simulator wires in:
//!
//! - [`FaultArgs`]: the repeatable `--fault TARGET:key=value,…` flag, to flatten into its command line;
//! - [`FaultLayer`]: a tower layer applying what happens to a whole request (HTTP 503, dropped connection,
//!   stalled upload), given a function that names the call a request makes;
//! - [`control_router`]: `GET`/`PUT`/`POST`/`DELETE /__sim/faults`, to read and switch the rules while
//!   running;
//! - [`Faults::plan`]: what happens to one call, for the parts only the simulator can apply (the latency
//!   before it answers, and an API error in its own format).
//!
//! The crate knows nothing of any platform: what an API error looks like, and which requests are calls, is
//! the simulator's business.
//!
//! ```
//! use sim_support::faults::{FaultRule, FaultSet, Faults};
//!
//! let rule: FaultRule = "media.get:api_error_rate=1".parse()?;
//! let faults = Faults::new(FaultSet { rules: vec![rule] });
//! assert!(faults.plan("media", "get").api_error);
//! assert!(!faults.plan("media", "list").api_error);
//! # Ok::<(), sim_support::faults::FaultRuleError>(())
//! ```

mod args;
mod control;
mod layer;
mod rules;

use std::sync::{Arc, Mutex};

use rand::Rng;

pub use args::FaultArgs;
pub use control::{CONTROL_PATH, control_router};
pub use layer::{Call, FaultLayer, FaultService, KeepConnection};
pub use rules::{FaultRule, FaultRuleError, FaultSet};

/// What happens to one call, drawn from the matching rule.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct FaultPlan {
    /// Milliseconds to wait before answering (the rule's latency plus a spike, if one was drawn).
    pub latency_ms: u64,
    /// Answer with the platform's internal-error reply instead of running the call.
    pub api_error: bool,
    /// Answer HTTP 503 without a platform body.
    pub http_error: bool,
    /// Cut the response body in half and end the connection with an error.
    pub drop_connection: bool,
    /// Milliseconds an upload waits before its body is read.
    pub stall_upload_ms: u64,
}

/// Shared, switchable fault rules. Cloning shares the same rules.
#[derive(Debug, Clone, Default)]
pub struct Faults(Arc<Mutex<FaultSet>>);

impl Faults {
    /// Rules in force from the start; [`Faults::default`] has none.
    pub fn new(set: FaultSet) -> Self {
        Self(Arc::new(Mutex::new(set)))
    }

    /// The rules in force.
    pub fn get(&self) -> FaultSet {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Replaces every rule.
    pub fn set(&self, set: FaultSet) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = set;
    }

    /// Removes every rule: the simulator behaves again.
    pub fn clear(&self) {
        self.set(FaultSet::default());
    }

    /// Draws what happens to a call of `service.action`: the most specific matching rule applies (the
    /// action, else the service, else `*`); without one, nothing happens. Each call draws anew, so a rate of
    /// 0.5 hits about every other call.
    pub fn plan(&self, service: &str, action: &str) -> FaultPlan {
        let set = self.get();
        let exact = format!("{service}.{action}");
        let rule = [exact.as_str(), service, "*"]
            .iter()
            .find_map(|t| set.rules.iter().find(|r| r.target.eq_ignore_ascii_case(t)));
        let Some(rule) = rule else {
            return FaultPlan::default();
        };
        let mut rng = rand::rng();
        let mut draw = |rate: f64| rate > 0.0 && rng.random::<f64>() < rate;
        let spike = if draw(rule.spike_rate) {
            rule.spike_ms
        } else {
            0
        };
        FaultPlan {
            latency_ms: rule.latency_ms + spike,
            http_error: draw(rule.http_error_rate),
            api_error: draw(rule.api_error_rate),
            drop_connection: draw(rule.drop_rate),
            stall_upload_ms: rule.stall_upload_ms,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn most_specific_rule_wins() {
        let faults = Faults::new(FaultSet {
            rules: vec![
                FaultRule {
                    target: "*".into(),
                    latency_ms: 5,
                    ..FaultRule::default()
                },
                FaultRule {
                    target: "media.get".into(),
                    api_error_rate: 1.0,
                    ..FaultRule::default()
                },
            ],
        });
        let get = faults.plan("media", "get");
        assert!(get.api_error);
        assert_eq!(get.latency_ms, 0);
        assert_eq!(faults.plan("media", "list").latency_ms, 5);
        faults.clear();
        assert_eq!(faults.plan("media", "list"), FaultPlan::default());
    }

    #[test]
    fn a_service_rule_covers_its_actions_and_names_ignore_case() {
        let rule: FaultRule = "Media:http_error_rate=1".parse().unwrap();
        let faults = Faults::new(FaultSet { rules: vec![rule] });
        assert!(faults.plan("media", "get").http_error);
        assert!(!faults.plan("session", "start").http_error);
    }

    #[test]
    fn latency_spikes_delay_only_the_share_of_calls_they_name() {
        let always: FaultRule = "*:latency_ms=3,spike_rate=1,spike_ms=2000".parse().unwrap();
        let never: FaultRule = "*:latency_ms=3,spike_rate=0,spike_ms=2000".parse().unwrap();
        assert_eq!(
            Faults::new(FaultSet {
                rules: vec![always]
            })
            .plan("media", "get")
            .latency_ms,
            2003
        );
        assert_eq!(
            Faults::new(FaultSet { rules: vec![never] })
                .plan("media", "get")
                .latency_ms,
            3
        );
        let some: FaultRule = "*:spike_rate=0.5,spike_ms=10".parse().unwrap();
        let faults = Faults::new(FaultSet { rules: vec![some] });
        let spiked = (0..1000)
            .filter(|_| faults.plan("media", "get").latency_ms == 10)
            .count();
        assert!((350..650).contains(&spiked), "{spiked} of 1000 spiked");
        assert!("*:spike_rate=1.5".parse::<FaultRule>().is_err());
    }
}
