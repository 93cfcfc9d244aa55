//! `s2s serve --config s2s.toml`: the same settings as the flags, in a file an
//! operator can keep. Unknown keys are errors, so a typo is never ignored.
//!
//! ```toml
//! listen = "127.0.0.1:8080"
//! allow = ["atl-cs-001.litwareinc.com", "*.litwareinc.com",
//!          "lab-ex01.litwareinc.com:8443", "10.20.0.7", "[fd00::5]:8443"]
//! paths = ["/custom/metadata/json/1"]      # besides the three known ones
//! ca_file = "/etc/s2s/internal-ca.pem"
//! insecure_skip_verify = ["lab-ex01.litwareinc.com"]   # shown as a warning everywhere
//! allowed_networks = ["10.20.0.0/16"]       # resolved addresses must be inside
//! read_only = false
//! server_names = ["s2s.litwareinc.com"]    # only these (and addresses, localhost) are answered
//! tls_cert = "/etc/s2s/s2s.pem"             # HTTPS: the chain, server's certificate first
//! tls_key = "/etc/s2s/s2s.key"              # and its private key
//! plain_http = false                        # true: plain HTTP off loopback (behind a TLS proxy)
//! [limits]
//! connect_timeout_seconds = 5
//! total_timeout_seconds = 10
//! max_body_kib = 512
//! max_concurrent_fetches = 32   # more at once are refused as busy
//! rate_limit_per_minute = 60    # per client address; 0 = no limit
//! tls_resumption_seconds = 30   # resume TLS sessions whose chain is this fresh; 0 = never
//! max_connections = 1024        # browsers' connections at once
//! ```
//!
//! Deployments to watch for `/metrics` (see [`crate::deployment`]):
//!
//! ```toml
//! watch_interval = 300          # seconds, 30 to 86400
//! [[deployment]]
//! name = "litwareinc"
//! pool = "atl-cs-001.litwareinc.com"
//! exchange = "autodiscover.litwareinc.com"
//! ```

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use thiserror::Error;

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    pub listen: Option<SocketAddr>,
    #[serde(default)]
    pub allow: Vec<String>,
    #[serde(default)]
    pub paths: Vec<String>,
    pub ca_file: Option<PathBuf>,
    #[serde(default)]
    pub insecure_skip_verify: Vec<String>,
    /// Address ranges (CIDR) fetched hosts must resolve into.
    #[serde(default)]
    pub allowed_networks: Vec<String>,
    pub read_only: Option<bool>,
    /// Names browsers use to reach this server (see `--server-name`).
    #[serde(default)]
    pub server_names: Vec<String>,
    pub dist: Option<PathBuf>,
    /// HTTPS: the certificate chain and key, PEM (see `--tls-cert`).
    pub tls_cert: Option<PathBuf>,
    pub tls_key: Option<PathBuf>,
    /// Plain HTTP off loopback, behind a TLS-terminating proxy (`--plain-http`).
    pub plain_http: Option<bool>,
    #[serde(default)]
    pub limits: LimitsFile,
    /// Seconds between watch rounds of the deployments.
    pub watch_interval: Option<u64>,
    #[serde(default, rename = "deployment")]
    pub deployments: Vec<crate::deployment::DeploymentFile>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitsFile {
    pub connect_timeout_seconds: Option<u64>,
    pub total_timeout_seconds: Option<u64>,
    pub max_body_kib: Option<u64>,
    /// Upstream fetches under way at once; more are refused as busy.
    pub max_concurrent_fetches: Option<u64>,
    /// Fetches one client address may ask for in a minute; 0 = no limit.
    pub rate_limit_per_minute: Option<u64>,
    /// How long after a full handshake a TLS session may be resumed; 0 = never.
    pub tls_resumption_seconds: Option<u64>,
    /// Browsers' connections open at once (default: 1024, or twice
    /// `max_concurrent_fetches` when that is more).
    pub max_connections: Option<u64>,
}

#[derive(Debug, Error)]
pub enum ConfigFileError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Parse { path: String, message: String },
    #[error("{path}: path '{value}' must start with / and contain no '..', '%', '?', '#' or '\\'")]
    BadPath { path: String, value: String },
    #[error("{path}: {what} must be between {min} and {max}")]
    Range {
        path: String,
        what: &'static str,
        min: u64,
        max: u64,
    },
}

impl ConfigFile {
    pub fn load(path: &Path) -> Result<ConfigFile, ConfigFileError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| ConfigFileError::Read {
            path: shown.clone(),
            source,
        })?;
        Self::parse(&shown, &text)
    }

    pub fn parse(shown: &str, text: &str) -> Result<ConfigFile, ConfigFileError> {
        let file: ConfigFile = toml::from_str(text).map_err(|e| ConfigFileError::Parse {
            path: shown.to_string(),
            message: e.to_string().trim().to_string(),
        })?;
        // Each entry is checked here too, so the message names the file.
        for (key, entries) in [
            ("allow", &file.allow),
            ("insecure_skip_verify", &file.insecure_skip_verify),
        ] {
            for entry in entries {
                crate::config::AllowedHost::parse(entry).map_err(|e| ConfigFileError::Parse {
                    path: shown.to_string(),
                    message: format!("{key}: {e}"),
                })?;
            }
        }
        for n in &file.allowed_networks {
            crate::networks::Network::parse(n).map_err(|e| ConfigFileError::Parse {
                path: shown.to_string(),
                message: format!("allowed_networks: {e}"),
            })?;
        }
        for p in &file.paths {
            let bad = !p.starts_with('/') || p.contains("..") || p.contains(['%', '?', '#', '\\']);
            if bad {
                return Err(ConfigFileError::BadPath {
                    path: shown.to_string(),
                    value: p.clone(),
                });
            }
        }
        let ranges = [
            (
                "connect_timeout_seconds",
                file.limits.connect_timeout_seconds,
                1,
                60,
            ),
            (
                "total_timeout_seconds",
                file.limits.total_timeout_seconds,
                1,
                300,
            ),
            ("max_body_kib", file.limits.max_body_kib, 1, 16 * 1024),
            (
                "max_concurrent_fetches",
                file.limits.max_concurrent_fetches,
                1,
                100_000,
            ),
            (
                "rate_limit_per_minute",
                file.limits.rate_limit_per_minute,
                0,
                1_000_000,
            ),
            (
                "tls_resumption_seconds",
                file.limits.tls_resumption_seconds,
                0,
                3600,
            ),
            ("max_connections", file.limits.max_connections, 1, 100_000),
            (
                "watch_interval",
                file.watch_interval,
                crate::deployment::WATCH_INTERVAL_RANGE.0,
                crate::deployment::WATCH_INTERVAL_RANGE.1,
            ),
        ];
        for (what, value, min, max) in ranges {
            if value.is_some_and(|v| v < min || v > max) {
                return Err(ConfigFileError::Range {
                    path: shown.to_string(),
                    what,
                    min,
                    max,
                });
            }
        }
        Ok(file)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_file() {
        let f = ConfigFile::parse(
            "s2s.toml",
            r#"
listen = "0.0.0.0:9000"
allow = ["atl-cs-001.litwareinc.com", "*.litwareinc.com", "lab.litwareinc.com:8443", "10.1.2.3:8443", "[fd00::5]"]
paths = ["/custom/metadata/json/1"]
ca_file = "/etc/s2s/ca.pem"
insecure_skip_verify = ["lab-ex01.litwareinc.com"]
read_only = true
tls_cert = "/etc/s2s/s2s.pem"
tls_key = "/etc/s2s/s2s.key"
[limits]
total_timeout_seconds = 20
max_body_kib = 256
max_concurrent_fetches = 1000
rate_limit_per_minute = 0
"#,
        )
        .expect("valid");
        assert_eq!(f.listen.map(|a| a.port()), Some(9000));
        assert_eq!(f.tls_cert, Some(PathBuf::from("/etc/s2s/s2s.pem")));
        assert_eq!(f.tls_key, Some(PathBuf::from("/etc/s2s/s2s.key")));
        assert_eq!(f.plain_http, None);
        assert_eq!(f.allow.len(), 5);
        assert_eq!(f.limits.max_concurrent_fetches, Some(1000));
        assert_eq!(f.limits.rate_limit_per_minute, Some(0));
        assert_eq!(f.limits.total_timeout_seconds, Some(20));
        assert_eq!(f.read_only, Some(true));
    }

    #[test]
    fn deployments_and_their_interval() {
        let f = ConfigFile::parse(
            "s2s.toml",
            r#"
watch_interval = 60
[[deployment]]
name = "litwareinc"
pool = "atl-cs-001.litwareinc.com"
exchange = "autodiscover.litwareinc.com"
sip_domain = "litwareinc.com"
exchange_servers = ["atl-exchange-001"]
[[deployment]]
name = "fabrikam"
pool = "pool.fabrikam.com"
exchange = "https://mail.fabrikam.com/autodiscover/metadata/json/1"
"#,
        )
        .expect("valid");
        assert_eq!(f.watch_interval, Some(60));
        assert_eq!(f.deployments.len(), 2);
        assert_eq!(f.deployments[0].exchange_servers, ["atl-exchange-001"]);
        assert_eq!(f.deployments[1].sip_domain, None);
        for (text, expected) in [
            (
                "watch_interval = 10",
                "s2s.toml: watch_interval must be between 30 and 86400",
            ),
            (
                "[[deployment]]\nname = \"x\"\npool = \"p.x.com\"",
                "missing field `exchange`",
            ),
            (
                "[[deployment]]\nname = \"x\"\npool = \"p\"\nexchange = \"e\"\nservers = []",
                "unknown field `servers`",
            ),
        ] {
            let e = ConfigFile::parse("s2s.toml", text)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(e.contains(expected), "{text}: {e}");
        }
    }

    #[test]
    fn mistakes_are_named() {
        let e = ConfigFile::parse("s2s.toml", "alow = [\"x\"]")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("s2s.toml") && e.contains("alow"), "{e}");
        let e = ConfigFile::parse("s2s.toml", "paths = [\"/x/../y\"]")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("/x/../y"), "{e}");
        assert!(e.ends_with("'#' or '\\'"), "one backslash: {e}");
        let e = ConfigFile::parse("s2s.toml", "[limits]\nmax_body_kib = 0")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("max_body_kib must be between 1"), "{e}");
        for n in ["0", "4611686018427387904"] {
            let e = ConfigFile::parse("s2s.toml", &format!("[limits]\nmax_connections = {n}"))
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(
                e.contains("max_connections must be between 1 and 100000"),
                "{n}: {e}"
            );
        }
        let e = ConfigFile::parse("s2s.toml", "listen = \"nowhere\"")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("listen"), "{e}");
        let e = ConfigFile::parse("s2s.toml", "[limits]\nmax_concurrent_fetches = 0")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            e.contains("max_concurrent_fetches must be between 1 and 100000"),
            "{e}"
        );
        let e = ConfigFile::parse("s2s.toml", "[limits]\nrate_limit_per_minute = -1")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("rate_limit_per_minute"), "{e}");
    }

    #[test]
    fn bad_allow_entries_name_the_file_the_entry_and_the_problem() {
        for (text, expected) in [
            (
                "allow = [\"x.contoso.com:99999\"]",
                "s2s.toml: allow: allowed host 'x.contoso.com:99999': port '99999' is not a number",
            ),
            (
                "allow = [\"fd00::5\"]",
                "s2s.toml: allow: allowed host 'fd00::5': write an IPv6 address in brackets",
            ),
            (
                "allow = [\"2130706433\"]",
                "s2s.toml: allow: allowed host '2130706433' is read as the IP address 127.0.0.1",
            ),
            (
                "insecure_skip_verify = [\"lab ex\"]",
                "s2s.toml: insecure_skip_verify: allowed host 'lab ex'",
            ),
        ] {
            let e = ConfigFile::parse("s2s.toml", text)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(e.starts_with(expected), "{text}: {e}");
        }
    }
}
