//! One entry of the fetch allowlist, exactly as the operator wrote it: a host
//! name, `*.suffix` for every name under a domain, or an IP address, each
//! optionally with a port. Nothing is inferred: a port or an address is
//! allowed only when an entry says so in so many words.

use std::fmt;
use std::net::{IpAddr, Ipv6Addr};

use serde::Serialize;
use thiserror::Error;

/// The port metadata is fetched on when a URL names none; an entry that
/// writes it (`host:443`) means the same as one that leaves it out.
pub const HTTPS_PORT: u16 = 443;

/// What an entry names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostPattern {
    /// One host name (lower case, no trailing dot).
    Exact(String),
    /// Every name under this domain, not the domain itself.
    Suffix(String),
    /// One IP address, compared after the URL parser has normalised the
    /// URL's host (so `2130706433` and `0x7f.1` are `127.0.0.1`).
    Address(IpAddr),
}

/// One entry of the allowlist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(into = "String")]
pub struct AllowedHost {
    pub host: HostPattern,
    /// `None`: the scheme's default port only.
    pub port: Option<u16>,
}

/// The host of a URL being checked, as the URL parser normalised it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestHost<'a> {
    Name(&'a str),
    Address(IpAddr),
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum AllowedHostError {
    #[error("allowed host is empty")]
    Empty,
    #[error(
        "allowed host '{entry}': character '{ch}' at position {pos} is not allowed (a host name has letters, digits, '-' and '.'; '*.' may only start a suffix entry)"
    )]
    BadCharacter { entry: String, ch: char, pos: usize },
    #[error(
        "allowed host '{entry}': label '{label}' is invalid (labels are 1-63 letters, digits or '-', not starting or ending with '-')"
    )]
    BadLabel { entry: String, label: String },
    #[error("allowed host '{entry}' is longer than 253 characters")]
    TooLong { entry: String },
    #[error(
        "allowed host '{entry}' is a URL; write only the host, with its port if it is not 443: '{suggestion}'"
    )]
    Url { entry: String, suggestion: String },
    #[error("allowed host '{entry}': port '{port}' is not a number from 1 to 65535")]
    BadPort { entry: String, port: String },
    #[error(
        "allowed host '{entry}': write an IPv6 address in brackets, '[{entry}]' (or '[{entry}]:PORT' for another port than 443)"
    )]
    Ipv6WithoutBrackets { entry: String },
    #[error("allowed host '{entry}': '{inside}' between the brackets is not an IPv6 address")]
    BadIpv6 { entry: String, inside: String },
    #[error("allowed host '{entry}': '[' has no closing ']'")]
    UnclosedBracket { entry: String },
    #[error("allowed host '{entry}': only ':PORT' may follow the ']', not '{rest}'")]
    AfterBracket { entry: String, rest: String },
    #[error(
        "allowed host '{entry}' is read as the IP address {address}; write it as '{address}' so the entry says plainly what it allows"
    )]
    NonCanonicalAddress { entry: String, address: String },
    #[error(
        "allowed host '{entry}': '*.' takes a domain name, not an IP address; allow the address itself"
    )]
    SuffixOfAddress { entry: String },
    #[error("allowed host '{entry}' is not a valid host name: {reason}")]
    NotAHostName { entry: String, reason: String },
}

impl AllowedHost {
    pub fn exact(name: &str) -> Self {
        AllowedHost {
            host: HostPattern::Exact(name.to_ascii_lowercase()),
            port: None,
        }
    }

    pub fn suffix(domain: &str) -> Self {
        AllowedHost {
            host: HostPattern::Suffix(domain.to_ascii_lowercase()),
            port: None,
        }
    }

    pub fn address(ip: IpAddr) -> Self {
        AllowedHost {
            host: HostPattern::Address(ip),
            port: None,
        }
    }

    /// The same entry for another port (443 is the default and kept as none).
    pub fn with_port(mut self, port: u16) -> Self {
        self.port = (port != HTTPS_PORT).then_some(port);
        self
    }

    /// Whether the entry names this host, whatever the port.
    pub fn matches_host(&self, host: RequestHost<'_>) -> bool {
        match (&self.host, host) {
            (HostPattern::Exact(name), RequestHost::Name(h)) => name == h,
            (HostPattern::Suffix(suffix), RequestHost::Name(h)) => h
                .strip_suffix(suffix.as_str())
                .is_some_and(|rest| rest.ends_with('.') && rest.len() > 1),
            (HostPattern::Address(ip), RequestHost::Address(a)) => *ip == a,
            _ => false,
        }
    }

    /// Whether the entry allows this host on this port (`None`: the URL
    /// names no port, so the scheme's default).
    pub fn matches(&self, host: RequestHost<'_>, port: Option<u16>) -> bool {
        self.matches_host(host) && self.port == port
    }

    /// Parses an operator-written entry: `name`, `*.domain`, `10.1.2.3` or
    /// `[fd00::5]`, each optionally followed by `:PORT`. Host names are
    /// case-insensitive, so they are kept in lower case; a trailing dot
    /// (fully qualified form) is dropped.
    pub fn parse(entry: &str) -> Result<Self, AllowedHostError> {
        let trimmed = entry.trim();
        if trimmed.is_empty() {
            return Err(AllowedHostError::Empty);
        }
        if trimmed.contains("://") {
            return Err(AllowedHostError::Url {
                entry: trimmed.to_string(),
                suggestion: url_suggestion(trimmed),
            });
        }
        let (host_text, port_text) = split_port(trimmed)?;
        let port = port_text.map(|p| parse_port(trimmed, p)).transpose()?;
        let host = if let Some(inside) = host_text.strip_prefix('[') {
            let inside = inside.strip_suffix(']').unwrap_or(inside);
            let ip: Ipv6Addr = inside.parse().map_err(|_| AllowedHostError::BadIpv6 {
                entry: trimmed.to_string(),
                inside: inside.to_string(),
            })?;
            HostPattern::Address(IpAddr::V6(ip))
        } else {
            parse_name(trimmed, host_text)?
        };
        let entry = AllowedHost { host, port: None };
        Ok(match port {
            Some(p) => entry.with_port(p),
            None => entry,
        })
    }
}

/// Splits `host[:port]`, `[v6]` and `[v6]:port`. A bare IPv6 address is
/// refused: `fd00::5:8443` could be an address or an address and a port.
fn split_port(entry: &str) -> Result<(&str, Option<&str>), AllowedHostError> {
    if entry.starts_with('[') {
        let Some(close) = entry.find(']') else {
            return Err(AllowedHostError::UnclosedBracket {
                entry: entry.to_string(),
            });
        };
        let (host, rest) = entry.split_at(close + 1);
        return match rest {
            "" => Ok((host, None)),
            _ => match rest.strip_prefix(':') {
                Some(port) => Ok((host, Some(port))),
                None => Err(AllowedHostError::AfterBracket {
                    entry: entry.to_string(),
                    rest: rest.to_string(),
                }),
            },
        };
    }
    match entry.matches(':').count() {
        0 => Ok((entry, None)),
        1 => Ok(entry
            .split_once(':')
            .map(|(h, p)| (h, Some(p)))
            .unwrap_or((entry, None))),
        _ if entry.parse::<Ipv6Addr>().is_ok() => Err(AllowedHostError::Ipv6WithoutBrackets {
            entry: entry.to_string(),
        }),
        _ => {
            // Point at the second colon: the first could have started a port.
            let pos = entry
                .char_indices()
                .filter(|(_, c)| *c == ':')
                .nth(1)
                .map(|(i, _)| entry[..i].chars().count() + 1)
                .unwrap_or(0);
            Err(AllowedHostError::BadCharacter {
                entry: entry.to_string(),
                ch: ':',
                pos,
            })
        }
    }
}

fn parse_port(entry: &str, text: &str) -> Result<u16, AllowedHostError> {
    let bad = || AllowedHostError::BadPort {
        entry: entry.to_string(),
        port: text.to_string(),
    };
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    match text.parse::<u16>() {
        Ok(0) | Err(_) => Err(bad()),
        Ok(p) => Ok(p),
    }
}

/// A host name, `*.domain`, or an IPv4 address in its plain dotted form.
fn parse_name(entry: &str, text: &str) -> Result<HostPattern, AllowedHostError> {
    let (suffix, name) = match text.strip_prefix("*.") {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let name = name.strip_suffix('.').unwrap_or(name).to_ascii_lowercase();
    if name.is_empty() {
        return Err(AllowedHostError::Empty);
    }
    if name.len() > 253 {
        return Err(AllowedHostError::TooLong {
            entry: entry.to_string(),
        });
    }
    let offset = if suffix { 2 } else { 0 };
    if let Some((pos, ch)) = name
        .chars()
        .enumerate()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '.'))
    {
        return Err(AllowedHostError::BadCharacter {
            entry: entry.to_string(),
            ch,
            pos: pos + offset + 1,
        });
    }
    // Ask the URL parser how it would read this host: a URL whose host is
    // made of numbers names an address, so an entry must too, and in the one
    // form that cannot be misread.
    let probe = if suffix {
        format!("x.{name}")
    } else {
        name.clone()
    };
    match url::Host::parse(&probe) {
        Ok(url::Host::Domain(_)) => {}
        Ok(url::Host::Ipv4(_)) if suffix => {
            return Err(AllowedHostError::SuffixOfAddress {
                entry: entry.to_string(),
            });
        }
        Ok(url::Host::Ipv4(ip)) if ip.to_string() == name => {
            return Ok(HostPattern::Address(IpAddr::V4(ip)));
        }
        Ok(url::Host::Ipv4(ip)) => {
            return Err(AllowedHostError::NonCanonicalAddress {
                entry: entry.to_string(),
                address: ip.to_string(),
            });
        }
        Ok(url::Host::Ipv6(_)) => {
            return Err(AllowedHostError::Ipv6WithoutBrackets {
                entry: entry.to_string(),
            });
        }
        Err(_) if suffix && probe.rsplit('.').next().is_some_and(is_numeric_label) => {
            return Err(AllowedHostError::SuffixOfAddress {
                entry: entry.to_string(),
            });
        }
        Err(e) => {
            return Err(AllowedHostError::NotAHostName {
                entry: entry.to_string(),
                reason: e.to_string(),
            });
        }
    }
    if let Some(label) = name
        .split('.')
        .find(|l| l.is_empty() || l.len() > 63 || l.starts_with('-') || l.ends_with('-'))
    {
        return Err(AllowedHostError::BadLabel {
            entry: entry.to_string(),
            label: label.to_string(),
        });
    }
    Ok(if suffix {
        HostPattern::Suffix(name)
    } else {
        HostPattern::Exact(name)
    })
}

/// A label the URL parser reads as a number (decimal, octal or hex).
fn is_numeric_label(label: &str) -> bool {
    let hex = label
        .strip_prefix("0x")
        .or_else(|| label.strip_prefix("0X"));
    match hex {
        Some(digits) => digits.bytes().all(|b| b.is_ascii_hexdigit()),
        None => !label.is_empty() && label.bytes().all(|b| b.is_ascii_digit()),
    }
}

/// What to write instead of a URL: its host and, when not 443, its port.
fn url_suggestion(text: &str) -> String {
    match url::Url::parse(text) {
        Ok(u) => match (u.host_str(), u.port()) {
            (Some(h), Some(p)) => format!("{h}:{p}"),
            (Some(h), None) => h.to_string(),
            (None, _) => "HOST".into(),
        },
        Err(_) => "HOST".into(),
    }
}

impl fmt::Display for AllowedHost {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.host {
            HostPattern::Exact(name) => write!(f, "{name}")?,
            HostPattern::Suffix(suffix) => write!(f, "*.{suffix}")?,
            HostPattern::Address(IpAddr::V4(ip)) => write!(f, "{ip}")?,
            HostPattern::Address(IpAddr::V6(ip)) => write!(f, "[{ip}]")?,
        }
        match self.port {
            Some(port) => write!(f, ":{port}"),
            None => Ok(()),
        }
    }
}

impl From<AllowedHost> for String {
    fn from(h: AllowedHost) -> String {
        h.to_string()
    }
}

/// What `s2s serve` says at start about `*.domain` entries when
/// `allowed_networks` is not set: every name under the domain is fetched
/// wherever DNS points it (inward addresses aside), so whoever can add a
/// DNS record there picks which internal server the proxy reaches.
pub fn wildcard_warnings(allowed: &[AllowedHost], networks_set: bool) -> Vec<String> {
    if networks_set {
        return Vec::new();
    }
    allowed
        .iter()
        .filter_map(|entry| match &entry.host {
            HostPattern::Suffix(domain) => Some(format!(
                "s2s: warning: allowed host '{entry}' lets the proxy fetch any name under {domain}, at any address DNS gives it (private ones too); set allowed_networks in the config file to your servers' networks"
            )),
            HostPattern::Exact(_) | HostPattern::Address(_) => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_without_networks_are_warned_about() {
        let allowed = ["*.litwareinc.com", "ex01.contoso.com", "*.contoso.com:8443"]
            .map(|e| AllowedHost::parse(e).expect("valid"));
        let said = wildcard_warnings(&allowed, false);
        assert_eq!(
            said,
            [
                "s2s: warning: allowed host '*.litwareinc.com' lets the proxy fetch any name under litwareinc.com, at any address DNS gives it (private ones too); set allowed_networks in the config file to your servers' networks",
                "s2s: warning: allowed host '*.contoso.com:8443' lets the proxy fetch any name under contoso.com, at any address DNS gives it (private ones too); set allowed_networks in the config file to your servers' networks",
            ]
        );
        assert!(wildcard_warnings(&allowed, true).is_empty());
        assert!(wildcard_warnings(&allowed[1..2], false).is_empty());
    }

    fn parsed(entry: &str) -> String {
        match AllowedHost::parse(entry) {
            Ok(h) => h.to_string(),
            Err(e) => format!("error: {e}"),
        }
    }

    #[test]
    fn exact_and_suffix_entries() {
        assert_eq!(
            AllowedHost::parse(" Autodiscover.Litwareinc.com. "),
            Ok(AllowedHost::exact("autodiscover.litwareinc.com"))
        );
        assert_eq!(
            AllowedHost::parse("*.litwareinc.com"),
            Ok(AllowedHost::suffix("litwareinc.com"))
        );
        assert_eq!(
            String::from(AllowedHost::suffix("litwareinc.com")),
            "*.litwareinc.com"
        );
    }

    #[test]
    fn entries_with_ports() {
        assert_eq!(
            AllowedHost::parse("host.example.com:8443"),
            Ok(AllowedHost::exact("host.example.com").with_port(8443))
        );
        assert_eq!(
            AllowedHost::parse("*.Contoso.com:8443"),
            Ok(AllowedHost::suffix("contoso.com").with_port(8443))
        );
        assert_eq!(parsed("host.example.com.:8443"), "host.example.com:8443");
        // 443 is the default: the same entry as without it.
        assert_eq!(
            AllowedHost::parse("host.example.com:443"),
            Ok(AllowedHost::exact("host.example.com"))
        );
        assert_eq!(parsed("*.contoso.com:8443"), "*.contoso.com:8443");
    }

    #[test]
    fn address_entries() {
        let v4: IpAddr = [10, 1, 2, 3].into();
        let v6: IpAddr = "fd00::5".parse().expect("ip");
        assert_eq!(AllowedHost::parse("10.1.2.3"), Ok(AllowedHost::address(v4)));
        assert_eq!(
            AllowedHost::parse("10.1.2.3:8443"),
            Ok(AllowedHost::address(v4).with_port(8443))
        );
        assert_eq!(
            AllowedHost::parse("[fd00::5]"),
            Ok(AllowedHost::address(v6))
        );
        assert_eq!(
            AllowedHost::parse("[FD00:0::5]:8443"),
            Ok(AllowedHost::address(v6).with_port(8443))
        );
        assert_eq!(parsed("[fd00::5]:8443"), "[fd00::5]:8443");
        assert_eq!(parsed("10.1.2.3:8443"), "10.1.2.3:8443");
    }

    #[test]
    fn matching_needs_the_exact_host_and_port() {
        let name = RequestHost::Name("host.example.com");
        let on_8443 = AllowedHost::exact("host.example.com").with_port(8443);
        assert!(on_8443.matches(name, Some(8443)));
        assert!(!on_8443.matches(name, None), "not the default port");
        assert!(!on_8443.matches(name, Some(8444)));
        let plain = AllowedHost::exact("host.example.com");
        assert!(plain.matches(name, None));
        assert!(!plain.matches(name, Some(8443)));
        let suffix = AllowedHost::suffix("contoso.com").with_port(8443);
        assert!(suffix.matches(RequestHost::Name("a.contoso.com"), Some(8443)));
        assert!(!suffix.matches(RequestHost::Name("contoso.com"), Some(8443)));
        assert!(!suffix.matches(RequestHost::Name("a.contoso.com"), None));
        let ip = AllowedHost::address([127, 0, 0, 1].into()).with_port(8443);
        assert!(ip.matches(RequestHost::Address([127, 0, 0, 1].into()), Some(8443)));
        assert!(!ip.matches(RequestHost::Address([127, 0, 0, 2].into()), Some(8443)));
        assert!(!ip.matches(RequestHost::Name("127.0.0.1"), Some(8443)));
        // An address never matches a name entry, whatever it looks like.
        assert!(
            !AllowedHost::exact("localhost")
                .matches_host(RequestHost::Address([127, 0, 0, 1].into()))
        );
    }

    #[test]
    fn rejects_what_is_not_a_host_name() {
        assert_eq!(AllowedHost::parse("  "), Err(AllowedHostError::Empty));
        assert_eq!(AllowedHost::parse("*."), Err(AllowedHostError::Empty));
        assert_eq!(
            AllowedHost::parse("https://mail.litwareinc.com:8443/x"),
            Err(AllowedHostError::Url {
                entry: "https://mail.litwareinc.com:8443/x".into(),
                suggestion: "mail.litwareinc.com:8443".into()
            })
        );
        // A '*' anywhere but the start is not a suffix entry.
        assert!(matches!(
            AllowedHost::parse("mail.*.com"),
            Err(AllowedHostError::BadCharacter {
                ch: '*',
                pos: 6,
                ..
            })
        ));
        assert!(matches!(
            AllowedHost::parse("-mail.litwareinc.com"),
            Err(AllowedHostError::BadLabel { .. })
        ));
        assert!(matches!(
            AllowedHost::parse("mail..litwareinc.com"),
            Err(AllowedHostError::BadLabel { .. })
        ));
        assert!(matches!(
            AllowedHost::parse(&"a".repeat(64)),
            Err(AllowedHostError::BadLabel { .. })
        ));
        let long = vec!["abc"; 70].join(".");
        assert!(matches!(
            AllowedHost::parse(&long),
            Err(AllowedHostError::TooLong { .. })
        ));
    }

    #[test]
    fn bad_ports_and_addresses_are_named() {
        for (entry, expected) in [
            ("host.example.com:", "port '' is not a number"),
            ("host.example.com:0", "port '0' is not a number"),
            ("host.example.com:65536", "port '65536' is not a number"),
            ("host.example.com:84x3", "port '84x3' is not a number"),
            ("host.example.com:+1", "port '+1' is not a number"),
            ("fd00::5", "write an IPv6 address in brackets, '[fd00::5]'"),
            ("[fd00::5", "'[' has no closing ']'"),
            (
                "[fd00::5]8443",
                "only ':PORT' may follow the ']', not '8443'",
            ),
            (
                "[10.1.2.3]",
                "'10.1.2.3' between the brackets is not an IPv6",
            ),
            ("[fd00::5]:", "port '' is not a number"),
            ("2130706433", "read as the IP address 127.0.0.1"),
            ("0x7f.1", "read as the IP address 127.0.0.1"),
            ("0177.0.0.1:8443", "read as the IP address 127.0.0.1"),
            ("127.1", "read as the IP address 127.0.0.1"),
            ("*.10.1.2.3", "'*.' takes a domain name, not an IP address"),
            (
                "*.example.0x10",
                "'*.' takes a domain name, not an IP address",
            ),
            ("a:b:c", "character ':' at position 4"),
        ] {
            let got = parsed(entry);
            assert!(got.starts_with("error: "), "{entry} parsed as {got}");
            assert!(got.contains(expected), "{entry}: {got}");
            assert!(
                got.contains(&format!("'{entry}'")),
                "names the entry: {got}"
            );
        }
    }

    #[test]
    fn error_messages_say_what_and_where() {
        let err = AllowedHost::parse("mail litwareinc.com").map(|_| ());
        let msg = err.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(msg.contains("' '"), "{msg}");
        assert!(msg.contains("position 5"), "{msg}");
    }
}
