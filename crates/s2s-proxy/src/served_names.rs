//! Which names the console may be reached by. A web page on another site can
//! point its own name at this server's address, loopback or not (DNS
//! rebinding), and then read this server as if it were that site; the
//! `Host` it sends still carries its own name, so a server that answers
//! only to its own names is out of its reach.

/// The names the console answers to: IP addresses (its own, as a browser
/// typing one sends it), `localhost`, and the names given. On a network
/// address as on loopback: a rebinding page needs a name, and reaches a
/// network address (the admin's browser is inside) as easily as loopback.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServedNames {
    /// Lower case, no dot at the end.
    names: Vec<String>,
}

impl ServedNames {
    /// What `s2s serve` answers to: addresses, `localhost` and `names`
    /// (`--server-name`, `server_names`), wherever it listens.
    pub fn new(names: &[String]) -> ServedNames {
        ServedNames {
            names: names.iter().map(|n| normalise(n)).collect(),
        }
    }

    /// The names given, normalised.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Whether a request with this `Host` (name or address, port optional)
    /// is answered. A request without one (HTTP/1.0) is: the attack above
    /// always sends its name.
    pub fn allows(&self, host: Option<&str>) -> bool {
        let Some(host) = host else {
            return true;
        };
        let name = normalise(without_port(host));
        name.parse::<std::net::IpAddr>().is_ok()
            || name == "localhost"
            || name.ends_with(".localhost")
            || self.names.contains(&name)
    }

    /// What a server listening on a network address says at start about the
    /// names it answers to.
    pub fn describe(&self) -> String {
        if self.names.is_empty() {
            "s2s: answering to its addresses and localhost only; give the name browsers use with --server-name NAME (server_names in the config file), other names get 421".to_string()
        } else {
            format!(
                "s2s: answering to its addresses, localhost and {}; other names get 421",
                self.names.join(", ")
            )
        }
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
    fn addresses_and_localhost_only_by_default() {
        let served = ServedNames::default();
        assert_eq!(served, ServedNames::new(&[]));
        for ok in [
            "127.0.0.1:8080",
            "10.0.0.5:8080",
            "localhost:8080",
            "LOCALHOST",
            "[::1]:8080",
            "[fd00::5]",
            "app.localhost:8080",
        ] {
            assert!(served.allows(Some(ok)), "{ok}");
        }
        for refused in [
            "evil.example:8080",
            "evil.example",
            "s2s.corp.example",
            "127.0.0.1.evil.example",
            "",
        ] {
            assert!(!served.allows(Some(refused)), "{refused}");
        }
        assert!(served.allows(None));
        assert!(served.describe().contains("--server-name NAME"));
    }

    #[test]
    fn names_given_are_answered_and_nothing_else() {
        let served = ServedNames::new(&["S2S.corp.example.".to_string()]);
        assert_eq!(served.names(), ["s2s.corp.example"]);
        assert!(served.allows(Some("s2s.corp.example:8080")));
        assert!(served.allows(Some("S2S.corp.example.")));
        assert!(served.allows(Some("10.0.0.5:8080")));
        assert!(!served.allows(Some("other.corp.example")));
        assert!(served.describe().contains("s2s.corp.example"));
    }
}
