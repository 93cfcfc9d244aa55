//! What the proxy agrees to fetch. The proxy must never become a way into the
//! network it sits in: only https, only allowlisted hosts, only the known
//! metadata paths, and none of the URL tricks that make a URL mean something
//! other than it seems.

use thiserror::Error;

use crate::config::{AllowedHost, DEMO_HOSTS, Mode};

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
    #[error("{0} is an IP address; only host names on the allowlist are fetched")]
    IpLiteral(String),
    #[error("{0} is not on this server's allowlist (ask the operator to add it with --allow)")]
    HostNotAllowed(String),
    #[error("port {0} is not allowed; metadata is fetched on the default https port")]
    Port(u16),
    #[error(
        "{0} is not a metadata path; expected /metadata/json/1, /autodiscover/metadata/json/1 or /_layouts/15/metadata/json/1"
    )]
    Path(String),
    #[error("this server is read-only: it shows reports and fetches nothing")]
    ReadOnly,
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
            GuardError::IpLiteral(_) => "ip_literal_not_allowed",
            GuardError::HostNotAllowed(_) => "host_not_allowed",
            GuardError::Port(_) => "port_not_allowed",
            GuardError::Path(_) => "path_not_allowed",
            GuardError::ReadOnly => "read_only",
        }
    }
}

/// Checks a URL a client asked for. Returns the URL to fetch (normalised by
/// the URL parser, which the checks above make equal to what was asked).
pub fn check(raw: &str, mode: Mode, allowed: &[AllowedHost]) -> Result<url::Url, GuardError> {
    check_with_paths(raw, mode, allowed, &[])
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
    let url = url::Url::parse(raw).map_err(|e| GuardError::BadUrl(e.to_string()))?;
    let demo_host = url
        .host_str()
        .is_some_and(|h| DEMO_HOSTS.iter().any(|d| d.eq_ignore_ascii_case(h)));
    match url.scheme() {
        "https" => {}
        "http" if mode == Mode::Demo && demo_host => {}
        other => return Err(GuardError::Scheme(other.to_string())),
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(GuardError::UserInfo);
    }
    if url.query().is_some() {
        return Err(GuardError::Query);
    }
    let host = match url.host() {
        Some(url::Host::Domain(d)) => d.trim_end_matches('.').to_ascii_lowercase(),
        Some(url::Host::Ipv4(ip)) => return Err(GuardError::IpLiteral(ip.to_string())),
        Some(url::Host::Ipv6(ip)) => return Err(GuardError::IpLiteral(ip.to_string())),
        None => return Err(GuardError::BadUrl("the URL has no host".into())),
    };
    let on_list = allowed.iter().any(|entry| match entry {
        AllowedHost::Exact(name) => *name == host,
        AllowedHost::Suffix(suffix) => host
            .strip_suffix(suffix.as_str())
            .is_some_and(|rest| rest.ends_with('.') && rest.len() > 1),
    });
    if !on_list {
        return Err(GuardError::HostNotAllowed(host));
    }
    if let Some(port) = url.port() {
        return Err(GuardError::Port(port));
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn allowed() -> Vec<AllowedHost> {
        vec![
            AllowedHost::Exact("atl-cs-001.litwareinc.com".into()),
            AllowedHost::Suffix("contoso.com".into()),
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
        let demo = crate::config::ServerConfig::demo().allowed_hosts;
        assert!(
            check(
                "http://atl-cs-001.litwareinc.com/metadata/json/1",
                Mode::Demo,
                &demo
            )
            .is_ok()
        );
        assert_eq!(
            check(
                "http://atl-cs-001.litwareinc.com/metadata/json/1",
                Mode::Live,
                &demo
            )
            .map_err(|e| e.code()),
            Err("scheme_not_allowed")
        );
    }
}
