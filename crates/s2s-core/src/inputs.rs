//! Validated inputs for generated commands. Each type accepts what an
//! administrator pastes (surrounding spaces, a full URL where a host is
//! asked) and refuses what is wrong with a message naming the field, the
//! character or position, and the rule.

use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{field}: {problem}")]
pub struct InputError {
    pub field: &'static str,
    pub problem: Problem,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Problem {
    #[error("is empty")]
    Empty,
    #[error(
        "character {position} is a control character (U+{code:04X}); newlines and other control characters are not allowed"
    )]
    Control { position: usize, code: u32 },
    #[error("character {position} '{ch}' is not allowed: {rule}")]
    Character {
        position: usize,
        ch: char,
        rule: &'static str,
    },
    #[error(
        "label '{label}' is not valid: host name labels are 1 to 63 letters, digits or hyphens, not starting or ending with a hyphen (RFC 1123)"
    )]
    Label { label: String },
    #[error("is {len} characters; at most {max} are allowed")]
    TooLong { len: usize, max: usize },
    #[error("must start with https:// (found '{found}')")]
    NotHttps { found: String },
    #[error("must not contain a user name or password before the host")]
    UserInfo,
    #[error("must look like sip:user@domain")]
    SipForm,
    #[error(
        "must be an absolute Windows path such as C:\\Program Files\\Microsoft\\Exchange Server\\V15"
    )]
    NotAbsolute,
    #[error("'{found}' is not one of: {allowed}")]
    NotOneOf {
        found: String,
        allowed: &'static str,
    },
    #[error("{reason}")]
    Invalid { reason: String },
}

fn err(field: &'static str, problem: Problem) -> InputError {
    InputError { field, problem }
}

/// Rejects control characters anywhere (they would break a pasted line).
fn no_control(field: &'static str, text: &str) -> Result<(), InputError> {
    match text.chars().enumerate().find(|(_, c)| c.is_control()) {
        Some((i, c)) => Err(err(
            field,
            Problem::Control {
                position: i + 1,
                code: c as u32,
            },
        )),
        None => Ok(()),
    }
}

/// What was taken from a pasted value, to tell the administrator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed<T> {
    pub value: T,
    /// e.g. "took the host atl-cs-001.litwareinc.com from the URL".
    pub note: Option<String>,
}

/// A host name (RFC 1123), or a single-label server name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Fqdn(String);

impl Fqdn {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Accepts `host`, `host.` and a URL (`https://host/path`), taking the host.
    pub fn parse(field: &'static str, text: &str) -> Result<Parsed<Fqdn>, InputError> {
        let t = text.trim();
        no_control(field, t)?;
        if t.is_empty() {
            return Err(err(field, Problem::Empty));
        }
        // Only a real scheme makes it a URL: `x' -Evil 'https://h` is not one.
        let url = t.split_once("://").filter(|(scheme, _)| {
            scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        });
        let (host, note) = match url {
            Some((_, rest)) => {
                let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
                if authority.contains('@') {
                    return Err(err(field, Problem::UserInfo));
                }
                let host = authority
                    .rsplit_once(':')
                    .map(|(h, _)| h)
                    .unwrap_or(authority);
                (host, Some(format!("took the host {host} from the URL")))
            }
            None => (t, None),
        };
        let host = host.strip_suffix('.').unwrap_or(host);
        if host.is_empty() {
            return Err(err(field, Problem::Empty));
        }
        if host.len() > 253 {
            return Err(err(
                field,
                Problem::TooLong {
                    len: host.len(),
                    max: 253,
                },
            ));
        }
        let offset = t.find(host).unwrap_or(0);
        if let Some((i, ch)) = host
            .chars()
            .enumerate()
            .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '.'))
        {
            return Err(err(
                field,
                Problem::Character {
                    position: offset + i + 1,
                    ch,
                    rule: "a host name has only letters, digits, hyphens and dots",
                },
            ));
        }
        if let Some(label) = host
            .split('.')
            .find(|l| l.is_empty() || l.len() > 63 || l.starts_with('-') || l.ends_with('-'))
        {
            return Err(err(
                field,
                Problem::Label {
                    label: label.to_string(),
                },
            ));
        }
        Ok(Parsed {
            value: Fqdn(host.to_string()),
            note,
        })
    }
}

/// An https URL with a valid host and no user information.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpsUrl(String);

impl HttpsUrl {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn parse(field: &'static str, text: &str) -> Result<HttpsUrl, InputError> {
        let t = text.trim();
        no_control(field, t)?;
        if t.is_empty() {
            return Err(err(field, Problem::Empty));
        }
        let Some(rest) = t
            .get(..8)
            .filter(|p| p.eq_ignore_ascii_case("https://"))
            .map(|_| &t[8..])
        else {
            let found = t.split("://").next().unwrap_or(t);
            return Err(err(
                field,
                Problem::NotHttps {
                    found: found.chars().take(40).collect(),
                },
            ));
        };
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        if authority.contains('@') {
            return Err(err(field, Problem::UserInfo));
        }
        if let Some((i, ch)) = t.chars().enumerate().find(|(_, c)| {
            c.is_whitespace() || matches!(c, '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}')
        }) {
            return Err(err(
                field,
                Problem::Character {
                    position: i + 1,
                    ch,
                    rule: "a URL has no spaces, quotes, backslashes or backticks",
                },
            ));
        }
        Fqdn::parse(field, t)?;
        Ok(HttpsUrl(t.to_string()))
    }
}

/// `sip:user@domain`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SipUri(String);

impl SipUri {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Accepts `sip:user@domain`, and `user@domain` (adding `sip:`).
    pub fn parse(field: &'static str, text: &str) -> Result<Parsed<SipUri>, InputError> {
        let t = text.trim();
        no_control(field, t)?;
        if t.is_empty() {
            return Err(err(field, Problem::Empty));
        }
        let (address, note) = match t.get(..4) {
            Some(p) if p.eq_ignore_ascii_case("sip:") => (&t[4..], None),
            _ => (t, Some(format!("added sip: to make sip:{t}"))),
        };
        let Some((user, domain)) = address.rsplit_once('@') else {
            return Err(err(field, Problem::SipForm));
        };
        if user.is_empty() {
            return Err(err(field, Problem::SipForm));
        }
        let prefix = t.len() - address.len();
        if let Some((i, ch)) = user.chars().enumerate().find(|(_, c)| {
            !(c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '+' | '\'' | '%'))
        }) {
            return Err(err(
                field,
                Problem::Character {
                    position: prefix + i + 1,
                    ch,
                    rule: "the user part has letters, digits and . - _ + ' %",
                },
            ));
        }
        let domain = Fqdn::parse(field, domain)?.value;
        Ok(Parsed {
            value: SipUri(format!("sip:{user}@{}", domain.as_str())),
            note,
        })
    }
}

/// An absolute Windows directory path (drive or UNC).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WindowsPath(String);

impl WindowsPath {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn parse(field: &'static str, text: &str) -> Result<WindowsPath, InputError> {
        let t = text.trim().trim_end_matches('\\');
        no_control(field, t)?;
        if t.is_empty() {
            return Err(err(field, Problem::Empty));
        }
        let b = t.as_bytes();
        let drive = b.len() >= 3 && b[0].is_ascii_alphabetic() && b[1] == b':' && b[2] == b'\\';
        let unc = t.starts_with("\\\\") && t.len() > 2;
        if !(drive || unc) {
            return Err(err(field, Problem::NotAbsolute));
        }
        let skip = if drive { 2 } else { 0 };
        if let Some((i, ch)) = t
            .chars()
            .enumerate()
            .skip(skip)
            .find(|(_, c)| matches!(c, '<' | '>' | '"' | '|' | '?' | '*' | ':' | '/'))
        {
            return Err(err(
                field,
                Problem::Character {
                    position: i + 1,
                    ch,
                    rule: "Windows paths cannot contain < > \" | ? * or a colon after the drive",
                },
            ));
        }
        if t.len() > 240 {
            return Err(err(
                field,
                Problem::TooLong {
                    len: t.len(),
                    max: 240,
                },
            ));
        }
        Ok(WindowsPath(t.to_string()))
    }
}

/// A partner application identity (`Exchange`, `microsoft.exchange`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity(String);

impl Identity {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn parse(field: &'static str, text: &str) -> Result<Identity, InputError> {
        let t = text.trim();
        no_control(field, t)?;
        if t.is_empty() {
            return Err(err(field, Problem::Empty));
        }
        if t.chars().count() > 128 {
            return Err(err(
                field,
                Problem::TooLong {
                    len: t.chars().count(),
                    max: 128,
                },
            ));
        }
        if let Some((i, ch)) = t
            .chars()
            .enumerate()
            .find(|(_, c)| !(c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | ' ')))
        {
            return Err(err(
                field,
                Problem::Character {
                    position: i + 1,
                    ch,
                    rule: "an identity has letters, digits, spaces and . - _",
                },
            ));
        }
        Ok(Identity(t.to_string()))
    }
}

/// A local date and optional time for `-EffectiveDate`: `YYYY-MM-DD` or
/// `YYYY-MM-DD HH:MM` (as the server's clock reads it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalDateTime(String);

impl LocalDateTime {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Seconds from 1970 as if the local time were UTC: for comparing two
    /// times of the same clock (a date alone is its midnight).
    pub fn seconds(&self) -> i64 {
        let (date, time) = self.0.split_once(' ').unwrap_or((&self.0, "00:00"));
        crate::time::UnixTime::parse_rfc3339(&format!("{date}T{time}:00Z"))
            .map(|t| t.0)
            .unwrap_or_default()
    }

    pub fn parse(field: &'static str, text: &str) -> Result<LocalDateTime, InputError> {
        let t = text.trim();
        no_control(field, t)?;
        let bad = || {
            err(
                field,
                Problem::NotOneOf {
                    found: t.chars().take(40).collect(),
                    allowed: "a date as YYYY-MM-DD or YYYY-MM-DD HH:MM",
                },
            )
        };
        let (date, time) = match t.split_once([' ', 'T']) {
            Some((d, tm)) => (d, Some(tm)),
            None => (t, None),
        };
        let d: Vec<&str> = date.split('-').collect();
        let [y, m, day] = d.as_slice() else {
            return Err(bad());
        };
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if !(digits(y, 4) && digits(m, 2) && digits(day, 2)) {
            return Err(bad());
        }
        let probe = format!("{date}T00:00:00Z");
        crate::time::UnixTime::parse_rfc3339(&probe).map_err(|_| bad())?;
        if let Some(tm) = time {
            let parts: Vec<&str> = tm.split(':').collect();
            let [h, mi] = parts.as_slice() else {
                return Err(bad());
            };
            if !(digits(h, 2) && digits(mi, 2)) || h > &"23" || mi > &"59" {
                return Err(bad());
            }
            return Ok(LocalDateTime(format!("{date} {tm}")));
        }
        Ok(LocalDateTime(date.to_string()))
    }
}

/// `-ApplicationTrustLevel`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TrustLevel {
    /// Exchange may act as itself and as any user of the realm (what Exchange needs).
    #[default]
    Full,
    Application,
    User,
}

impl TrustLevel {
    pub fn keyword(self) -> &'static str {
        match self {
            TrustLevel::Full => "Full",
            TrustLevel::Application => "Application",
            TrustLevel::User => "User",
        }
    }

    pub fn parse(field: &'static str, text: &str) -> Result<TrustLevel, InputError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "" | "full" => Ok(TrustLevel::Full),
            "application" => Ok(TrustLevel::Application),
            "user" => Ok(TrustLevel::User),
            _ => Err(err(
                field,
                Problem::NotOneOf {
                    found: text.trim().chars().take(40).collect(),
                    allowed: "Full, Application, User",
                },
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_from_hosts_and_urls() {
        let p = Fqdn::parse("pool", " atl-cs-001.litwareinc.com. ").expect("valid");
        assert_eq!(p.value.as_str(), "atl-cs-001.litwareinc.com");
        assert_eq!(p.note, None);
        let p = Fqdn::parse("pool", "https://atl-cs-001.litwareinc.com/metadata/json/1")
            .expect("valid");
        assert_eq!(p.value.as_str(), "atl-cs-001.litwareinc.com");
        assert!(p.note.as_deref().unwrap_or("").contains("from the URL"));
        assert_eq!(
            Fqdn::parse("server", "ATL-EXCHANGE-001").map(|p| p.value),
            Ok(Fqdn("ATL-EXCHANGE-001".into()))
        );
    }

    #[test]
    fn bad_hosts_name_field_position_and_rule() {
        let e = Fqdn::parse("Exchange server", "atl exchange")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.starts_with("Exchange server: character 4 ' '"), "{e}");
        assert!(e.contains("letters, digits, hyphens and dots"), "{e}");
        let e = Fqdn::parse("pool", "atl'; Remove-Item C:\\")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("character 4 '''"), "{e}");
        assert!(matches!(
            Fqdn::parse("pool", "-bad.com"),
            Err(InputError {
                problem: Problem::Label { .. },
                ..
            })
        ));
        assert!(matches!(
            Fqdn::parse("pool", "a\nb"),
            Err(InputError {
                problem: Problem::Control {
                    position: 2,
                    code: 10
                },
                ..
            })
        ));
        assert!(matches!(
            Fqdn::parse("pool", "https://user@host/"),
            Err(InputError {
                problem: Problem::UserInfo,
                ..
            })
        ));
        // Text before :// that is not a scheme is not a URL to take a host from.
        assert!(matches!(
            Fqdn::parse("pool", "x' -A 'https://evil"),
            Err(InputError {
                problem: Problem::Character {
                    ch: '\'',
                    position: 2,
                    ..
                },
                ..
            })
        ));
        assert_eq!(Fqdn::parse("pool", "  "), Err(err("pool", Problem::Empty)));
    }

    #[test]
    fn urls_must_be_https() {
        assert!(
            HttpsUrl::parse(
                "url",
                "https://autodiscover.litwareinc.com/autodiscover/metadata/json/1"
            )
            .is_ok()
        );
        assert!(matches!(
            HttpsUrl::parse("url", "http://x.com/"),
            Err(InputError {
                problem: Problem::NotHttps { .. },
                ..
            })
        ));
        assert!(matches!(
            HttpsUrl::parse("url", "https://x.com/a b"),
            Err(InputError {
                problem: Problem::Character { ch: ' ', .. },
                ..
            })
        ));
        assert!(matches!(
            HttpsUrl::parse("url", "https://x.com/$(iex)`"),
            Err(InputError {
                problem: Problem::Character { ch: '`', .. },
                ..
            })
        ));
    }

    #[test]
    fn sip_uris() {
        let p = SipUri::parse("test user", "sip:kenmyer@litwareinc.com").expect("valid");
        assert_eq!(p.value.as_str(), "sip:kenmyer@litwareinc.com");
        let p = SipUri::parse("test user", "kenmyer@litwareinc.com").expect("valid");
        assert_eq!(p.value.as_str(), "sip:kenmyer@litwareinc.com");
        assert!(p.note.is_some());
        assert!(SipUri::parse("test user", "sip:o'brien@litwareinc.com").is_ok());
        assert!(matches!(
            SipUri::parse("test user", "kenmyer"),
            Err(InputError {
                problem: Problem::SipForm,
                ..
            })
        ));
        assert!(matches!(
            SipUri::parse("test user", "sip:ken myer@x.com"),
            Err(InputError {
                problem: Problem::Character { position: 8, .. },
                ..
            })
        ));
    }

    #[test]
    fn local_dates() {
        assert_eq!(
            LocalDateTime::parse("date", " 2026-12-01 ").map(|d| d.0),
            Ok("2026-12-01".into())
        );
        assert_eq!(
            LocalDateTime::parse("date", "2026-12-01 06:30").map(|d| d.0),
            Ok("2026-12-01 06:30".into())
        );
        for bad in [
            "2026-13-01",
            "2026-02-30",
            "01.12.2026",
            "2026-12-01 25:00",
            "2026-12-01'; x",
        ] {
            assert!(LocalDateTime::parse("date", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn paths_identities_and_trust_levels() {
        assert!(
            WindowsPath::parse(
                "path",
                "C:\\Program Files\\Microsoft\\Exchange Server\\V15\\"
            )
            .is_ok()
        );
        assert!(WindowsPath::parse("path", "\\\\fs01\\exchange\\V15").is_ok());
        assert!(matches!(
            WindowsPath::parse("path", "Program Files"),
            Err(InputError {
                problem: Problem::NotAbsolute,
                ..
            })
        ));
        assert!(matches!(
            WindowsPath::parse("path", "C:\\a|b"),
            Err(InputError {
                problem: Problem::Character { ch: '|', .. },
                ..
            })
        ));
        assert!(Identity::parse("identity", "microsoft.exchange").is_ok());
        assert!(matches!(
            Identity::parse("identity", "Exchange'"),
            Err(InputError {
                problem: Problem::Character { ch: '\'', .. },
                ..
            })
        ));
        assert_eq!(TrustLevel::parse("trust", "full"), Ok(TrustLevel::Full));
        assert!(TrustLevel::parse("trust", "Admin").is_err());
    }
}
