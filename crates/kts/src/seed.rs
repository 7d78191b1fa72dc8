//! Instances from the old service's environment variables: `KALTURA_INSTANCES=N`
//! and `k_<n>_<FIELD>` (`k_1_PARTNER_ID`, `k_1_ADMIN_SECRET`, …), added to an
//! empty store on first start (kts-legacy-api.md, "Admin").

use std::collections::HashMap;

use secrecy::SecretString;

use crate::config::ConfigError;
use crate::ids::InstanceId;
use crate::store::{NewInstance, parse_ks_version};

/// Most instances the old variables may describe.
const MAX_SEEDED: u32 = 1000;

/// Reads the instances described by `vars` (normally `std::env::vars()`).
///
/// No `KALTURA_INSTANCES` means none. An instance with a missing or malformed
/// required field is an error naming its variable.
pub fn instances_from_vars(
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
    let name = |field: &str| format!("k_{n}_{field}");
    let text = |field: &str| {
        vars.get(&name(field))
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    let required =
        |field: &str| text(field).ok_or_else(|| ConfigError::new(name(field), "is missing"));
    let number = |field: &str| -> Result<Option<i64>, ConfigError> {
        text(field)
            .map(|v| {
                v.parse::<i64>()
                    .map_err(|_| ConfigError::new(name(field), "must be a number"))
            })
            .transpose()
    };
    let id =
        InstanceId::new(n).map_err(|e| ConfigError::new("KALTURA_INSTANCES", e.to_string()))?;
    Ok(NewInstance {
        id: Some(id),
        name: text("KALTURA_NAME").unwrap_or_else(|| format!("Instance {n}")),
        service_url: required("KALTURA_PATH")?,
        partner_id: number("PARTNER_ID")?
            .ok_or_else(|| ConfigError::new(name("PARTNER_ID"), "is missing"))?,
        player_uiconf_id: number("PLAYER_ID")?,
        thumbnail_player_uiconf_id: number("THUMBNAIL_PLAYER_ID")?,
        admin_secret: SecretString::from(required("ADMIN_SECRET")?),
        user_secret: text("SECRET").map(SecretString::from),
        user_id: required("USER_NAME")?,
        mobile_flavor_id: number("MOBILE_PLAYER_FLAVOR")?,
        // Not one of the old service's variables: optional, v2 when absent.
        ks_version: text("KS_VERSION")
            .map(|v| {
                parse_ks_version(&v)
                    .map_err(|_| ConfigError::new(name("KS_VERSION"), "must be v1 or v2"))
            })
            .transpose()?
            .unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret;

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
        assert_eq!(one.name, "Museum");
        assert_eq!(one.partner_id, 123);
        assert_eq!(one.player_uiconf_id, Some(456));
        assert_eq!(one.thumbnail_player_uiconf_id, None);
        assert_eq!(one.admin_secret.expose_secret(), "adm");
        assert_eq!(one.ks_version, kaltura::KsVersion::V2, "v2 unless named");
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
        assert_eq!(found[0].ks_version, kaltura::KsVersion::V1);
        assert_eq!(found[1].ks_version, kaltura::KsVersion::V2);
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
