//! The command line of `s2s`.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::config::{AllowedHost, AllowedHostError, Mode, ServerConfig};
use crate::config_file::{ConfigFile, ConfigFileError, LimitsFile};

/// Exit code for a command line that cannot be understood (0, 1 and 2 are the
/// verdicts of `s2s check`: ok, warn, fail).
pub const EXIT_USAGE: i32 = 3;

#[derive(Debug, Parser)]
#[command(
    name = "s2s",
    version,
    about = "S2S Console: set up and verify the server-to-server OAuth trust between Skype for Business Server and Exchange Server"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the console and its API (demo mode unless hosts are allowed).
    Serve(ServeArgs),
    /// Read a saved metadata document or certificate file and check it.
    /// Exit code: 0 nothing to report, 1 warnings, 2 failures or unreadable
    /// content, 3 the file cannot be read.
    Inspect(InspectArgs),
    /// Fetch both metadata documents and diagnose the trust, for a shell or a
    /// monitoring probe. Exit code: 0 ok, 1 warnings, 2 failures, 3 usage.
    Check(CheckArgs),
    /// Print the configuration plan: the exact commands for both shells.
    /// Exit code 3 with every validation message on bad input.
    Commands(CommandsArgs),
    /// Read saved command output (Test-CsExStorageConnectivity -Verbose,
    /// Test-OAuthConnectivity, Get-PartnerApplication, event log text, …)
    /// into the command, its facts and findings. Several files are read as
    /// one. Exit code: 0 ok, 1 warnings, 2 failures, 3 unreadable files or
    /// nothing recognised.
    Read(ReadArgs),
}

#[derive(Debug, Args)]
pub struct ReadArgs {
    /// Files of pasted output.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// The SIP domain (Skype's default realm), for the trusted-issuer checks.
    #[arg(long, value_name = "DOMAIN")]
    pub sip_domain: Option<String>,

    /// The Skype for Business pool (FQDN or its metadata URL): Exchange's
    /// LyncEnterprise partner application must read this pool's metadata URL.
    #[arg(long, value_name = "FQDN")]
    pub pool: Option<String>,

    /// Print one JSON object (`command`, `commands`, `steps`, `facts`,
    /// `findings`) instead of text.
    #[arg(long)]
    pub json: bool,
}

/// How `s2s check` writes its result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    Text,
    Json,
    /// The families of `/metrics` for this one deployment, for
    /// node_exporter's textfile collector.
    Prometheus,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PlanFormat {
    Text,
    Ps1,
    Json,
}

#[derive(Debug, Args)]
pub struct CommandsArgs {
    /// The Skype for Business pool FQDN (a URL is accepted; its host is taken).
    #[arg(long, value_name = "FQDN")]
    pub pool: String,

    /// The Exchange autodiscover host (a URL is accepted; its host is taken).
    #[arg(long, value_name = "HOST")]
    pub exchange: String,

    /// An Exchange Mailbox/Client Access server to iisreset. Repeatable.
    #[arg(long = "exchange-server", value_name = "NAME")]
    pub exchange_servers: Vec<String>,

    /// A user for Test-CsExStorageConnectivity (sip:user@domain).
    #[arg(long, value_name = "URI")]
    pub sip_uri: Option<String>,

    /// Exchange's install directory, only to use another than the server's own
    /// `$env:ExchangeInstallPath` (the default), e.g. C:\Program Files\Microsoft\Exchange Server\V15.
    #[arg(long, value_name = "PATH")]
    pub install_path: Option<String>,

    /// The identity of Exchange's partner application on Skype.
    #[arg(long, default_value = "Exchange", value_name = "ID")]
    pub identity: String,

    /// Full, Application or User.
    #[arg(long, default_value = "Full", value_name = "LEVEL")]
    pub trust_level: String,

    /// Skype's OAuth realm, when it must differ from the default SIP domain.
    #[arg(long, value_name = "DOMAIN")]
    pub realm: Option<String>,

    /// Add -TrustAnySSLCertificate:$true (lab only).
    #[arg(long)]
    pub trust_any_ssl: bool,

    /// A partner application may already exist on Skype: use the create-or-repair form.
    #[arg(long)]
    pub partner_may_exist: bool,

    /// Test over NetTCP against this storage service host.
    #[arg(long, value_name = "FQDN")]
    pub storage_service: Option<String>,

    /// Also assign this certificate as Skype's OAuthTokenIssuer (thumbprint).
    #[arg(long, value_name = "HEX")]
    pub oauth_thumbprint: Option<String>,

    /// Roll to that certificate at this local time (YYYY-MM-DD[ HH:MM]) instead of at once.
    #[arg(long, value_name = "DATE", requires = "oauth_thumbprint")]
    pub oauth_effective_date: Option<String>,

    /// When the current OAuthTokenIssuer certificate expires (NotAfter as
    /// Get-CsCertificate shows it, YYYY-MM-DD[ HH:MM]): a roll less than 24
    /// hours before it is refused.
    #[arg(long, value_name = "DATE", requires = "oauth_effective_date")]
    pub oauth_current_expiry: Option<String>,

    /// Skype publishes no usable OAuthTokenIssuer certificate: assigning the
    /// one given with --oauth-thumbprint becomes the plan's first step.
    #[arg(long)]
    pub oauth_certificate_missing: bool,

    /// Exchange's Auth certificate file (PEM, DER or base64), for the
    /// certificate-based alternative to the metadata URL.
    #[arg(long, value_name = "FILE", requires = "certificate_realm")]
    pub exchange_certificate: Option<PathBuf>,

    /// The realm of that certificate-based partner application.
    #[arg(long, value_name = "DOMAIN", requires = "exchange_certificate")]
    pub certificate_realm: Option<String>,

    #[arg(long, value_enum, default_value_t = PlanFormat::Text)]
    pub format: PlanFormat,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The Skype for Business pool FQDN (host[:port]), or its full metadata URL.
    #[arg(long, value_name = "FQDN")]
    pub pool: String,

    /// The Exchange autodiscover host (host[:port]), or its full metadata URL.
    #[arg(long, value_name = "HOST")]
    pub exchange: String,

    /// The default SIP domain, which Skype's OAuth realm should be.
    #[arg(long, value_name = "DOMAIN")]
    pub sip_domain: Option<String>,

    /// A certificate thumbprint in use (Get-AuthConfig, Get-CsCertificate);
    /// checked against the keys both documents publish. Repeatable.
    #[arg(long = "thumbprint", value_name = "HEX")]
    pub thumbprints: Vec<String>,

    /// Also trust the CAs in this PEM file (an internal enterprise CA).
    #[arg(long, value_name = "PEM")]
    pub ca_file: Option<PathBuf>,

    /// Connect to ADDR[:PORT] for HOST instead of resolving it (like curl
    /// --resolve). Repeatable: --resolve atl-cs-001.litwareinc.com=10.0.0.5
    #[arg(long = "resolve", value_name = "HOST=ADDR[:PORT]")]
    pub resolve: Vec<String>,

    /// Seconds allowed for each fetch (1 to 300).
    #[arg(long, default_value_t = 10, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..=300))]
    pub timeout: u64,

    /// Print one JSON object instead of text (the same as --format json).
    #[arg(long, conflicts_with = "format")]
    pub json: bool,

    /// text, json, or prometheus: the metrics of `s2s serve`'s /metrics
    /// for this deployment (for node_exporter's textfile collector).
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,

    /// Write to FILE instead of standard output, atomically: a temporary
    /// file beside it, renamed over it when complete, so a collector never
    /// reads half a file.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// The `deployment` label of --format prometheus (default: the pool's
    /// host name).
    #[arg(long, value_name = "NAME")]
    pub deployment: Option<String>,

    /// Check validity against this time instead of the clock (RFC 3339).
    #[arg(long, value_name = "RFC3339")]
    pub now: Option<String>,

    /// Do not probe Exchange's EWS (GET /EWS/Exchange.asmx with an empty
    /// Bearer token) for the issuers it trusts.
    #[arg(long)]
    pub no_probe: bool,
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// A metadata document (JSON) or certificates (PEM, DER or base64).
    pub file: PathBuf,

    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,

    /// Check validity against this time instead of the clock (RFC 3339,
    /// e.g. 2026-11-26T12:00:00Z).
    #[arg(long, value_name = "RFC3339")]
    pub now: Option<String>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on (default 127.0.0.1:8080). Loopback by default:
    /// the console is an admin tool.
    #[arg(long, value_name = "ADDR:PORT")]
    pub listen: Option<SocketAddr>,

    /// Settings from a TOML file (flags given as well take precedence).
    #[arg(long = "config", value_name = "FILE")]
    pub config_file: Option<PathBuf>,

    /// Run the built-in demo environment (the default when no --allow is given).
    #[arg(long, conflicts_with = "allow")]
    pub demo: bool,

    /// A host the proxy may fetch metadata from: an exact name, `*.domain`
    /// for every name under a domain, or an IP address (`10.1.2.3`,
    /// `[fd00::5]`); add `:PORT` to allow a port other than 443
    /// (`host.example.com:8443`). Repeat for several hosts.
    #[arg(long = "allow", value_name = "HOST")]
    pub allow: Vec<String>,

    /// Serve reports only: refuse every live fetch.
    #[arg(long)]
    pub read_only: bool,

    /// A name browsers use to reach this server (repeat for several). A
    /// request naming any other host is refused (DNS rebinding); addresses
    /// and `localhost` always work.
    #[arg(long = "server-name", value_name = "NAME")]
    pub server_names: Vec<String>,

    /// Directory of the built app (Trunk's output; default `dist`).
    #[arg(long, value_name = "DIR")]
    pub dist: Option<PathBuf>,

    /// Also trust the CAs in this PEM file when fetching (an internal
    /// enterprise CA), besides the system's roots.
    #[arg(long, value_name = "PEM")]
    pub ca_file: Option<PathBuf>,

    /// The demo's starting scenario (switchable later from the API).
    #[arg(long, value_enum, conflicts_with = "allow")]
    pub scenario: Option<crate::demo::Scenario>,

    /// Serve HTTPS with this certificate chain (PEM, the server's
    /// certificate first); needs --tls-key.
    #[arg(long, value_name = "FILE", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,

    /// The private key (PEM) of --tls-cert.
    #[arg(long, value_name = "FILE", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,

    /// Serve plain HTTP on a network address: only behind a reverse proxy
    /// that terminates TLS (without it, or --tls-cert, a non-loopback
    /// --listen is refused).
    #[arg(long, conflicts_with = "tls_cert")]
    pub plain_http: bool,
}

/// Where `s2s serve` listens when nothing says otherwise.
pub const DEFAULT_LISTEN: SocketAddr = SocketAddr::V4(std::net::SocketAddrV4::new(
    std::net::Ipv4Addr::new(127, 0, 0, 1),
    8080,
));

/// The flags and the config file, merged.
#[derive(Debug, Clone)]
pub struct ServeSettings {
    pub listen: SocketAddr,
    pub dist: PathBuf,
    pub config: ServerConfig,
    pub ca_file: Option<PathBuf>,
    pub insecure_hosts: Vec<String>,
    pub allowed_networks: Vec<crate::networks::Network>,
    pub limits: LimitsFile,
    /// HTTPS with these files; `None`: plain HTTP.
    pub tls: Option<crate::https::TlsFiles>,
    /// Plain HTTP off loopback was asked for (`--plain-http`).
    pub plain_http: bool,
    /// What `/metrics` watches: the config file's deployments, and the
    /// demo's own in demo mode.
    pub deployments: Vec<crate::deployment::Deployment>,
    pub watch_interval: std::time::Duration,
}

#[derive(Debug, thiserror::Error)]
pub enum ServeConfigError {
    #[error(transparent)]
    Host(#[from] AllowedHostError),
    #[error(transparent)]
    File(#[from] ConfigFileError),
    #[error(transparent)]
    Deployment(#[from] crate::deployment::DeploymentError),
    #[error(
        "insecure_skip_verify '{0}': name the host only; certificates are checked (or not) per host, whatever the port"
    )]
    InsecurePort(String),
    #[error(
        "server name '{0}' is not a host name: give the name browsers use, without scheme, port or path (e.g. s2s.litwareinc.com)"
    )]
    ServerName(String),
    #[error(
        "refusing to serve plain HTTP on {0}, a network address: serve HTTPS with --tls-cert FILE --tls-key FILE, or, behind a reverse proxy that terminates TLS, say so with --plain-http (tls_cert/tls_key or plain_http = true in the config file)"
    )]
    PlainHttpOffLoopback(SocketAddr),
    #[error("{0} is given without {1}: HTTPS needs both the certificate and its key")]
    TlsHalf(&'static str, &'static str),
    #[error(
        "plain HTTP (--plain-http, plain_http) and HTTPS (--tls-cert, tls_cert) are both asked for: choose one"
    )]
    TlsAndPlainHttp,
}

impl CheckArgs {
    /// `--json` is `--format json`.
    pub fn output_format(&self) -> CheckFormat {
        if self.json {
            CheckFormat::Json
        } else {
            self.format
        }
    }
}

impl ServeArgs {
    /// The settings these flags (and the config file they name) describe.
    pub fn settings(&self) -> Result<ServeSettings, ServeConfigError> {
        let file = match &self.config_file {
            Some(path) => ConfigFile::load(path)?,
            None => ConfigFile::default(),
        };
        let allow = if self.allow.is_empty() {
            &file.allow
        } else {
            &self.allow
        };
        let mut config = if self.demo || allow.is_empty() {
            ServerConfig::demo()
        } else {
            ServerConfig::live(
                allow
                    .iter()
                    .map(|h| AllowedHost::parse(h))
                    .collect::<Result<_, _>>()?,
            )
        };
        config.extra_paths = file.paths.clone();
        if let Some(n) = file.limits.max_concurrent_fetches {
            config.max_concurrent_fetches = usize::try_from(n).unwrap_or(usize::MAX);
        }
        if let Some(n) = file.limits.rate_limit_per_minute {
            config.rate_limit_per_minute = u32::try_from(n).unwrap_or(u32::MAX);
        }
        if self.read_only || file.read_only == Some(true) {
            config.mode = Mode::ReadOnly;
        }
        let insecure_hosts = file
            .insecure_skip_verify
            .iter()
            .map(|h| match AllowedHost::parse(h) {
                Ok(entry) if entry.port.is_some() => Err(ServeConfigError::InsecurePort(h.clone())),
                Ok(entry) => Ok(String::from(entry)),
                Err(e) => Err(e.into()),
            })
            .collect::<Result<_, _>>()?;
        let listen = self.listen.or(file.listen).unwrap_or(DEFAULT_LISTEN);
        let names = if self.server_names.is_empty() {
            &file.server_names
        } else {
            &self.server_names
        };
        if let Some(bad) = names.iter().find(|n| !crate::served_names::is_host_name(n)) {
            return Err(ServeConfigError::ServerName(bad.clone()));
        }
        config.served_names = crate::served_names::ServedNames::new(names);
        let tls = match (
            self.tls_cert.clone().or(file.tls_cert),
            self.tls_key.clone().or(file.tls_key),
        ) {
            (Some(cert), Some(key)) => Some(crate::https::TlsFiles { cert, key }),
            (Some(_), None) => return Err(ServeConfigError::TlsHalf("tls_cert", "tls_key")),
            (None, Some(_)) => return Err(ServeConfigError::TlsHalf("tls_key", "tls_cert")),
            (None, None) => None,
        };
        let mut watched = Vec::new();
        if config.mode == Mode::Demo {
            watched.push(crate::deployment::demo());
        }
        watched.extend(file.deployments.iter().cloned());
        let deployments = crate::deployment::Deployment::check_all(
            &watched,
            config.mode,
            &config.allowed_hosts,
            &config.extra_paths,
        )?;
        let plain_http = self.plain_http || file.plain_http == Some(true);
        if plain_http && tls.is_some() {
            return Err(ServeConfigError::TlsAndPlainHttp);
        }
        // Off loopback, plain HTTP carries the console and its answers in
        // clear over the network: only on purpose, behind a TLS proxy.
        if tls.is_none() && !plain_http && !listen.ip().to_canonical().is_loopback() {
            return Err(ServeConfigError::PlainHttpOffLoopback(listen));
        }
        Ok(ServeSettings {
            listen,
            dist: self
                .dist
                .clone()
                .or(file.dist)
                .unwrap_or_else(|| PathBuf::from("dist")),
            config,
            ca_file: self.ca_file.clone().or(file.ca_file),
            insecure_hosts,
            allowed_networks: file
                .allowed_networks
                .iter()
                .filter_map(|n| crate::networks::Network::parse(n).ok())
                .collect(),
            limits: file.limits,
            tls,
            plain_http,
            deployments,
            watch_interval: std::time::Duration::from_secs(
                file.watch_interval
                    .unwrap_or(crate::deployment::DEFAULT_WATCH_INTERVAL),
            ),
        })
    }

    /// The server configuration alone.
    pub fn config(&self) -> Result<ServerConfig, ServeConfigError> {
        self.settings().map(|s| s.config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("s2s").chain(args.iter().copied()))
    }

    fn serve(args: &[&str]) -> Option<ServeArgs> {
        match parse(args).ok()?.command {
            Command::Serve(a) => Some(a),
            _ => None,
        }
    }

    /// Only addresses, localhost and the names given are answered, on
    /// loopback (the default) as on a network address.
    #[test]
    fn served_names_follow_the_listener_and_the_names_given() {
        use crate::served_names::ServedNames;
        let names = |args: &[&str]| {
            serve(args)
                .expect("parses")
                .settings()
                .expect("valid")
                .config
                .served_names
        };
        assert_eq!(names(&["serve"]), ServedNames::default());
        assert_eq!(
            names(&["serve", "--listen", "0.0.0.0:8080", "--plain-http"]),
            ServedNames::default()
        );
        assert_eq!(
            names(&[
                "serve",
                "--listen",
                "0.0.0.0:8080",
                "--plain-http",
                "--server-name",
                "S2S.litwareinc.com"
            ]),
            ServedNames::new(&["s2s.litwareinc.com".to_string()])
        );
        // A name no browser sends is refused, not silently never matched.
        for bad in [
            "bad name",
            "s2s.litwareinc.com:8080",
            "https://s2s",
            "s2s-.example",
            "",
        ] {
            let e = serve(&["serve", "--server-name", bad])
                .expect("parses")
                .settings()
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(e.contains("is not a host name"), "{bad:?}: {e}");
        }
    }

    #[test]
    fn serve_defaults_to_demo_on_loopback() {
        let args = serve(&["serve"]).expect("parses");
        let settings = args.settings().expect("valid");
        assert_eq!(settings.listen.to_string(), "127.0.0.1:8080");
        // The demo, answering to addresses and localhost only.
        assert_eq!(settings.config, ServerConfig::demo());
    }

    #[test]
    fn allow_makes_it_live() {
        let args = serve(&[
            "serve",
            "--allow",
            "atl-cs-001.contoso.com",
            "--allow",
            "*.contoso.com",
        ])
        .expect("parses");
        let config = args.config().expect("valid hosts");
        assert_eq!(config.mode, Mode::Live);
        assert_eq!(
            config.allowed_hosts,
            vec![
                AllowedHost::exact("atl-cs-001.contoso.com"),
                AllowedHost::suffix("contoso.com")
            ]
        );
    }

    #[test]
    fn allow_takes_ports_and_addresses() {
        let args = serve(&[
            "serve",
            "--allow",
            "lab.contoso.com:8443",
            "--allow",
            "10.1.2.3:8443",
            "--allow",
            "[fd00::5]",
        ])
        .expect("parses");
        let hosts: Vec<String> = args
            .config()
            .expect("valid")
            .allowed_hosts
            .into_iter()
            .map(String::from)
            .collect();
        assert_eq!(
            hosts,
            ["lab.contoso.com:8443", "10.1.2.3:8443", "[fd00::5]"]
        );
        let err = serve(&["serve", "--allow", "lab.contoso.com:0"])
            .expect("parses")
            .config()
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            err.contains("'lab.contoso.com:0': port '0' is not a number from 1 to 65535"),
            "{err}"
        );
    }

    #[test]
    fn insecure_hosts_take_no_port() {
        let dir = tempfile_dir();
        let file = dir.join("insecure-port.toml");
        std::fs::write(
            &file,
            "allow = [\"lab.contoso.com:8443\"]\ninsecure_skip_verify = [\"lab.contoso.com:8443\"]\n",
        )
        .expect("write");
        let path = file.display().to_string();
        let err = serve(&["serve", "--config", &path])
            .expect("parses")
            .settings()
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            err.starts_with("insecure_skip_verify 'lab.contoso.com:8443': name the host only"),
            "{err}"
        );
    }

    #[test]
    fn read_only_wins() {
        let args = serve(&["serve", "--read-only"]).expect("parses");
        assert_eq!(args.config().ok().map(|c| c.mode), Some(Mode::ReadOnly));
    }

    #[test]
    fn bad_allowed_host_is_an_error() {
        let args = serve(&["serve", "--allow", "http://x"]).expect("parses");
        assert!(args.config().is_err());
    }

    #[test]
    fn config_file_and_flags_merge_with_flags_winning() {
        let dir = tempfile_dir();
        let file = dir.join("s2s.toml");
        std::fs::write(&file, "listen = \"127.0.0.1:9100\"\nallow = [\"*.contoso.com\"]\npaths = [\"/x/metadata/json/1\"]\ninsecure_skip_verify = [\"lab.contoso.com\"]\n[limits]\nmax_body_kib = 64\nmax_concurrent_fetches = 200\nrate_limit_per_minute = 0\n").expect("write");
        let path = file.display().to_string();
        let s = serve(&["serve", "--config", &path])
            .expect("parses")
            .settings()
            .expect("valid");
        assert_eq!(s.listen.port(), 9100);
        assert_eq!(s.config.mode, Mode::Live);
        assert_eq!(
            s.config.allowed_hosts,
            vec![AllowedHost::suffix("contoso.com")]
        );
        assert_eq!(s.config.extra_paths, ["/x/metadata/json/1"]);
        assert_eq!(s.insecure_hosts, ["lab.contoso.com"]);
        assert_eq!(s.limits.max_body_kib, Some(64));
        assert_eq!(s.config.max_concurrent_fetches, 200);
        assert_eq!(s.config.rate_limit_per_minute, 0);
        let s = serve(&[
            "serve",
            "--config",
            &path,
            "--listen",
            "127.0.0.1:9200",
            "--allow",
            "x.fabrikam.com",
        ])
        .expect("parses")
        .settings()
        .expect("valid");
        assert_eq!(s.listen.port(), 9200);
        assert_eq!(
            s.config.allowed_hosts,
            vec![AllowedHost::exact("x.fabrikam.com")]
        );
        let missing = serve(&["serve", "--config", "/nonexistent/s2s.toml"])
            .expect("parses")
            .settings();
        assert!(
            missing
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default()
                .contains("/nonexistent/s2s.toml")
        );
    }

    #[test]
    fn deployments_are_checked_at_start_and_the_demo_watches_its_own() {
        let s = serve(&["serve"])
            .expect("parses")
            .settings()
            .expect("valid");
        let names: Vec<&str> = s.deployments.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(names, ["litwareinc"]);
        assert_eq!(s.watch_interval.as_secs(), 300);
        let dir = tempfile_dir();
        let file = dir.join("watch.toml");
        std::fs::write(
            &file,
            "allow = [\"*.contoso.com\"]\nwatch_interval = 60\n[[deployment]]\nname = \"contoso\"\npool = \"pool.contoso.com\"\nexchange = \"autodiscover.contoso.com\"\n",
        )
        .expect("write");
        let path = file.display().to_string();
        let s = serve(&["serve", "--config", &path])
            .expect("parses")
            .settings()
            .expect("valid");
        let names: Vec<&str> = s.deployments.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(names, ["contoso"], "live mode has no demo deployment");
        assert_eq!(s.watch_interval.as_secs(), 60);
        // A deployment the allowlist does not cover stops the start.
        let e = serve(&["serve", "--config", &path, "--allow", "x.fabrikam.com"])
            .expect("parses")
            .settings()
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            e.starts_with(
                "deployment 'contoso': https://pool.contoso.com/metadata/json/1 may not be fetched"
            ),
            "{e}"
        );
    }

    fn tempfile_dir() -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("s2s-cli-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        dir
    }

    /// Off loopback, plain HTTP only when asked for; HTTPS needs both files.
    #[test]
    fn plain_http_off_loopback_is_asked_for_or_refused() {
        let settings = |args: &[&str]| serve(args).expect("parses").settings();
        let refused = settings(&["serve", "--listen", "0.0.0.0:8080"])
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            refused.starts_with("refusing to serve plain HTTP on 0.0.0.0:8080")
                && refused.contains("--tls-cert FILE --tls-key FILE")
                && refused.contains("--plain-http"),
            "{refused}"
        );
        assert!(settings(&["serve", "--listen", "[::]:8080"]).is_err());
        let plain =
            settings(&["serve", "--listen", "0.0.0.0:8080", "--plain-http"]).expect("valid");
        assert!(plain.plain_http && plain.tls.is_none());
        // Loopback needs neither, IPv6 and mapped IPv4 alike.
        for listen in ["127.0.0.1:8080", "[::1]:8080", "[::ffff:127.0.0.1]:8080"] {
            assert!(settings(&["serve", "--listen", listen]).is_ok(), "{listen}");
        }
        let https = settings(&[
            "serve",
            "--listen",
            "0.0.0.0:8443",
            "--tls-cert",
            "c.pem",
            "--tls-key",
            "k.pem",
        ])
        .expect("valid");
        assert_eq!(
            https.tls,
            Some(crate::https::TlsFiles {
                cert: "c.pem".into(),
                key: "k.pem".into()
            })
        );
        // Half of HTTPS, or both kinds at once, is a usage error.
        assert!(parse(&["serve", "--tls-cert", "c.pem"]).is_err());
        assert!(parse(&["serve", "--tls-key", "k.pem"]).is_err());
        assert!(
            parse(&[
                "serve",
                "--tls-cert",
                "c.pem",
                "--tls-key",
                "k.pem",
                "--plain-http"
            ])
            .is_err()
        );
        // The same from the file, with flags still winning.
        let dir = tempfile_dir();
        let file = dir.join("tls.toml");
        std::fs::write(
            &file,
            "listen = \"0.0.0.0:8443\"\ntls_cert = \"/etc/s2s/s2s.pem\"\n",
        )
        .expect("write");
        let path = file.display().to_string();
        let half = settings(&["serve", "--config", &path])
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            half.starts_with("tls_cert is given without tls_key"),
            "{half}"
        );
        std::fs::write(
            &file,
            "listen = \"0.0.0.0:8443\"\ntls_cert = \"c.pem\"\ntls_key = \"k.pem\"\n",
        )
        .expect("write");
        let https = settings(&["serve", "--config", &path]).expect("valid");
        assert!(https.tls.is_some() && !https.plain_http);
        let both = settings(&["serve", "--config", &path, "--plain-http"])
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(both.contains("choose one"), "{both}");
        std::fs::write(&file, "listen = \"0.0.0.0:8080\"\nplain_http = true\n").expect("write");
        assert!(settings(&["serve", "--config", &path]).is_ok_and(|s| s.plain_http));
    }

    #[test]
    fn demo_and_allow_conflict() {
        assert!(parse(&["serve", "--demo", "--allow", "x.contoso.com"]).is_err());
        assert!(parse(&["serve", "--listen", "not-an-address"]).is_err());
    }
}
