//! What a running server is allowed to do: its mode and the hosts it may fetch.

pub use s2s_core::api::Mode;
use serde::Serialize;
use thiserror::Error;

/// The hosts of the demo environment: the names Microsoft's documentation uses
/// for the Skype pool and the Exchange autodiscover service of `litwareinc.com`.
pub const DEMO_HOSTS: &[&str] = &["atl-cs-001.litwareinc.com", "autodiscover.litwareinc.com"];

/// One entry of the fetch allowlist: an exact host name, or `*.suffix` for every
/// name under a domain (written so by the operator, never inferred).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(into = "String")]
pub enum AllowedHost {
    Exact(String),
    Suffix(String),
}

impl From<AllowedHost> for String {
    fn from(h: AllowedHost) -> String {
        match h {
            AllowedHost::Exact(name) => name,
            AllowedHost::Suffix(suffix) => format!("*.{suffix}"),
        }
    }
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
}

impl AllowedHost {
    /// Parses an operator-written entry. Host names are case-insensitive, so they
    /// are kept in lower case; a trailing dot (fully qualified form) is dropped.
    pub fn parse(entry: &str) -> Result<Self, AllowedHostError> {
        let trimmed = entry.trim();
        let (suffix, name) = match trimmed.strip_prefix("*.") {
            Some(rest) => (true, rest),
            None => (false, trimmed),
        };
        let name = name.strip_suffix('.').unwrap_or(name).to_ascii_lowercase();
        if name.is_empty() {
            return Err(AllowedHostError::Empty);
        }
        if name.len() > 253 {
            return Err(AllowedHostError::TooLong {
                entry: trimmed.to_string(),
            });
        }
        let offset = if suffix { 2 } else { 0 };
        if let Some((pos, ch)) = name
            .chars()
            .enumerate()
            .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '.'))
        {
            return Err(AllowedHostError::BadCharacter {
                entry: trimmed.to_string(),
                ch,
                pos: pos + offset + 1,
            });
        }
        if let Some(label) = name
            .split('.')
            .find(|l| l.is_empty() || l.len() > 63 || l.starts_with('-') || l.ends_with('-'))
        {
            return Err(AllowedHostError::BadLabel {
                entry: trimmed.to_string(),
                label: label.to_string(),
            });
        }
        Ok(if suffix {
            AllowedHost::Suffix(name)
        } else {
            AllowedHost::Exact(name)
        })
    }
}

/// Everything the server needs to know about its configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerConfig {
    pub mode: Mode,
    pub allowed_hosts: Vec<AllowedHost>,
    /// Metadata paths the operator added to the known ones.
    pub extra_paths: Vec<String>,
}

impl ServerConfig {
    /// The default: demo mode, allowed to fetch only the demo hosts.
    pub fn demo() -> Self {
        ServerConfig {
            mode: Mode::Demo,
            allowed_hosts: DEMO_HOSTS
                .iter()
                .map(|h| AllowedHost::Exact((*h).to_string()))
                .collect(),
            extra_paths: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_and_suffix_entries() {
        assert_eq!(
            AllowedHost::parse(" Autodiscover.Litwareinc.com. "),
            Ok(AllowedHost::Exact("autodiscover.litwareinc.com".into()))
        );
        assert_eq!(
            AllowedHost::parse("*.litwareinc.com"),
            Ok(AllowedHost::Suffix("litwareinc.com".into()))
        );
        assert_eq!(
            String::from(AllowedHost::Suffix("litwareinc.com".into())),
            "*.litwareinc.com"
        );
    }

    #[test]
    fn rejects_what_is_not_a_host_name() {
        assert_eq!(AllowedHost::parse("  "), Err(AllowedHostError::Empty));
        assert_eq!(AllowedHost::parse("*."), Err(AllowedHostError::Empty));
        assert_eq!(
            AllowedHost::parse("https://mail.litwareinc.com"),
            Err(AllowedHostError::BadCharacter {
                entry: "https://mail.litwareinc.com".into(),
                ch: ':',
                pos: 6
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
    fn error_messages_say_what_and_where() {
        let err = AllowedHost::parse("mail litwareinc.com").map(|_| ());
        let msg = err.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(msg.contains("' '"), "{msg}");
        assert!(msg.contains("position 5"), "{msg}");
    }

    #[test]
    fn demo_allows_exactly_the_demo_hosts() {
        let c = ServerConfig::demo();
        assert_eq!(c.mode, Mode::Demo);
        assert_eq!(c.allowed_hosts.len(), DEMO_HOSTS.len());
    }
}
