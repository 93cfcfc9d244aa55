//! The deployments a server watches (`[[deployment]]` in the config file):
//! each a Skype pool and an Exchange organisation, checked once at start
//! with the Topology page's own rules and the same guard as every fetch,
//! so a watched URL is one a browser could have asked for.
//!
//! ```toml
//! watch_interval = 300          # seconds between watch rounds (30 to 86400)
//! [[deployment]]
//! name = "litwareinc"           # the metrics' `deployment` label
//! pool = "atl-cs-001.litwareinc.com"
//! exchange = "autodiscover.litwareinc.com"
//! sip_domain = "litwareinc.com" # optional: checks Skype's realm
//! exchange_servers = ["atl-exchange-001"]   # optional: for the console's plan
//! ```

use serde::{Deserialize, Serialize};
use thiserror::Error;

use s2s_core::api::Mode;
use s2s_core::topology::Topology;
use s2s_core::topology_form::TopologyForm;

use crate::config::AllowedHost;
use crate::guard;

/// A deployment as written in the config file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DeploymentFile {
    pub name: String,
    pub pool: String,
    pub exchange: String,
    pub sip_domain: Option<String>,
    #[serde(default)]
    pub exchange_servers: Vec<String>,
}

/// A deployment, checked: what the watch fetches and probes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deployment {
    pub name: String,
    /// As written, for the console's link to its topology.
    pub file: DeploymentFile,
    pub topology: Topology,
    /// The host (and port) of Exchange whose EWS the trust probe asks.
    pub probe_host: String,
}

/// Seconds between watch rounds unless `watch_interval` says otherwise.
pub const DEFAULT_WATCH_INTERVAL: u64 = 300;
/// The bounds of `watch_interval`: more often would hammer the servers
/// watched; less than daily would miss a certificate expiring.
pub const WATCH_INTERVAL_RANGE: (u64, u64) = (30, 86_400);

#[derive(Debug, Error, PartialEq, Eq)]
pub enum DeploymentError {
    #[error(
        "deployment name '{0}': use 1 to 64 letters, digits, '.', '_' or '-' (it becomes a metrics label)"
    )]
    Name(String),
    #[error("deployment '{0}' is configured twice; each name must be unique")]
    Duplicate(String),
    #[error("deployment '{name}': {problem}")]
    Field { name: String, problem: String },
    #[error("deployment '{name}': {url} may not be fetched: {reason}")]
    Refused {
        name: String,
        url: String,
        reason: String,
    },
}

/// The demo's own deployment: the one Microsoft's documentation describes,
/// which the demo servers play.
pub fn demo() -> DeploymentFile {
    let example = TopologyForm::litware_example();
    DeploymentFile {
        name: "litwareinc".into(),
        pool: example.pool,
        exchange: example.exchange,
        sip_domain: Some(example.sip_domain),
        exchange_servers: s2s_core::topology_form::split_names(&example.exchange_servers),
    }
}

/// A name that can be a metrics label value as written: 1 to 64 letters,
/// digits, `.`, `_` or `-`.
pub fn valid_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// A label for a deployment named only by its pool (`s2s check --format
/// prometheus` without `--deployment`): the host without its port, each
/// character a label cannot hold (an IPv6 literal's) made `-`, cut to 64.
pub fn name_from_host(host: &str) -> String {
    let host = match host.rsplit_once(':') {
        Some((name, port)) if !name.ends_with(':') && port.bytes().all(|b| b.is_ascii_digit()) => {
            name
        }
        _ => host,
    };
    let name: String = host
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '-'
            }
        })
        .take(64)
        .collect();
    if name.is_empty() {
        "deployment".to_string()
    } else {
        name
    }
}

impl Deployment {
    /// Checks one deployment: its names by the Topology page's rules, its
    /// URLs by the guard. A read-only server refuses browsers' fetches but
    /// still watches what its operator configured, so the guard is asked as
    /// for a live server with the same allowlist.
    pub fn check(
        file: &DeploymentFile,
        mode: Mode,
        allowed: &[AllowedHost],
        extra_paths: &[String],
    ) -> Result<Deployment, DeploymentError> {
        let name = file.name.clone();
        if !valid_name(&name) {
            return Err(DeploymentError::Name(name));
        }
        let form = TopologyForm {
            pool: file.pool.clone(),
            exchange: file.exchange.clone(),
            sip_domain: file.sip_domain.clone().unwrap_or_default(),
            exchange_servers: file.exchange_servers.join(", "),
            ..TopologyForm::default()
        };
        let checked = form.check();
        if let Some(e) = checked.errors.first() {
            return Err(DeploymentError::Field {
                name,
                problem: e.to_string(),
            });
        }
        let topology = checked.topology;
        let (Some(skype_url), Some(exchange_url)) = (
            topology.skype_metadata_url.as_deref(),
            topology.exchange_metadata_url.as_deref(),
        ) else {
            return Err(DeploymentError::Field {
                name,
                problem: "pool and exchange are both needed".into(),
            });
        };
        let mode = if mode == Mode::ReadOnly {
            Mode::Live
        } else {
            mode
        };
        let refused = |url: &str, e: guard::GuardError| DeploymentError::Refused {
            name: name.clone(),
            url: url.to_string(),
            reason: e.to_string(),
        };
        for url in [skype_url, exchange_url] {
            guard::check_with_paths(url, mode, allowed, extra_paths)
                .map_err(|e| refused(url, e))?;
        }
        let probe_host =
            crate::check::probe_host(exchange_url).map_err(|e| DeploymentError::Field {
                name: name.clone(),
                problem: e.to_string(),
            })?;
        guard::check_probe(&probe_host, mode, allowed)
            .map_err(|e| refused(&crate::check::probe_url(&probe_host), e))?;
        Ok(Deployment {
            name,
            file: file.clone(),
            topology,
            probe_host,
        })
    }

    /// Checks them all; names must be unique.
    pub fn check_all(
        files: &[DeploymentFile],
        mode: Mode,
        allowed: &[AllowedHost],
        extra_paths: &[String],
    ) -> Result<Vec<Deployment>, DeploymentError> {
        let mut out: Vec<Deployment> = Vec::with_capacity(files.len());
        for file in files {
            if out.iter().any(|d| d.name == file.name) {
                return Err(DeploymentError::Duplicate(file.name.clone()));
            }
            out.push(Deployment::check(file, mode, allowed, extra_paths)?);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::DEMO_HOSTS;

    fn demo_hosts() -> Vec<AllowedHost> {
        DEMO_HOSTS.iter().map(|h| AllowedHost::exact(h)).collect()
    }

    #[test]
    fn the_demo_deployment_passes_the_demo_guard() {
        let d = Deployment::check(&demo(), Mode::Demo, &demo_hosts(), &[]).expect("valid");
        assert_eq!(d.name, "litwareinc");
        assert_eq!(
            d.topology.skype_metadata_url.as_deref(),
            Some("https://atl-cs-001.litwareinc.com/metadata/json/1")
        );
        assert_eq!(d.topology.sip_domain.as_deref(), Some("litwareinc.com"));
        assert_eq!(d.probe_host, "autodiscover.litwareinc.com");
    }

    #[test]
    fn read_only_still_watches_allowed_hosts_and_nothing_else() {
        assert!(Deployment::check(&demo(), Mode::ReadOnly, &demo_hosts(), &[]).is_ok());
        let mut other = demo();
        other.exchange = "mail.contoso.com".into();
        let e = Deployment::check(&other, Mode::ReadOnly, &demo_hosts(), &[])
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            e.starts_with(
                "deployment 'litwareinc': https://mail.contoso.com/autodiscover/metadata/json/1 may not be fetched"
            ),
            "{e}"
        );
    }

    #[test]
    fn names_made_from_a_pool_host_always_fit() {
        for (host, name) in [
            ("atl-cs-001.litwareinc.com", "atl-cs-001.litwareinc.com"),
            ("localhost:8443", "localhost"),
            ("[2001:db8::10]", "-2001-db8--10-"),
            ("[2001:db8::10]:8443", "-2001-db8--10-"),
            ("", "deployment"),
        ] {
            assert_eq!(name_from_host(host), name, "{host}");
            assert!(valid_name(&name_from_host(host)), "{host}");
        }
        let long = format!("{}.litwareinc.com", "a".repeat(63));
        assert_eq!(name_from_host(&long).len(), 64);
        assert!(valid_name(&name_from_host(&long)));
    }

    #[test]
    fn names_fields_and_duplicates_are_refused_with_what_is_wrong() {
        let mut bad = demo();
        bad.name = "litware inc\"".into();
        assert_eq!(
            Deployment::check(&bad, Mode::Demo, &demo_hosts(), &[]),
            Err(DeploymentError::Name("litware inc\"".into()))
        );
        let mut bad = demo();
        bad.pool = "atl cs".into();
        let e = Deployment::check(&bad, Mode::Demo, &demo_hosts(), &[])
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.starts_with("deployment 'litwareinc': pool"), "{e}");
        let e = Deployment::check_all(&[demo(), demo()], Mode::Demo, &demo_hosts(), &[]);
        assert_eq!(e, Err(DeploymentError::Duplicate("litwareinc".into())));
    }
}
