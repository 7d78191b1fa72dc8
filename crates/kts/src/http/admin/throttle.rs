//! The admin login throttle: failed logins counted over a window along three
//! dimensions, each with its own limit ([`ThrottleLimits`]):
//!
//! - per client address, an IPv6 address by its /64 (one host usually holds
//!   a whole /64, so counting single IPv6 addresses would not slow it down);
//! - per user name, so that guesses spread over many addresses still stop;
//! - in total, so that guesses spread over many addresses and names stop too.
//!
//! Once a dimension reaches its limit, logins it covers are refused, even with
//! the right password, until its window (started by its first failure) ends.
//! The price of the last two is that someone guessing can keep the real admin
//! out for a window; the limits are far above what a person mistyping
//! reaches.
//!
//! The policy ([`LoginThrottle`]) is apart from where the counts live
//! ([`Counts`]): today in memory, per process (behind a load balancer each
//! replica counts its own). A store-backed variant of [`Counts`] keeps the
//! same three operations — read the counts of some keys, add a failure to
//! them, clear one — over rows keyed by a stable text of each [`ThrottleKey`],
//! which is why the throttle's methods are already `async`.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use sha2::{Digest, Sha256};

/// The client's address, for the login throttle. Requests served without
/// connection info (router tests) share one bucket.
#[derive(Debug, Clone, Copy)]
pub struct ClientAddress(pub Option<IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientAddress(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|info| info.0.ip()),
        ))
    }
}

/// How many failed logins each dimension allows within [`Self::window`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottleLimits {
    /// Per client address (IPv6: per /64). Default 5.
    pub per_address: u32,
    /// Per user name, from any address. Default 10.
    pub per_user: u32,
    /// All failures together. Default 30.
    pub global: u32,
    /// How long a count lasts from its first failure. Default 5 minutes.
    pub window: Duration,
}

impl Default for ThrottleLimits {
    fn default() -> Self {
        ThrottleLimits {
            per_address: 5,
            per_user: 10,
            global: 30,
            window: Duration::from_secs(300),
        }
    }
}

/// One login attempt, as the throttle sees it.
#[derive(Debug, Clone, Copy)]
pub struct LoginAttempt<'a> {
    /// Where it comes from.
    pub address: ClientAddress,
    /// The user name sent (any text; only its digest is kept).
    pub user: &'a str,
}

impl LoginAttempt<'_> {
    /// The counters this attempt is checked against, in the order of
    /// [`ThrottleScope`].
    fn keys(&self) -> [ThrottleKey; 3] {
        [
            ThrottleKey::address(self.address),
            ThrottleKey::user(self.user),
            ThrottleKey::Global,
        ]
    }
}

/// Which limit refused a login (the page says which, so a person knows
/// whether waiting or another network helps).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThrottleScope {
    /// Too many failures from this address (or IPv6 /64).
    Address,
    /// Too many failures for this user name.
    User,
    /// Too many failures overall.
    Global,
}

/// What a failure is counted against.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum ThrottleKey {
    /// A client address; IPv6 masked to its /64, IPv4-mapped IPv6 as IPv4.
    Address(Option<IpAddr>),
    /// The SHA-256 of a user name (a mistyped password typed into the name
    /// field is not kept).
    User([u8; 32]),
    /// Every failure.
    Global,
}

impl ThrottleKey {
    /// The key of `address`: an IPv6 address counts by its /64.
    pub(crate) fn address(address: ClientAddress) -> Self {
        ThrottleKey::Address(address.0.map(|ip| match ip {
            IpAddr::V4(_) => ip,
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => IpAddr::V4(v4),
                None => {
                    let bits = u128::from(v6) & !((1u128 << 64) - 1);
                    IpAddr::V6(Ipv6Addr::from(bits))
                }
            },
        }))
    }

    /// The key of a user name.
    pub(crate) fn user(user: &str) -> Self {
        ThrottleKey::User(Sha256::digest(user.as_bytes()).into())
    }
}

/// A count of failures and when its window began.
#[derive(Debug, Clone, Copy)]
struct Window {
    since: Instant,
    failures: u32,
}

/// Failure counts in this process's memory.
///
/// Bounded without a limit of its own: a key is added only by a failure, a
/// failure is counted only while the global count is under its limit, and
/// keys whose window ended are dropped at every failure, so at most about
/// `2 × global + 1` keys are live per window.
#[derive(Debug, Default)]
pub struct MemoryCounts {
    windows: Mutex<HashMap<ThrottleKey, Window>>,
}

impl MemoryCounts {
    fn counts<const N: usize>(
        &self,
        keys: &[ThrottleKey; N],
        now: Instant,
        window: Duration,
    ) -> [u32; N] {
        let windows = self.windows.lock().unwrap_or_else(|p| p.into_inner());
        keys.each_ref().map(|key| match windows.get(key) {
            Some(w) if now.saturating_duration_since(w.since) < window => w.failures,
            _ => 0,
        })
    }

    fn add(&self, keys: &[ThrottleKey], now: Instant, window: Duration) {
        let mut windows = self.windows.lock().unwrap_or_else(|p| p.into_inner());
        windows.retain(|_, w| now.saturating_duration_since(w.since) < window);
        for key in keys {
            let w = windows.entry(key.clone()).or_insert(Window {
                since: now,
                failures: 0,
            });
            w.failures = w.failures.saturating_add(1);
        }
    }

    fn clear(&self, key: &ThrottleKey) {
        let mut windows = self.windows.lock().unwrap_or_else(|p| p.into_inner());
        windows.remove(key);
    }
}

/// Where the counts live. An enum rather than a trait object: the store-backed
/// variant (the throttle shared by replicas, DESIGN.md "State") is async, and
/// the compiler then lists every operation it must fill.
#[derive(Debug)]
pub enum Counts {
    /// Per process, lost on restart.
    Memory(MemoryCounts),
}

impl Counts {
    async fn counts<const N: usize>(
        &self,
        keys: &[ThrottleKey; N],
        now: Instant,
        window: Duration,
    ) -> [u32; N] {
        match self {
            Counts::Memory(memory) => memory.counts(keys, now, window),
        }
    }

    async fn add(&self, keys: &[ThrottleKey], now: Instant, window: Duration) {
        match self {
            Counts::Memory(memory) => memory.add(keys, now, window),
        }
    }

    async fn clear(&self, key: &ThrottleKey) {
        match self {
            Counts::Memory(memory) => memory.clear(key),
        }
    }
}

/// Counts failed logins and refuses attempts over a limit.
#[derive(Debug)]
pub struct LoginThrottle {
    limits: ThrottleLimits,
    counts: Counts,
}

impl Default for LoginThrottle {
    /// The default limits, counted in memory.
    fn default() -> Self {
        LoginThrottle::new(
            ThrottleLimits::default(),
            Counts::Memory(MemoryCounts::default()),
        )
    }
}

impl LoginThrottle {
    /// A throttle with `limits`, keeping its counts in `counts`.
    pub fn new(limits: ThrottleLimits, counts: Counts) -> Self {
        LoginThrottle { limits, counts }
    }

    /// The limits in force.
    pub fn limits(&self) -> &ThrottleLimits {
        &self.limits
    }

    /// `Ok` when `attempt` may be checked now, else the first limit reached.
    pub async fn check(&self, attempt: LoginAttempt<'_>) -> Result<(), ThrottleScope> {
        self.check_at(attempt, Instant::now()).await
    }

    async fn check_at(&self, attempt: LoginAttempt<'_>, now: Instant) -> Result<(), ThrottleScope> {
        let [address, user, global] = self
            .counts
            .counts(&attempt.keys(), now, self.limits.window)
            .await;
        if address >= self.limits.per_address {
            Err(ThrottleScope::Address)
        } else if user >= self.limits.per_user {
            Err(ThrottleScope::User)
        } else if global >= self.limits.global {
            Err(ThrottleScope::Global)
        } else {
            Ok(())
        }
    }

    /// Counts a failed `attempt` in every dimension.
    pub async fn failed(&self, attempt: LoginAttempt<'_>) {
        self.failed_at(attempt, Instant::now()).await;
    }

    async fn failed_at(&self, attempt: LoginAttempt<'_>, now: Instant) {
        self.counts
            .add(&attempt.keys(), now, self.limits.window)
            .await;
    }

    /// Forgets the failures of the address after a successful login. The
    /// user name's and the global counts stay: a login does not hand someone
    /// guessing at the same time a fresh allowance.
    pub async fn succeeded(&self, attempt: LoginAttempt<'_>) {
        self.counts
            .clear(&ThrottleKey::address(attempt.address))
            .await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(ip: &str) -> ClientAddress {
        ClientAddress(Some(ip.parse().unwrap()))
    }

    fn attempt<'a>(ip: &str, user: &'a str) -> LoginAttempt<'a> {
        LoginAttempt {
            address: at(ip),
            user,
        }
    }

    fn limits() -> ThrottleLimits {
        ThrottleLimits {
            per_address: 3,
            per_user: 5,
            global: 8,
            window: Duration::from_secs(60),
        }
    }

    fn throttle() -> LoginThrottle {
        LoginThrottle::new(limits(), Counts::Memory(MemoryCounts::default()))
    }

    // Issue 8 (hardening), item 8: one test per dimension.
    #[tokio::test]
    async fn an_address_is_blocked_after_its_limit_and_a_success_clears_it() {
        let throttle = throttle();
        for _ in 0..3 {
            assert_eq!(throttle.check(attempt("192.0.2.1", "boss")).await, Ok(()));
            throttle.failed(attempt("192.0.2.1", "boss")).await;
        }
        assert_eq!(
            throttle.check(attempt("192.0.2.1", "other")).await,
            Err(ThrottleScope::Address)
        );
        assert_eq!(throttle.check(attempt("192.0.2.2", "other")).await, Ok(()));
        throttle.succeeded(attempt("192.0.2.1", "boss")).await;
        assert_eq!(throttle.check(attempt("192.0.2.1", "other")).await, Ok(()));
    }

    #[tokio::test]
    async fn ipv6_addresses_of_one_64_count_as_one_address() {
        let throttle = throttle();
        for host in 1..=3 {
            throttle
                .failed(attempt(
                    &format!("2001:db8:1:2::{host}"),
                    &format!("u{host}"),
                ))
                .await;
        }
        assert_eq!(
            throttle
                .check(attempt("2001:db8:1:2:ffff:ffff:ffff:ffff", "fresh"))
                .await,
            Err(ThrottleScope::Address)
        );
        assert_eq!(
            throttle.check(attempt("2001:db8:1:3::1", "fresh")).await,
            Ok(())
        );
        // An IPv4-mapped address is its IPv4 address, not a /64 of others.
        assert_eq!(
            ThrottleKey::address(at("::ffff:192.0.2.7")),
            ThrottleKey::address(at("192.0.2.7"))
        );
    }

    #[tokio::test]
    async fn a_user_name_is_blocked_after_its_limit_from_any_address() {
        let throttle = throttle();
        for host in 1..=5 {
            throttle
                .failed(attempt(&format!("198.51.100.{host}"), "boss"))
                .await;
        }
        assert_eq!(
            throttle.check(attempt("203.0.113.9", "boss")).await,
            Err(ThrottleScope::User)
        );
        assert_eq!(throttle.check(attempt("203.0.113.9", "Boss")).await, Ok(()));
        // A success elsewhere does not reset the name's count.
        throttle.succeeded(attempt("203.0.113.9", "boss")).await;
        assert_eq!(
            throttle.check(attempt("203.0.113.10", "boss")).await,
            Err(ThrottleScope::User)
        );
    }

    #[tokio::test]
    async fn all_logins_are_blocked_after_the_global_limit() {
        let throttle = throttle();
        for n in 1..=8 {
            throttle
                .failed(attempt(&format!("198.51.100.{n}"), &format!("name{n}")))
                .await;
        }
        assert_eq!(
            throttle.check(attempt("203.0.113.1", "boss")).await,
            Err(ThrottleScope::Global)
        );
    }

    #[tokio::test]
    async fn counts_end_with_their_window() {
        let throttle = throttle();
        let start = Instant::now();
        for _ in 0..8 {
            throttle
                .failed_at(attempt("192.0.2.1", "boss"), start)
                .await;
        }
        assert!(
            throttle
                .check_at(attempt("192.0.2.1", "boss"), start)
                .await
                .is_err()
        );
        let later = start + Duration::from_secs(61);
        assert_eq!(
            throttle.check_at(attempt("192.0.2.1", "boss"), later).await,
            Ok(())
        );
        // The ended windows are dropped at the next failure.
        throttle.failed_at(attempt("192.0.2.2", "x"), later).await;
        let Counts::Memory(memory) = &throttle.counts;
        assert_eq!(memory.windows.lock().unwrap().len(), 3);
    }
}
