//! Fault rules: what a rule targets and does, the set in force, and the text form of the `--fault` flag.

use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// One fault rule. Rates are shares between 0 and 1 (1 = every matching call). In JSON (the control route)
/// every field but `target` may be left out and is then zero.
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
    /// Share of calls answered with the platform's internal-error reply (the simulator's own format).
    pub api_error_rate: f64,
    /// Share of calls answered with HTTP 503 and no platform body.
    pub http_error_rate: f64,
    /// Share of calls whose connection is dropped after half of the response body.
    pub drop_rate: f64,
    /// Milliseconds an upload waits before it reads its body (a stalled upload).
    pub stall_upload_ms: u64,
}

impl FaultRule {
    /// Why the control route refuses this rule, if it does: an empty target, or an error or drop rate
    /// outside 0–1.
    pub(crate) fn refusal(&self) -> Option<String> {
        let rate_ok = |r: f64| (0.0..=1.0).contains(&r);
        let valid = !self.target.is_empty()
            && rate_ok(self.api_error_rate)
            && rate_ok(self.http_error_rate)
            && rate_ok(self.drop_rate);
        (!valid).then(|| {
            format!(
                "rule for {:?}: target must be set and rates between 0 and 1",
                self.target
            )
        })
    }
}

/// The rules in force.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FaultSet {
    /// Every rule; for a call, the most specific matching one applies.
    pub rules: Vec<FaultRule>,
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
    /// `*:drop_rate=0.1`. Keys are the field names; rates must lie between 0 and 1.
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
    fn an_empty_target_or_a_rate_above_one_is_refused_by_the_control_route() {
        let named = |target: &str| FaultRule {
            target: target.into(),
            ..FaultRule::default()
        };
        assert_eq!(named("media").refusal(), None);
        assert!(named("").refusal().is_some());
        let too_many_drops = FaultRule {
            drop_rate: 1.5,
            ..named("*")
        };
        assert!(too_many_drops.refusal().is_some());
    }
}
