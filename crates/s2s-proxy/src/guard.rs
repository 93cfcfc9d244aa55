//! What the proxy agrees to fetch. The proxy must never become a way into the
//! network it sits in: only https, only allowlisted hosts, only the known
//! metadata paths, and none of the URL tricks that make a URL mean something
//! other than it seems.

use thiserror::Error;

use crate::allowed_host::{HTTPS_PORT, RequestHost};
use crate::config::{AllowedHost, Mode};

/// The paths where the products publish their metadata (DOMAIN.md §2).
pub const METADATA_PATHS: &[&str] = &[
    "/metadata/json/1",
    "/autodiscover/metadata/json/1",
    "/_layouts/15/metadata/json/1",
];

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum GuardError {
    #[error("not a valid URL: {0}")]
    BadUrl(String),
    #[error("only https URLs are fetched, not {0}://")]
    Scheme(String),
    #[error("the URL carries a user name or password; metadata URLs never do")]
    UserInfo,
    #[error("the URL has a fragment (#…); metadata URLs never do")]
    Fragment,
    #[error("the URL has a query (?…); metadata URLs never do")]
    Query,
    #[error("the URL contains a backslash; write the path with forward slashes")]
    Backslash,
    #[error("the URL contains dot segments or encoded dots ({0}); give the plain path")]
    DotSegments(String),
    #[error(
        "{address} is an IP address, fetched only when the address itself is on this server's allowlist (ask the operator to add '{entry}' with --allow or to allow in the config file)"
    )]
    IpLiteral { address: String, entry: String },
    #[error(
        "{host} is not on this server's allowlist (ask the operator to add '{entry}' with --allow or to allow in the config file)"
    )]
    HostNotAllowed { host: String, entry: String },
    #[error(
        "port {port} is not allowed for {host}; add '{entry}' to the allowlist (--allow, or allow in the config file)"
    )]
    Port {
        host: String,
        /// The port as shown: `8443`, or `443 (the default)`.
        port: String,
        /// The entry that would allow it.
        entry: String,
    },
    #[error(
        "{0} is not a metadata path; expected /metadata/json/1, /autodiscover/metadata/json/1 or /_layouts/15/metadata/json/1"
    )]
    Path(String),
    #[error("this server is read-only: it shows reports and fetches nothing")]
    ReadOnly,
    #[error(
        "'{0}' is not a host: give the Exchange host alone, as host or host:port (e.g. autodiscover.litwareinc.com); the probe's path is fixed"
    )]
    NotAHost(String),
}

impl GuardError {
    /// The stable code in API errors.
    pub fn code(&self) -> &'static str {
        match self {
            GuardError::BadUrl(_) => "bad_url",
            GuardError::Scheme(_) => "scheme_not_allowed",
            GuardError::UserInfo => "userinfo_not_allowed",
            GuardError::Fragment => "fragment_not_allowed",
            GuardError::Query => "query_not_allowed",
            GuardError::Backslash => "backslash_not_allowed",
            GuardError::DotSegments(_) => "dot_segments_not_allowed",
            GuardError::IpLiteral { .. } => "ip_literal_not_allowed",
            GuardError::HostNotAllowed { .. } => "host_not_allowed",
            GuardError::Port { .. } => "port_not_allowed",
            GuardError::Path(_) => "path_not_allowed",
            GuardError::ReadOnly => "read_only",
            GuardError::NotAHost(_) => "bad_host",
        }
    }
}

/// Checks a URL a client asked for. Returns the URL to fetch (normalised by
/// the URL parser, which the checks above make equal to what was asked).
pub fn check(raw: &str, mode: Mode, allowed: &[AllowedHost]) -> Result<url::Url, GuardError> {
    check_with_paths(raw, mode, allowed, &[])
}

/// The trust probe's URL for `host` (`host` or `host:port`), under every
/// check a fetch gets. The path is the probe's own, allowed here only: a
/// client cannot reach `/EWS/Exchange.asmx` through `/api/v1/fetch`.
pub fn check_probe(
    host: &str,
    mode: Mode,
    allowed: &[AllowedHost],
) -> Result<url::Url, GuardError> {
    if mode == Mode::ReadOnly {
        return Err(GuardError::ReadOnly);
    }
    let host = host.trim();
    // Anything that could make the text more than an authority (a path, a
    // query, user info, an escape) is refused before a URL is made of it.
    let not_authority = |c: char| "/\\?#@%".contains(c) || c.is_whitespace() || c.is_control();
    if host.is_empty() || host.contains(not_authority) {
        return Err(GuardError::NotAHost(host.to_string()));
    }
    let path = s2s_core::exchange_trust::PROBE_PATH;
    check_with_paths(
        &format!("https://{host}{path}"),
        mode,
        allowed,
        &[path.to_string()],
    )
}

/// [`check`], also accepting the paths the operator added.
pub fn check_with_paths(
    raw: &str,
    mode: Mode,
    allowed: &[AllowedHost],
    extra_paths: &[String],
) -> Result<url::Url, GuardError> {
    if mode == Mode::ReadOnly {
        return Err(GuardError::ReadOnly);
    }
    let raw = raw.trim();
    // The url crate drops tabs and line breaks anywhere in a URL, so the
    // checks on the text below would see something else than is fetched.
    if raw.contains(['\t', '\r', '\n']) {
        return Err(GuardError::BadUrl("it contains a tab or line break".into()));
    }
    if raw.contains('\\') {
        return Err(GuardError::Backslash);
    }
    if raw.contains('#') {
        return Err(GuardError::Fragment);
    }
    let lower = raw.to_ascii_lowercase();
    for trick in ["%2e", "%2f", "%5c", "/./", "/../"] {
        if lower.contains(trick) {
            return Err(GuardError::DotSegments(trick.to_string()));
        }
    }
    if lower.ends_with("/.") || lower.ends_with("/..") {
        return Err(GuardError::DotSegments("trailing dot segment".into()));
    }
    // The url crate's words, quoted: they stay as they are in the Korean UI.
    let url = url::Url::parse(raw).map_err(|e| GuardError::BadUrl(format!("\"{e}\"")))?;
    // The demo's servers speak https too, as real ones do.
    if url.scheme() != "https" {
        return Err(GuardError::Scheme(url.scheme().to_string()));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(GuardError::UserInfo);
    }
    if url.query().is_some() {
        return Err(GuardError::Query);
    }
    check_host_and_port(&url, allowed)?;
    let known = METADATA_PATHS
        .iter()
        .any(|p| p.eq_ignore_ascii_case(url.path()))
        || extra_paths
            .iter()
            .any(|p| p.eq_ignore_ascii_case(url.path()));
    if !known {
        return Err(GuardError::Path(url.path().to_string()));
    }
    Ok(url)
}

/// The host must be on the allowlist, and the port too: a URL naming no
/// port needs an entry without one, a URL naming a port an entry with that
/// port. The host is compared as the URL parser normalised it, so an
/// address written as `2130706433` or `0x7f.1` is `127.0.0.1` here and
/// matches only an entry for `127.0.0.1`.
fn check_host_and_port(url: &url::Url, allowed: &[AllowedHost]) -> Result<(), GuardError> {
    let name;
    let (host, wanted) = match url.host() {
        Some(url::Host::Domain(d)) => {
            name = d.trim_end_matches('.').to_ascii_lowercase();
            (RequestHost::Name(&name), AllowedHost::exact(&name))
        }
        Some(url::Host::Ipv4(ip)) => (
            RequestHost::Address(ip.into()),
            AllowedHost::address(ip.into()),
        ),
        Some(url::Host::Ipv6(ip)) => (
            RequestHost::Address(ip.into()),
            AllowedHost::address(ip.into()),
        ),
        None => return Err(GuardError::BadUrl("the URL has no host".into())),
    };
    let port = url.port();
    // The entry that would allow exactly this URL, for the messages.
    let wanted = match port {
        Some(p) => wanted.with_port(p),
        None => wanted,
    };
    let for_host: Vec<&AllowedHost> = allowed.iter().filter(|e| e.matches_host(host)).collect();
    if for_host.is_empty() {
        let shown = AllowedHost {
            port: None,
            ..wanted.clone()
        }
        .to_string();
        return Err(match host {
            RequestHost::Address(_) => GuardError::IpLiteral {
                address: shown,
                entry: wanted.to_string(),
            },
            RequestHost::Name(_) => GuardError::HostNotAllowed {
                host: shown,
                entry: wanted.to_string(),
            },
        });
    }
    if !for_host.iter().any(|e| e.port == port) {
        let host_shown = AllowedHost {
            port: None,
            ..wanted.clone()
        }
        .to_string();
        let port_shown = match port {
            Some(p) => p.to_string(),
            None => format!(
                "{} (the default)",
                url.port_or_known_default().unwrap_or(HTTPS_PORT)
            ),
        };
        return Err(GuardError::Port {
            host: host_shown,
            port: port_shown,
            entry: wanted.to_string(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allowed() -> Vec<AllowedHost> {
        vec![
            AllowedHost::exact("atl-cs-001.litwareinc.com"),
            AllowedHost::suffix("contoso.com"),
        ]
    }

    fn check_live(url: &str) -> Result<url::Url, GuardError> {
        check(url, Mode::Live, &allowed())
    }

    #[test]
    fn allowed_metadata_urls_pass() {
        for url in [
            "https://atl-cs-001.litwareinc.com/metadata/json/1",
            "https://ATL-CS-001.litwareinc.com./metadata/json/1",
            "https://autodiscover.contoso.com/autodiscover/metadata/json/1",
            "https://sp.eu.contoso.com/_layouts/15/metadata/json/1",
            " https://atl-cs-001.litwareinc.com/Metadata/Json/1 ",
        ] {
            assert!(check_live(url).is_ok(), "{url}: {:?}", check_live(url));
        }
    }

    #[test]
    fn each_trick_is_refused_with_its_code() {
        for (url, code) in [
            (
                "http://atl-cs-001.litwareinc.com/metadata/json/1",
                "scheme_not_allowed",
            ),
            ("file:///etc/passwd", "scheme_not_allowed"),
            ("https://evil.example/metadata/json/1", "host_not_allowed"),
            ("https://contoso.com/metadata/json/1", "host_not_allowed"),
            (
                "https://evilcontoso.com/metadata/json/1",
                "host_not_allowed",
            ),
            (
                "https://atl-cs-001.litwareinc.com.evil.example/metadata/json/1",
                "host_not_allowed",
            ),
            (
                "https://user:pw@atl-cs-001.litwareinc.com/metadata/json/1",
                "userinfo_not_allowed",
            ),
            (
                "https://atl-cs-001.litwareinc.com@evil.example/metadata/json/1",
                "userinfo_not_allowed",
            ),
            (
                "https://atl-cs-001.litwareinc.com/metadata/json/1#x",
                "fragment_not_allowed",
            ),
            (
                "https://atl-cs-001.litwareinc.com/metadata/json/1?x=1",
                "query_not_allowed",
            ),
            (
                "https://atl-cs-001.litwareinc.com\\@evil.example/metadata/json/1",
                "backslash_not_allowed",
            ),
            (
                "https://atl-cs-001.litwareinc.com/x/../metadata/json/1",
                "dot_segments_not_allowed",
            ),
            (
                "https://atl-cs-001.litwareinc.com/%2e%2e/metadata/json/1",
                "dot_segments_not_allowed",
            ),
            // The url crate would drop the tab and find ".." after all.
            (
                "https://atl-cs-001.litwareinc.com/x/.\t./metadata/json/1",
                "bad_url",
            ),
            (
                "https://atl-cs-001.litwareinc.com/x/%\t2e%\t2e/metadata/json/1",
                "bad_url",
            ),
            (
                "https://atl-cs-001.litwareinc.com/metadata%2fjson/1",
                "dot_segments_not_allowed",
            ),
            (
                "https://127.0.0.1/metadata/json/1",
                "ip_literal_not_allowed",
            ),
            (
                "https://2130706433/metadata/json/1",
                "ip_literal_not_allowed",
            ),
            ("https://0x7f.1/metadata/json/1", "ip_literal_not_allowed"),
            ("https://[::1]/metadata/json/1", "ip_literal_not_allowed"),
            (
                "https://0177.0.0.1/metadata/json/1",
                "ip_literal_not_allowed",
            ),
            ("https://localhost/metadata/json/1", "host_not_allowed"),
            ("https://localhost./metadata/json/1", "host_not_allowed"),
            (
                "https://atl-cs-001.litwareinc.com:8443/metadata/json/1",
                "port_not_allowed",
            ),
            (
                "https://atl-cs-001.litwareinc.com/ews/exchange.asmx",
                "path_not_allowed",
            ),
            ("https://atl-cs-001.litwareinc.com/", "path_not_allowed"),
            ("not a url", "bad_url"),
        ] {
            let got = check_live(url).map_err(|e| e.code());
            assert_eq!(got.err(), Some(code), "{url}");
        }
    }

    fn check_with(url: &str, entries: &[&str]) -> Result<url::Url, GuardError> {
        let allowed: Vec<AllowedHost> = entries
            .iter()
            .map(|e| AllowedHost::parse(e).expect("valid entry"))
            .collect();
        check(url, Mode::Live, &allowed)
    }

    fn code_with(url: &str, entries: &[&str]) -> Result<(), &'static str> {
        check_with(url, entries).map(|_| ()).map_err(|e| e.code())
    }

    #[test]
    fn a_port_passes_only_with_an_entry_for_that_host_and_port() {
        let entries = ["atl-cs-001.litwareinc.com:8443", "*.contoso.com:4443"];
        for url in [
            "https://atl-cs-001.litwareinc.com:8443/metadata/json/1",
            "https://ATL-CS-001.litwareinc.com.:8443/metadata/json/1",
            "https://ex.contoso.com:4443/autodiscover/metadata/json/1",
        ] {
            assert_eq!(code_with(url, &entries), Ok(()), "{url}");
        }
        for url in [
            "https://atl-cs-001.litwareinc.com/metadata/json/1",
            "https://atl-cs-001.litwareinc.com:8444/metadata/json/1",
            "https://atl-cs-001.litwareinc.com:4443/metadata/json/1",
            "https://ex.contoso.com/autodiscover/metadata/json/1",
            "https://ex.contoso.com:8443/autodiscover/metadata/json/1",
        ] {
            assert_eq!(code_with(url, &entries), Err("port_not_allowed"), "{url}");
        }
        assert_eq!(
            code_with("https://contoso.com:4443/metadata/json/1", &entries),
            Err("host_not_allowed")
        );
        // An explicit :443 is the default port.
        assert_eq!(
            code_with(
                "https://atl-cs-001.litwareinc.com:443/metadata/json/1",
                &["atl-cs-001.litwareinc.com"]
            ),
            Ok(())
        );
        // Both forms may be allowed side by side.
        let both = [
            "atl-cs-001.litwareinc.com",
            "atl-cs-001.litwareinc.com:8443",
        ];
        assert_eq!(
            code_with("https://atl-cs-001.litwareinc.com/metadata/json/1", &both),
            Ok(())
        );
        assert_eq!(
            code_with(
                "https://atl-cs-001.litwareinc.com:8443/metadata/json/1",
                &both
            ),
            Ok(())
        );
    }

    #[test]
    fn port_messages_say_how_to_allow_it() {
        let msg = |url: &str, entries: &[&str]| {
            check_with(url, entries)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default()
        };
        let m = msg(
            "https://atl-cs-001.litwareinc.com:8443/metadata/json/1",
            &["atl-cs-001.litwareinc.com"],
        );
        assert!(
            m.contains("port 8443 is not allowed for atl-cs-001.litwareinc.com; add 'atl-cs-001.litwareinc.com:8443' to the allowlist"),
            "{m}"
        );
        let m = msg(
            "https://atl-cs-001.litwareinc.com/metadata/json/1",
            &["atl-cs-001.litwareinc.com:8443"],
        );
        assert!(
            m.contains("port 443 (the default) is not allowed for atl-cs-001.litwareinc.com; add 'atl-cs-001.litwareinc.com'"),
            "{m}"
        );
        let m = msg("https://[fd00::5]:8443/metadata/json/1", &["[fd00::5]"]);
        assert!(m.contains("add '[fd00::5]:8443'"), "{m}");
        let m = msg("https://evil.example:8443/metadata/json/1", &[]);
        assert!(m.contains("add 'evil.example:8443'"), "{m}");
    }

    #[test]
    fn an_address_passes_only_with_an_entry_for_that_address() {
        let entries = ["10.1.2.3", "127.0.0.1:8443", "[fd00::5]:8443", "[fd00::6]"];
        for url in [
            "https://10.1.2.3/metadata/json/1",
            "https://127.0.0.1:8443/metadata/json/1",
            // Numeric forms are read as the address they mean, and match it.
            "https://2130706433:8443/metadata/json/1",
            "https://0x7f.1:8443/metadata/json/1",
            "https://0177.0.0.1:8443/metadata/json/1",
            "https://[fd00::5]:8443/metadata/json/1",
            "https://[FD00:0:0::5]:8443/metadata/json/1",
            "https://[fd00::6]/metadata/json/1",
        ] {
            assert_eq!(code_with(url, &entries), Ok(()), "{url}");
        }
        for (url, code) in [
            ("https://10.1.2.4/metadata/json/1", "ip_literal_not_allowed"),
            (
                "https://127.0.0.2:8443/metadata/json/1",
                "ip_literal_not_allowed",
            ),
            (
                "https://2130706434:8443/metadata/json/1",
                "ip_literal_not_allowed",
            ),
            (
                "https://[::1]:8443/metadata/json/1",
                "ip_literal_not_allowed",
            ),
            (
                "https://[::ffff:127.0.0.1]:8443/metadata/json/1",
                "ip_literal_not_allowed",
            ),
            ("https://10.1.2.3:8443/metadata/json/1", "port_not_allowed"),
            ("https://127.0.0.1/metadata/json/1", "port_not_allowed"),
            ("https://2130706433/metadata/json/1", "port_not_allowed"),
            ("https://[fd00::5]/metadata/json/1", "port_not_allowed"),
            ("https://[fd00::6]:8443/metadata/json/1", "port_not_allowed"),
            ("https://localhost:8443/metadata/json/1", "host_not_allowed"),
        ] {
            assert_eq!(code_with(url, &entries), Err(code), "{url}");
        }
        // A name entry never lets an address through, nor the reverse.
        assert_eq!(
            code_with("https://127.0.0.1/metadata/json/1", &["localhost"]),
            Err("ip_literal_not_allowed")
        );
        let m = check_with("https://2130706433/metadata/json/1", &[])
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            m.starts_with("127.0.0.1 is an IP address") && m.contains("add '127.0.0.1'"),
            "{m}"
        );
    }

    #[test]
    fn operator_paths_are_added_not_substituted() {
        let extra = vec!["/custom/metadata/json/1".to_string()];
        let url = "https://atl-cs-001.litwareinc.com/custom/metadata/json/1";
        assert_eq!(
            check(url, Mode::Live, &allowed())
                .map_err(|e| e.code())
                .err(),
            Some("path_not_allowed")
        );
        assert!(check_with_paths(url, Mode::Live, &allowed(), &extra).is_ok());
        assert!(
            check_with_paths(
                "https://atl-cs-001.litwareinc.com/metadata/json/1",
                Mode::Live,
                &allowed(),
                &extra
            )
            .is_ok()
        );
    }

    #[test]
    fn read_only_refuses_everything_and_demo_allows_http_for_demo_hosts() {
        assert_eq!(
            check(
                "https://atl-cs-001.litwareinc.com/metadata/json/1",
                Mode::ReadOnly,
                &allowed()
            ),
            Err(GuardError::ReadOnly)
        );
        // The demo's servers speak https only, as the fetch does.
        let demo = crate::config::ServerConfig::demo().allowed_hosts;
        for mode in [Mode::Demo, Mode::Live] {
            assert_eq!(
                check(
                    "http://atl-cs-001.litwareinc.com/metadata/json/1",
                    mode,
                    &demo
                )
                .map_err(|e| e.code()),
                Err("scheme_not_allowed")
            );
        }
    }
}
