//! Whether KTS asks an instance's platform for gzip-compressed answers: a
//! field of every platform's account ([`COMPRESSION`]), `auto` by default.
//!
//! Compression pays across a network, where bytes cost time; between KTS and
//! a server on the same machine it only costs CPU on both sides (with the
//! Kaltura simulator on loopback, compressing and inflating the answers was
//! among the largest costs of a `get_media`, docs/performance.md). `auto`
//! turns it off for loopback hosts and keeps it for every other.

use std::net::IpAddr;

use url::{Host, Url};

use super::super::fields::{FieldKind, FieldSpec};

/// The compression setting of an instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Compression {
    /// Off for loopback hosts (`localhost`, 127.0.0.0/8, `::1`), on for the
    /// others.
    #[default]
    Auto,
    /// Always ask for compressed answers.
    On,
    /// Never ask for compressed answers.
    Off,
}

/// The field, shared by every platform's account (one store column).
pub(super) const COMPRESSION: FieldSpec = FieldSpec {
    name: "compression",
    label: "Compression",
    kind: FieldKind::Choice(&[
        (
            "auto",
            "auto (off for a server on this machine, on otherwise)",
        ),
        ("on", "on"),
        ("off", "off"),
    ]),
    required: true,
    help: "Gzip between KTS and the platform: it saves time across a network and \
           costs time on loopback.",
    flag: "compression",
    env: None,
    legacy: None,
};

impl Compression {
    /// The stored name: `auto`, `on` or `off`.
    pub fn as_str(self) -> &'static str {
        match self {
            Compression::Auto => "auto",
            Compression::On => "on",
            Compression::Off => "off",
        }
    }

    /// Reads a value [`COMPRESSION`] accepted; anything else is `auto`.
    pub(super) fn from_choice(choice: &str) -> Compression {
        match choice {
            "on" => Compression::On,
            "off" => Compression::Off,
            _ => Compression::Auto,
        }
    }

    /// Whether to compress when talking to `url` (`None`: the platform's
    /// public API, which is remote).
    pub fn is_on_for(self, url: Option<&Url>) -> bool {
        match self {
            Compression::On => true,
            Compression::Off => false,
            Compression::Auto => !url.is_some_and(is_loopback),
        }
    }
}

/// Whether `url` names this machine.
fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Domain(name)) => {
            let name = name.trim_end_matches('.').to_ascii_lowercase();
            name == "localhost" || name.ends_with(".localhost")
        }
        Some(Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> Url {
        Url::parse(text).unwrap()
    }

    #[test]
    fn auto_compresses_for_remote_hosts_and_not_on_loopback() {
        for local in [
            "http://127.0.0.1:8080",
            "http://127.1.2.3",
            "http://[::1]:9000/api",
            "http://localhost",
            "http://LOCALHOST.:80",
            "http://kaltura.localhost",
        ] {
            assert!(!Compression::Auto.is_on_for(Some(&url(local))), "{local}");
        }
        for remote in [
            "https://www.kaltura.com",
            "http://10.0.0.5",
            "http://[2001:db8::1]",
            "https://localhost.example.org",
        ] {
            assert!(Compression::Auto.is_on_for(Some(&url(remote))), "{remote}");
        }
        assert!(Compression::Auto.is_on_for(None));
    }

    #[test]
    fn on_and_off_ignore_the_host() {
        let local = url("http://127.0.0.1");
        let remote = url("https://www.kaltura.com");
        assert!(Compression::On.is_on_for(Some(&local)));
        assert!(!Compression::Off.is_on_for(Some(&remote)));
    }

    #[test]
    fn every_choice_reads_back_as_itself() {
        let FieldKind::Choice(options) = COMPRESSION.kind else {
            panic!("compression is a choice");
        };
        for (value, _) in options {
            assert_eq!(Compression::from_choice(value).as_str(), *value);
        }
        assert_eq!(options[0].0, Compression::default().as_str());
    }
}
