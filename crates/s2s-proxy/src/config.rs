//! What a running server is allowed to do: its mode, the hosts it may fetch,
//! and how much fetching it takes on at once.

pub use crate::allowed_host::{AllowedHost, AllowedHostError, HostPattern};
pub use s2s_core::api::Mode;

/// The hosts of the demo environment: the names Microsoft's documentation uses
/// for the Skype pool and the Exchange autodiscover service of `litwareinc.com`.
pub const DEMO_HOSTS: &[&str] = &["atl-cs-001.litwareinc.com", "autodiscover.litwareinc.com"];

/// Everything the server needs to know about its configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerConfig {
    pub mode: Mode,
    pub allowed_hosts: Vec<AllowedHost>,
    /// Metadata paths the operator added to the known ones.
    pub extra_paths: Vec<String>,
    /// Upstream fetches under way at once; more are refused as busy.
    pub max_concurrent_fetches: usize,
    /// Fetches one client may ask for in a minute; 0 turns the limit off.
    pub rate_limit_per_minute: u32,
    /// The names the console answers to (see [`crate::served_names`]).
    pub served_names: crate::served_names::ServedNames,
}

impl ServerConfig {
    /// The default: demo mode, allowed to fetch only the demo hosts.
    pub fn demo() -> Self {
        ServerConfig {
            mode: Mode::Demo,
            allowed_hosts: DEMO_HOSTS.iter().map(|h| AllowedHost::exact(h)).collect(),
            extra_paths: Vec::new(),
            max_concurrent_fetches: crate::server::MAX_CONCURRENT_FETCHES,
            rate_limit_per_minute: crate::rate::FETCHES_PER_MINUTE,
            served_names: crate::served_names::ServedNames::default(),
        }
    }

    /// Live mode for these hosts, with the default limits.
    pub fn live(allowed_hosts: Vec<AllowedHost>) -> Self {
        ServerConfig {
            mode: Mode::Live,
            allowed_hosts,
            ..ServerConfig::demo()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_allows_exactly_the_demo_hosts() {
        let c = ServerConfig::demo();
        assert_eq!(c.mode, Mode::Demo);
        assert_eq!(c.allowed_hosts.len(), DEMO_HOSTS.len());
        assert_eq!(c.max_concurrent_fetches, 32);
        assert_eq!(c.rate_limit_per_minute, 60);
    }

    #[test]
    fn live_keeps_the_default_limits() {
        let c = ServerConfig::live(vec![AllowedHost::exact("x.contoso.com")]);
        assert_eq!(c.mode, Mode::Live);
        assert_eq!(
            c.max_concurrent_fetches,
            ServerConfig::demo().max_concurrent_fetches
        );
    }
}
