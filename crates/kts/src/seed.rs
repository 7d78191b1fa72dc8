//! Instances from the old service's environment variables: `KALTURA_INSTANCES=N`
//! and `k_<n>_<FIELD>` (`k_1_PARTNER_ID`, `k_1_ADMIN_SECRET`, …), added to an
//! empty store on first start (kts-legacy-api.md, "Admin").

use std::collections::HashMap;

use crate::config::ConfigError;
use crate::ids::InstanceId;
use crate::model::PlatformKind;
use crate::store::{Account, FieldValues, NAME, NewInstance, validate_instance};

/// Most instances the old variables may describe.
const MAX_SEEDED: u32 = 1000;

/// Reads the instances described by `vars` (normally `std::env::vars()`).
///
/// No `KALTURA_INSTANCES` means none. An instance with a missing or malformed
/// field is an error naming its variable; each field's variable is the
/// `<FIELD>` its declaration names (`store::KalturaAccount::FIELDS`).
pub(crate) fn instances_from_vars(
    vars: impl IntoIterator<Item = (String, String)>,
) -> Result<Vec<NewInstance>, ConfigError> {
    let vars: HashMap<String, String> = vars
        .into_iter()
        .filter(|(name, _)| name == "KALTURA_INSTANCES" || name.starts_with("k_"))
        .collect();
    let Some(count) = vars.get("KALTURA_INSTANCES") else {
        return Ok(Vec::new());
    };
    let count: u32 = count
        .trim()
        .parse()
        .ok()
        .filter(|n| *n <= MAX_SEEDED)
        .ok_or_else(|| {
            ConfigError::new(
                "KALTURA_INSTANCES",
                format!("must be a number of instances from 0 to {MAX_SEEDED}"),
            )
        })?;
    (1..=count).map(|n| instance(&vars, n)).collect()
}

fn instance(vars: &HashMap<String, String>, n: u32) -> Result<NewInstance, ConfigError> {
    let id =
        InstanceId::new(n).map_err(|e| ConfigError::new("KALTURA_INSTANCES", e.to_string()))?;
    // The old variables describe Kaltura accounts only.
    let specs: Vec<_> = std::iter::once(&NAME)
        .chain(Account::fields(PlatformKind::Kaltura))
        .collect();
    let variable = |legacy: &str| format!("k_{n}_{legacy}");
    let mut fields = FieldValues::new().with(NAME.name, format!("Instance {n}"));
    for spec in &specs {
        let Some(legacy) = spec.legacy else { continue };
        if let Some(value) = vars
            .get(&variable(legacy))
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
        {
            fields.set(spec.name, value);
        }
    }
    if let Err(errors) = validate_instance(&fields) {
        // The first field at fault, named by its variable.
        if let Some((field, problem)) = errors.iter().next() {
            let name = specs
                .iter()
                .find(|spec| spec.name == field)
                .and_then(|spec| spec.legacy)
                .map_or_else(|| field.to_owned(), variable);
            let problem = if problem == "is required" {
                "is missing"
            } else {
                problem
            };
            return Err(ConfigError::new(name, problem));
        }
    }
    Ok(NewInstance {
        id: Some(id),
        fields,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn old_variables_describe_instances() {
        let found = instances_from_vars(vars(&[
            ("KALTURA_INSTANCES", "1"),
            ("k_1_KALTURA_NAME", "Museum"),
            ("k_1_KALTURA_PATH", "www.kaltura.com"),
            ("k_1_PARTNER_ID", "123"),
            ("k_1_PLAYER_ID", "456"),
            ("k_1_ADMIN_SECRET", "adm"),
            ("k_1_SECRET", "usr"),
            ("k_1_USER_NAME", "me@example.org"),
            ("PATH", "/bin"),
        ]))
        .unwrap();
        assert_eq!(found.len(), 1);
        let one = &found[0];
        assert_eq!(one.id.map(InstanceId::get), Some(1));
        let valid = validate_instance(&one.fields).unwrap();
        assert_eq!(valid.name, "Museum");
        let Account::Kaltura(account) = valid.account else {
            panic!("not a Kaltura account");
        };
        assert_eq!(account.partner_id, 123);
        assert_eq!(account.player_uiconf_id, Some(456));
        assert_eq!(account.thumbnail_player_uiconf_id, None);
        assert_eq!(account.admin_secret.expose(), "adm");
        assert_eq!(
            account.ks_version,
            kaltura::KsVersion::V2,
            "v2 unless named"
        );
    }

    #[test]
    fn an_old_account_may_ask_for_v1_sessions() {
        let found = instances_from_vars(vars(&[
            ("KALTURA_INSTANCES", "2"),
            ("k_1_KALTURA_PATH", "www.kaltura.com"),
            ("k_1_PARTNER_ID", "1"),
            ("k_1_ADMIN_SECRET", "adm"),
            ("k_1_USER_NAME", "me"),
            ("k_1_KS_VERSION", "v1"),
            ("k_2_KALTURA_PATH", "www.kaltura.com"),
            ("k_2_PARTNER_ID", "2"),
            ("k_2_ADMIN_SECRET", "adm"),
            ("k_2_USER_NAME", "me"),
            ("k_2_KS_VERSION", "V2"),
        ]))
        .unwrap();
        let version = |i: usize| {
            let Account::Kaltura(account) = validate_instance(&found[i].fields).unwrap().account
            else {
                panic!("not a Kaltura account");
            };
            account.ks_version
        };
        assert_eq!(version(0), kaltura::KsVersion::V1);
        assert_eq!(version(1), kaltura::KsVersion::V2);
        let error = instances_from_vars(vars(&[
            ("KALTURA_INSTANCES", "1"),
            ("k_1_KALTURA_PATH", "www.kaltura.com"),
            ("k_1_PARTNER_ID", "1"),
            ("k_1_ADMIN_SECRET", "adm"),
            ("k_1_USER_NAME", "me"),
            ("k_1_KS_VERSION", "2"),
        ]))
        .unwrap_err();
        assert_eq!(error.variable, "k_1_KS_VERSION");
    }

    #[test]
    fn no_count_means_no_instances() {
        assert!(
            instances_from_vars(vars(&[("k_1_PARTNER_ID", "1")]))
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn errors_name_the_variable() {
        let error = instances_from_vars(vars(&[
            ("KALTURA_INSTANCES", "1"),
            ("k_1_KALTURA_PATH", "x"),
            ("k_1_PARTNER_ID", "abc"),
        ]))
        .unwrap_err();
        assert_eq!(error.variable, "k_1_PARTNER_ID");
        let error = instances_from_vars(vars(&[("KALTURA_INSTANCES", "many")])).unwrap_err();
        assert_eq!(error.variable, "KALTURA_INSTANCES");
    }
}
