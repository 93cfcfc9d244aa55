//! Which names the console may be reached by. A web page on another site can
//! point its own name at 127.0.0.1 (DNS rebinding) and then read this server
//! as if it were that site; the `Host` it sends still carries its own name,
//! so a server that answers only to its own names is out of its reach.

/// The names the console answers to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum ServedNames {
    /// Any `Host` (a server on a network address, with no names given).
    #[default]
    Any,
    /// IP addresses, `localhost`, and these names (lower case, no dot at
    /// the end).
    Only(Vec<String>),
}

impl ServedNames {
    /// What `s2s serve` answers to: the names given, or, on a loopback
    /// address with none given, addresses and `localhost` only.
    pub fn for_listener(listen: std::net::SocketAddr, names: &[String]) -> ServedNames {
        if names.is_empty() && !listen.ip().is_loopback() {
            return ServedNames::Any;
        }
        ServedNames::Only(names.iter().map(|n| normalise(n)).collect())
    }

    /// Whether a request with this `Host` (name or address, port optional)
    /// is answered. A request without one (HTTP/1.0) is: the attack above
    /// always sends its name.
    pub fn allows(&self, host: Option<&str>) -> bool {
        let (ServedNames::Only(names), Some(host)) = (self, host) else {
            return true;
        };
        let name = normalise(without_port(host));
        name.parse::<std::net::IpAddr>().is_ok()
            || name == "localhost"
            || name.ends_with(".localhost")
            || names.contains(&name)
    }
}

/// Whether `name` is a DNS host name a browser could send in `Host`:
/// labels of letters, digits and hyphens (not at either end), up to 63
/// characters each and 253 in all; one dot at the end is allowed.
pub fn is_host_name(name: &str) -> bool {
    let name = name.trim().trim_end_matches('.');
    !name.is_empty()
        && name.len() <= 253
        && name.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

fn normalise(name: &str) -> String {
    name.trim().trim_end_matches('.').to_ascii_lowercase()
}

/// `[::1]:8080` → `::1`, `host:8080` → `host`, `host` → `host`.
fn without_port(host: &str) -> &str {
    if let Some(rest) = host.strip_prefix('[') {
        return rest.split(']').next().unwrap_or(rest);
    }
    match host.rsplit_once(':') {
        Some((name, port)) if port.chars().all(|c| c.is_ascii_digit()) => name,
        _ => host,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_answers_to_addresses_and_localhost_only() {
        let listen = "127.0.0.1:8080".parse().expect("addr");
        let served = ServedNames::for_listener(listen, &[]);
        for ok in [
            "127.0.0.1:8080",
            "localhost:8080",
            "LOCALHOST",
            "[::1]:8080",
            "app.localhost:8080",
        ] {
            assert!(served.allows(Some(ok)), "{ok}");
        }
        for refused in [
            "evil.example:8080",
            "evil.example",
            "127.0.0.1.evil.example",
        ] {
            assert!(!served.allows(Some(refused)), "{refused}");
        }
        assert!(served.allows(None));
    }

    #[test]
    fn names_given_are_answered_and_nothing_else() {
        let listen = "0.0.0.0:8080".parse().expect("addr");
        assert_eq!(ServedNames::for_listener(listen, &[]), ServedNames::Any);
        let served = ServedNames::for_listener(listen, &["S2S.corp.example.".to_string()]);
        assert!(served.allows(Some("s2s.corp.example:8080")));
        assert!(served.allows(Some("10.0.0.5:8080")));
        assert!(!served.allows(Some("other.corp.example")));
    }
}
