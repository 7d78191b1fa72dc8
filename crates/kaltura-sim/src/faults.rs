//! Misbehaviour on purpose, for reliability tests: added latency (always, or as spikes on a share of calls),
//! a share of calls answered with an API
//! error or an HTTP 503, connections dropped in the middle of the response, and stalled uploads. Rules apply
//! to one action (`media.get`), one service (`media`) or every call (`*`), set by flags or at run time
//! through `/__sim/faults`.

use std::str::FromStr;
use std::sync::{Arc, Mutex};

use rand::Rng;
use serde::{Deserialize, Serialize};

/// One fault rule. Rates are shares between 0 and 1 (1 = every matching call).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FaultRule {
    /// `service.action`, `service`, or `*` (every call). Names are compared case-insensitively.
    pub target: String,
    /// Milliseconds added before the call is answered.
    pub latency_ms: u64,
    /// Share of calls delayed by a further `spike_ms` (a latency spike, as a loaded platform has).
    pub spike_rate: f64,
    /// Milliseconds a spike adds.
    pub spike_ms: u64,
    /// Share of calls answered with the API error `INTERNAL_SERVERL_ERROR`.
    pub api_error_rate: f64,
    /// Share of calls answered with HTTP 503 and no Kaltura body.
    pub http_error_rate: f64,
    /// Share of calls whose connection is dropped after half of the response body.
    pub drop_rate: f64,
    /// Milliseconds an `upload` action waits before it reads its body (a stalled upload).
    pub stall_upload_ms: u64,
}

/// The rules in force.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FaultSet {
    pub rules: Vec<FaultRule>,
}

/// What happens to one call, drawn from the matching rule.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct FaultPlan {
    pub(crate) latency_ms: u64,
    pub(crate) api_error: bool,
    pub(crate) http_error: bool,
    pub(crate) drop_connection: bool,
    pub(crate) stall_upload_ms: u64,
}

/// Shared, switchable fault rules. Cloning shares the same rules.
#[derive(Debug, Clone, Default)]
pub struct Faults(Arc<Mutex<FaultSet>>);

impl Faults {
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

    /// Draws what happens to a call of `service.action`: the most specific matching rule applies.
    pub(crate) fn plan(&self, service: &str, action: &str) -> FaultPlan {
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

/// A rule could not be read from its text form.
#[derive(Debug, thiserror::Error, PartialEq)]
#[error("invalid fault rule {rule:?}: {reason}")]
pub struct FaultRuleError {
    rule: String,
    reason: String,
}

impl FromStr for FaultRule {
    type Err = FaultRuleError;

    /// Reads `TARGET:key=value,key=value`, e.g. `media.get:latency_ms=200,api_error_rate=0.5` or
    /// `*:drop_rate=0.1`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let fail = |reason: String| FaultRuleError {
            rule: s.to_owned(),
            reason,
        };
        let (target, settings) = s
            .split_once(':')
            .ok_or_else(|| fail("expected TARGET:key=value,…".into()))?;
        if target.is_empty() {
            return Err(fail("empty target (use * for every call)".into()));
        }
        let mut rule = FaultRule {
            target: target.to_owned(),
            ..FaultRule::default()
        };
        for setting in settings.split(',').filter(|x| !x.is_empty()) {
            let (key, value) = setting
                .split_once('=')
                .ok_or_else(|| fail(format!("{setting:?} is not key=value")))?;
            let int = || {
                value
                    .parse::<u64>()
                    .map_err(|_| fail(format!("{key} needs a whole number")))
            };
            let rate = || match value.parse::<f64>() {
                Ok(v) if (0.0..=1.0).contains(&v) => Ok(v),
                _ => Err(fail(format!("{key} needs a share between 0 and 1"))),
            };
            match key {
                "latency_ms" => rule.latency_ms = int()?,
                "stall_upload_ms" => rule.stall_upload_ms = int()?,
                "spike_ms" => rule.spike_ms = int()?,
                "spike_rate" => rule.spike_rate = rate()?,
                "api_error_rate" => rule.api_error_rate = rate()?,
                "http_error_rate" => rule.http_error_rate = rate()?,
                "drop_rate" => rule.drop_rate = rate()?,
                other => return Err(fail(format!("unknown setting {other:?}"))),
            }
        }
        Ok(rule)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_text_is_parsed_and_checked() {
        let rule: FaultRule = "media.get:latency_ms=200,api_error_rate=1".parse().unwrap();
        assert_eq!(rule.target, "media.get");
        assert_eq!(rule.latency_ms, 200);
        assert_eq!(rule.api_error_rate, 1.0);
        assert!("media.get:api_error_rate=2".parse::<FaultRule>().is_err());
        assert!("media.get:nonsense=1".parse::<FaultRule>().is_err());
        assert!("no-colon".parse::<FaultRule>().is_err());
    }

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
