//! Test output and command output pasted by the administrator, read into
//! which command it was, the steps it shows, the facts, and findings that
//! combine those facts with the fetched documents (DOMAIN.md §6–7).
//!
//! Reading is forgiving: line endings, prompts, header lines run together,
//! localised prose and a paste cut in the middle still give what can be
//! recognised; text with nothing recognisable is said to be so.

mod challenge;
pub(crate) mod facts;
pub(crate) mod findings;
mod normalize;
mod tokens;

use serde::Serialize;

pub use challenge::{Challenge, parse as parse_challenges};
pub use facts::{
    Diagnostic, Facts, LabelledThumbprint, Outcome, PartnerApplication, TrustedIssuer,
};
pub use findings::{Context, diagnose, realm_accepted};
pub use tokens::{LineTokens, scan as scan_tokens};

/// Pastes over this size are cut: no command prints more, and the page stays
/// responsive.
pub const MAX_PASTE_BYTES: usize = 2 * 1024 * 1024;

/// The commands whose output the console reads (serialised by their name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    TestCsExStorageConnectivity,
    TestOAuthConnectivity,
    ConfigureEnterprisePartnerApplication,
    /// Skype's event log (LS Storage Service), text or XML view.
    EventLog,
    GetAuthConfig,
    GetCsCertificate,
    GetPartnerApplication,
    GetCsPartnerApplication,
    GetAcceptedDomain,
}

impl Serialize for Command {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.label())
    }
}

impl Command {
    pub fn label(self) -> &'static str {
        match self {
            Command::TestCsExStorageConnectivity => "Test-CsExStorageConnectivity",
            Command::TestOAuthConnectivity => "Test-OAuthConnectivity",
            Command::ConfigureEnterprisePartnerApplication => {
                "Configure-EnterprisePartnerApplication.ps1"
            }
            Command::EventLog => "Skype event log (LS Storage Service)",
            Command::GetAuthConfig => "Get-AuthConfig",
            Command::GetCsCertificate => "Get-CsCertificate",
            Command::GetPartnerApplication => "Get-PartnerApplication",
            Command::GetCsPartnerApplication => "Get-CsPartnerApplication",
            Command::GetAcceptedDomain => "Get-AcceptedDomain",
        }
    }

    /// Every command the reader knows.
    pub const ALL: [Command; 9] = [
        Command::TestCsExStorageConnectivity,
        Command::TestOAuthConnectivity,
        Command::ConfigureEnterprisePartnerApplication,
        Command::EventLog,
        Command::GetAuthConfig,
        Command::GetCsCertificate,
        Command::GetPartnerApplication,
        Command::GetCsPartnerApplication,
        Command::GetAcceptedDomain,
    ];

    /// Tokens its output (or its echoed command line) always carries.
    fn markers(self) -> &'static [&'static str] {
        match self {
            Command::TestCsExStorageConnectivity => &[
                "test-csexstorageconnectivity",
                "exchange storage command",
                "excreateitem",
                "storage service at",
            ],
            Command::TestOAuthConnectivity => &[
                "test-oauthconnectivity",
                "exchange outbound oauth log",
                "testoauthconnectivityhelper",
                "oauth.validationresultnodeid",
            ],
            Command::ConfigureEnterprisePartnerApplication => &[
                "configure-enterprisepartnerapplication",
                "the configuration has succeeded",
                "lyncenterprise-applicationaccount",
            ],
            Command::EventLog => &["ls storage service", "exchangeautodiscoverexception"],
            Command::GetAuthConfig => &["get-authconfig", "currentcertificatethumbprint"],
            Command::GetCsCertificate => &["get-cscertificate", "oauthtokenissuer"],
            Command::GetPartnerApplication => {
                &["get-partnerapplication", "authmetadataurl", "linkedaccount"]
            }
            Command::GetCsPartnerApplication => {
                &["get-cspartnerapplication", "applicationtrustlevel"]
            }
            Command::GetAcceptedDomain => &["get-accepteddomain", "domaintype"],
        }
    }
}

/// What one paste (or several combined) shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Reading {
    /// Every command recognised, in the order of the commands list.
    pub commands: Vec<Command>,
    /// The steps the output reports (`VERBOSE:` lines, `Task` lines).
    pub steps: Vec<String>,
    pub facts: Facts,
    /// Nothing in the text was recognised.
    pub unrecognised: bool,
    /// The paste was longer than [`MAX_PASTE_BYTES`] and was cut.
    pub truncated: bool,
}

/// Text of a saved file: UTF-16 with a byte-order mark (what Windows
/// PowerShell's `>` writes), else UTF-8 (invalid bytes replaced).
pub fn decode_text(bytes: &[u8]) -> String {
    let utf16 = |le: bool, body: &[u8]| {
        let units: Vec<u16> = body
            .chunks_exact(2)
            .map(|p| {
                if le {
                    u16::from_le_bytes([p[0], p[1]])
                } else {
                    u16::from_be_bytes([p[0], p[1]])
                }
            })
            .collect();
        String::from_utf16_lossy(&units)
    };
    match bytes {
        [0xFF, 0xFE, rest @ ..] => utf16(true, rest),
        [0xFE, 0xFF, rest @ ..] => utf16(false, rest),
        [0xEF, 0xBB, 0xBF, rest @ ..] => String::from_utf8_lossy(rest).into_owned(),
        _ => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// Whether `lower` mentions `marker` as output does: the script's account
/// name inside a path (`…/Users/LyncEnterprise-ApplicationAccount`, the
/// `LinkedAccount` Get-PartnerApplication lists) is not the script's output.
fn mentions(lower: &str, marker: &str) -> bool {
    lower
        .match_indices(marker)
        .any(|(at, _)| !lower[..at].ends_with('/'))
}

/// Reads one paste.
pub fn read(text: &str) -> Reading {
    let (text, truncated) = if text.len() > MAX_PASTE_BYTES {
        let mut end = MAX_PASTE_BYTES;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        (&text[..end], true)
    } else {
        (text, false)
    };
    let lines = normalize::lines(text);
    let lower = text.to_ascii_lowercase();
    let commands: Vec<Command> = Command::ALL
        .into_iter()
        .filter(|c| c.markers().iter().any(|m| mentions(&lower, m)))
        .collect();
    let steps = lines
        .iter()
        .filter(|l| !l.command)
        .filter_map(|l| {
            let t = l.text.trim();
            t.strip_prefix("VERBOSE:")
                .or_else(|| t.strip_prefix("DETALLADO:"))
                .or_else(|| {
                    facts::property(t)
                        .filter(|(n, _)| *n == "Task")
                        .map(|(_, v)| v)
                })
                .map(|s| s.trim().to_string())
        })
        .filter(|s| !s.is_empty())
        .collect();
    let facts = facts::read(&lines, &lower);
    let unrecognised = commands.is_empty() && facts == Facts::default();
    Reading {
        commands,
        steps,
        facts,
        unrecognised,
        truncated,
    }
}

/// Several pastes read as one (the test output plus `Get-PartnerApplication`,
/// say): each is read on its own, so one paste's lines never merge with
/// another's records, and the facts are joined.
pub fn read_all(pastes: &[&str]) -> Reading {
    let mut all = Reading {
        unrecognised: true,
        ..Reading::default()
    };
    for paste in pastes {
        let r = read(paste);
        for c in r.commands {
            if !all.commands.contains(&c) {
                all.commands.push(c);
            }
        }
        all.steps.extend(r.steps);
        all.unrecognised &= r.unrecognised;
        all.truncated |= r.truncated;
        merge(&mut all.facts, r.facts);
    }
    all
}

fn extend_unique<T: PartialEq>(into: &mut Vec<T>, from: Vec<T>) {
    for x in from {
        if !into.contains(&x) {
            into.push(x);
        }
    }
}

fn merge(into: &mut Facts, f: Facts) {
    into.outcome = match (into.outcome, f.outcome) {
        (Some(Outcome::Failed), _) | (_, Some(Outcome::Failed)) => Some(Outcome::Failed),
        (a, b) => a.or(b),
    };
    extend_unique(&mut into.http_statuses, f.http_statuses);
    extend_unique(&mut into.diagnostics, f.diagnostics);
    into.challenges.extend(f.challenges);
    into.bearer_offered |= f.bearer_offered;
    into.client_id = into.client_id.take().or(f.client_id);
    extend_unique(&mut into.trusted_issuers, f.trusted_issuers);
    extend_unique(&mut into.token_types, f.token_types);
    into.autodiscover_uri = into.autodiscover_uri.take().or(f.autodiscover_uri);
    into.proxy = into.proxy.take().or(f.proxy);
    into.access_denied |= f.access_denied;
    into.empty_content_type |= f.empty_content_type;
    extend_unique(&mut into.partner_applications, f.partner_applications);
    extend_unique(&mut into.thumbprints, f.thumbprints);
    extend_unique(&mut into.accepted_domains, f.accepted_domains);
    extend_unique(&mut into.event_ids, f.event_ids);
    into.configuration_succeeded |= f.configuration_succeeded;
}
