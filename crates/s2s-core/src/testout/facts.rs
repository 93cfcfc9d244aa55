//! The facts a paste shows, read from the invariant tokens (property names,
//! header names, codes, GUIDs) rather than the prose, which Exchange and
//! Skype localise to the server's language.

use serde::Serialize;

use super::challenge::{self, Challenge};
use super::normalize::Line;
use super::tokens;
use crate::principal;
use crate::thumbprint::find_in_text;
use crate::topology_form::{AcceptedDomain, accepted_domains};

/// `x-ms-diagnostics: 2000004;reason="…";error_category="invalid_tenant"`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub code: u32,
    pub reason: Option<String>,
    pub category: Option<String>,
}

/// One entry of `trusted_issuers`: `<principal id>@<realm>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrustedIssuer {
    pub principal: String,
    /// Empty when the entry ends in `@`; `*` for any realm.
    pub realm: String,
    pub product: Option<&'static str>,
}

/// A partner application as `Get-PartnerApplication` or
/// `Get-CsPartnerApplication` lists it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PartnerApplication {
    pub name: String,
    pub enabled: Option<bool>,
    pub application_identifier: Option<String>,
    pub auth_metadata_url: Option<String>,
    pub realm: Option<String>,
    /// `ApplicationTrustLevel` (Skype's partner applications).
    pub trust_level: Option<String>,
    /// `AuthToken` (Skype's partner applications): `UseOAuthServer` for one
    /// that trusts Exchange Online through Microsoft 365's OAuth server.
    pub auth_token: Option<String>,
    /// `UseAuthServer` (Exchange's partner applications; true for Skype
    /// Online's `SfBOnline`).
    pub use_auth_server: Option<bool>,
    /// Thumbprints of the certificates the application holds, from
    /// `CertificateStrings` (`Get-PartnerApplication | Format-List *`) where
    /// they are shown whole.
    pub certificate_thumbprints: Vec<String>,
}

impl PartnerApplication {
    /// Skype Online's application on Exchange (DOMAIN.md §9): it carries the
    /// on-premises Skype identifier but is not this pool's.
    pub fn is_skype_online(&self) -> bool {
        self.name.eq_ignore_ascii_case("SfBOnline")
    }

    /// One that Exchange's script made for an on-premises Skype pool.
    pub fn is_on_premises_skype(&self) -> bool {
        self.name
            .get(..15)
            .is_some_and(|p| p.eq_ignore_ascii_case("LyncEnterprise-"))
    }

    /// Exchange's built-in application for Exchange Online: Exchange's
    /// identifier with an empty realm, listed by `Get-PartnerApplication`
    /// (no trust level, which Skype's listing has).
    pub fn is_exchange_online(&self) -> bool {
        let exchange_id = self
            .application_identifier
            .as_deref()
            .is_some_and(|i| i.eq_ignore_ascii_case(principal::EXCHANGE.id));
        self.name.eq_ignore_ascii_case("Exchange Online")
            || (exchange_id
                && self.realm.is_none()
                && self.trust_level.is_none()
                && self.auth_token.is_none()
                && !["exchange", "microsoft.exchange"]
                    .iter()
                    .any(|n| self.name.eq_ignore_ascii_case(n)))
    }

    /// Skype trusts Exchange Online through Microsoft 365's OAuth server
    /// (`New-CsPartnerApplication … -UseOAuthServer`, a Skype hybrid).
    pub fn uses_oauth_server(&self) -> bool {
        self.auth_token
            .as_deref()
            .is_some_and(|t| t.eq_ignore_ascii_case("UseOAuthServer"))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Passed,
    Failed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LabelledThumbprint {
    pub label: Option<String>,
    pub thumbprint: String,
    /// It names the certificate signing now (see
    /// [`crate::thumbprint::names_certificate_in_use`]).
    pub in_use: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Facts {
    pub outcome: Option<Outcome>,
    pub http_statuses: Vec<u16>,
    pub diagnostics: Vec<Diagnostic>,
    #[serde(skip)]
    pub challenges: Vec<Challenge>,
    pub bearer_offered: bool,
    pub client_id: Option<String>,
    pub trusted_issuers: Vec<TrustedIssuer>,
    pub token_types: Vec<String>,
    pub autodiscover_uri: Option<String>,
    /// The outbound web proxy Exchange used (`Using custom InternetWebProxy`).
    pub proxy: Option<String>,
    pub access_denied: bool,
    /// `Client found response content type of '', but expected 'text/xml'`.
    pub empty_content_type: bool,
    pub partner_applications: Vec<PartnerApplication>,
    pub thumbprints: Vec<LabelledThumbprint>,
    #[serde(serialize_with = "domains")]
    pub accepted_domains: Vec<AcceptedDomain>,
    pub event_ids: Vec<u32>,
    /// `THE CONFIGURATION HAS SUCCEEDED.` from the Exchange script.
    pub configuration_succeeded: bool,
}

fn domains<S: serde::Serializer>(d: &[AcceptedDomain], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(d.iter().map(|d| &d.name))
}

fn contains_ci(haystack: &str, needle: &str) -> bool {
    haystack
        .to_ascii_lowercase()
        .contains(&needle.to_ascii_lowercase())
}

/// `name : value` of a Format-List line.
pub fn property(line: &str) -> Option<(&str, &str)> {
    property_split_by(line, ':')
}

/// `name SEP value`, the name a single word.
fn property_split_by(line: &str, separator: char) -> Option<(&str, &str)> {
    let (name, value) = line.split_once(separator)?;
    let name = name.trim();
    (!name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric()))
        .then(|| (name, value.trim()))
}

/// `Name = value`: a Format-List line whose every `:` was turned into `=`
/// (as in a capture pasted into a script's comment block). Read only inside
/// a block made wholly of such lines (see [`equals_blocks`]): elsewhere
/// `name=value` is prose, a query string or a header list.
fn equals_property(line: &str) -> Option<(&str, &str)> {
    if property(line).is_some() {
        return None;
    }
    property_split_by(line, '=')
}

/// For each line, whether it belongs to a Format-List block written with
/// `=`: a run of non-blank output lines, every one a `Name = value` line,
/// at least two of them, so a lone `Date=…` header or a line of prose is
/// never read as one.
fn equals_blocks(lines: &[&Line]) -> Vec<bool> {
    let blank = |l: &Line| l.text.trim().is_empty();
    let mut out = vec![false; lines.len()];
    let mut start = 0;
    while start < lines.len() {
        if blank(lines[start]) {
            start += 1;
            continue;
        }
        let end = lines[start..]
            .iter()
            .position(|l| blank(l))
            .map_or(lines.len(), |k| start + k);
        let block = &lines[start..end];
        if block.len() >= 2 && block.iter().all(|l| equals_property(&l.text).is_some()) {
            out[start..end].iter_mut().for_each(|b| *b = true);
        }
        start = end;
    }
    out
}

/// The quoted value of `key="…"` in `text` (spaces allowed around `=`, as
/// an exception message may print `reason= "…"`).
pub(crate) fn quoted_after<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    let lower = text.to_ascii_lowercase();
    lower.match_indices(key).find_map(|(i, _)| {
        let rest = text[i + key.len()..].trim_start_matches(' ');
        let rest = rest.strip_prefix('=')?.trim_start_matches(' ');
        let rest = rest.strip_prefix('"')?;
        Some(&rest[..rest.find('"').unwrap_or(rest.len())])
    })
}

pub(crate) fn diagnostic(value: &str) -> Option<Diagnostic> {
    let code: String = value
        .trim()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    Some(Diagnostic {
        code: code.parse().ok()?,
        // An IIS log writes every space of the reason as `+`.
        reason: quoted_after(value, "reason").map(|r| {
            if r.contains(' ') {
                r.to_string()
            } else {
                r.replace('+', " ")
            }
        }),
        category: quoted_after(value, "error_category").map(str::to_string),
    })
}

pub(crate) fn issuers(list: &str, out: &mut Vec<TrustedIssuer>) {
    for entry in list
        .split([',', ' '])
        .map(str::trim)
        .filter(|e| !e.is_empty())
    {
        let Some((id, realm)) = entry.split_once('@') else {
            continue;
        };
        let issuer = TrustedIssuer {
            principal: id.to_ascii_lowercase(),
            realm: realm.to_string(),
            product: principal::lookup(id).map(|p| p.product),
        };
        if !out.contains(&issuer) {
            out.push(issuer);
        }
    }
}

/// The first https URL in `line` that mentions autodiscover.
fn autodiscover(line: &str) -> Option<String> {
    let lower = line.to_ascii_lowercase();
    let start = lower.find("https://")?;
    let url: String = line[start..]
        .chars()
        .take_while(|c| !c.is_whitespace() && !matches!(c, ']' | '"' | '\'' | ',' | '<' | ')'))
        .collect();
    let url = run_together_sentence(&url)
        .trim_end_matches('.')
        .to_string();
    contains_ci(&url, "autodiscover").then_some(url)
}

/// `…&RedirectCount=3.The on-premises…`: a URL a sentence runs into (a
/// full stop, then a capitalised word with nothing of a URL after it) ends
/// before the full stop.
fn run_together_sentence(url: &str) -> &str {
    url.match_indices('.')
        .find(|(i, _)| {
            let rest = &url[i + 1..];
            rest.starts_with(|c: char| c.is_ascii_uppercase())
                && !rest.contains(['/', '=', '&', '?', '.'])
        })
        .map_or(url, |(i, _)| &url[..i])
}

/// The id of an event's XML view (`<EventID Qualifiers="…">32054</EventID>`);
/// the text view's `Event ID:` is read by [`tokens::event_ids`].
fn event_id(line: &str) -> Option<u32> {
    let lower = line.to_ascii_lowercase();
    let after = &line[lower.find("<eventid")?..];
    let rest = &after[after.find('>')? + 1..];
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok().filter(|id| *id <= u32::from(u16::MAX))
}

/// Format-List records: runs of `Name : value` lines; a repeated name or a
/// blank line starts the next record. An indented line that is no property
/// continues the value before it (Format-List wraps long values, such as a
/// certificate's base64, at the console's width), joined without a space.
fn records(lines: &[Line]) -> Vec<Vec<(String, String)>> {
    let mut out: Vec<Vec<(String, String)>> = Vec::new();
    let mut current: Vec<(String, String)> = Vec::new();
    for line in lines {
        if line.command || line.text.trim().is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            continue;
        }
        if let Some((name, value)) = property(&line.text) {
            if current.iter().any(|(n, _)| n.eq_ignore_ascii_case(name)) {
                out.push(std::mem::take(&mut current));
            }
            current.push((name.to_string(), value.to_string()));
        } else if line.indented
            && let Some((_, value)) = current.last_mut()
        {
            value.push_str(line.text.trim());
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

fn partner_applications(lines: &[Line]) -> Vec<PartnerApplication> {
    records(lines)
        .into_iter()
        .filter(|r| {
            r.iter()
                .any(|(n, _)| n.eq_ignore_ascii_case("ApplicationIdentifier"))
        })
        .filter_map(|r| {
            let get = |name: &str| {
                r.iter()
                    .find(|(n, _)| n.eq_ignore_ascii_case(name))
                    .map(|(_, v)| v.clone())
                    .filter(|v| !v.is_empty())
            };
            Some(PartnerApplication {
                name: get("Name").or_else(|| get("Identity"))?,
                enabled: get("Enabled").map(|v| v.eq_ignore_ascii_case("true")),
                application_identifier: get("ApplicationIdentifier"),
                auth_metadata_url: get("AuthMetadataUrl").or_else(|| get("MetadataUrl")),
                realm: get("Realm"),
                trust_level: get("ApplicationTrustLevel"),
                auth_token: get("AuthToken"),
                use_auth_server: get("UseAuthServer").map(|v| v.eq_ignore_ascii_case("true")),
                certificate_thumbprints: get("CertificateStrings")
                    .map(|v| certificate_thumbprints(&v))
                    .unwrap_or_default(),
            })
        })
        .collect()
}

/// The certificates of a `CertificateStrings` value (`{MIIC…, MIID…}`), by
/// thumbprint; one cut short (`MIIC...`) is left out.
fn certificate_thumbprints(value: &str) -> Vec<String> {
    value
        .trim_start_matches('{')
        .trim_end_matches('}')
        .split([',', ' '])
        .filter(|s| s.len() > 100 && !s.ends_with("..."))
        .filter_map(|s| crate::cert::certificates_der(s.as_bytes()).ok())
        .flatten()
        .filter(|der| crate::cert::decode_der(der).is_ok())
        .map(|der| crate::thumbprint::Sha1Fingerprint::of(&der).thumbprint())
        .collect()
}

/// The phrases looked for in each line. A phrase absent from the whole
/// paste is in none of its lines: looking for each once in the whole text
/// saves looking for it in each of a long verbose log's lines.
struct Phrases {
    trusted: bool,
    proxy: bool,
    denied: bool,
    content_type: bool,
    configured: bool,
    create_item: bool,
    domains: bool,
    https: bool,
    event: bool,
    challenge: bool,
    failed_prose: bool,
}

impl Phrases {
    /// `lower` is the whole paste in lower case: each line's text is part of
    /// it, so a phrase it lacks is in no line.
    fn in_text(lower: &str) -> Phrases {
        let any = |phrases: &[&str]| phrases.iter().any(|p| lower.contains(p));
        Phrases {
            trusted: any(&[TRUSTED_ENTRIES]),
            proxy: any(&[CUSTOM_PROXY]),
            denied: any(&["access denied", "access is denied"]),
            content_type: any(&["but expected 'text/xml'", "error code 574"]),
            configured: any(&["the configuration has succeeded"]),
            create_item: any(&["excreateitem success", "excreateitem failure"]),
            domains: any(&["authoritative", "relay"]),
            https: any(&["https://"]),
            event: any(&["event"]),
            challenge: any(&["www-authenticate", "bearer"]),
            failed_prose: tokens::FAILED_PROSE.iter().any(|p| lower.contains(p)),
        }
    }
}

const TRUSTED_ENTRIES: &str = "trusted issuers contained the following entries '";
const CUSTOM_PROXY: &str = "using custom internetwebproxy";

/// The facts of a paste's `lines`; `lower` is the whole paste in lower case.
pub fn read(lines: &[Line], lower: &str) -> Facts {
    let mut f = Facts::default();
    let mut text_for_domains = String::new();
    let mut logged_issuers = Vec::new();
    let has = Phrases::in_text(lower);
    // Thumbprints from the whole output: a certificate's `Use` comes a few
    // lines after its thumbprint.
    let output: Vec<&str> = lines
        .iter()
        .filter(|l| !l.command)
        .map(|l| l.text.as_str())
        .collect();
    f.thumbprints = find_in_text(&output.join("\n"))
        .into_iter()
        .map(|found| LabelledThumbprint {
            in_use: found.names_certificate_in_use(),
            thumbprint: found.value.thumbprint(),
            label: found.label,
        })
        .collect();
    let output_lines: Vec<&Line> = lines.iter().filter(|l| !l.command).collect();
    let equals_block = equals_blocks(&output_lines);
    for (n, line) in output_lines.iter().enumerate() {
        let t = line.text.as_str();
        let lower = t.to_ascii_lowercase();
        // The lines a wrapped header value goes on to.
        let next = || -> Vec<&str> {
            output_lines[n + 1..]
                .iter()
                .take(8)
                .map(|l| l.text.as_str())
                .collect()
        };
        tokens::statuses(t, &mut f.http_statuses);
        let values = tokens::diagnostic_values(t);
        for (k, &at) in values.iter().enumerate() {
            let value = match values.get(k + 1) {
                Some(&end) => t[at..end].to_string(),
                None => tokens::continued(&t[at..], &next()),
            };
            if let Some(d) = diagnostic(&value).filter(|d| !f.diagnostics.contains(d)) {
                f.diagnostics.push(d);
            }
        }
        if values.is_empty()
            && let Some(v) = lower.strip_prefix("x-ms-diagnostics:")
        {
            let offset = t.len() - v.len();
            if let Some(d) = diagnostic(&t[offset..]).filter(|d| !f.diagnostics.contains(d)) {
                f.diagnostics.push(d);
            }
        }
        // `str::contains` first: it is much faster than the tokenizer's
        // case-blind scan, and most lines of a long log have neither.
        let header = (has.challenge && lower.contains("www-authenticate"))
            .then(|| tokens::header_value(t, "www-authenticate"))
            .flatten();
        let challenge_text = header.or_else(|| {
            let following = output_lines.get(n + 1).map(|l| l.text.as_str());
            (has.challenge && lower.contains("bearer"))
                .then(|| tokens::bearer_at(t, following).map(|at| &t[at..]))
                .flatten()
        });
        if let Some(value) = challenge_text {
            let challenges = challenge::parse(&tokens::unplus(&tokens::continued(value, &next())));
            for c in &challenges {
                if c.scheme.eq_ignore_ascii_case("bearer") {
                    f.bearer_offered = true;
                    if let Some(id) = c.param("client_id") {
                        f.client_id = Some(id.to_string());
                    }
                    if let Some(list) = c.param("trusted_issuers") {
                        issuers(list, &mut f.trusted_issuers);
                    }
                    if let Some(types) = c.param("token_types") {
                        f.token_types = types.split_whitespace().map(str::to_string).collect();
                    }
                }
            }
            f.challenges.extend(challenges);
        }
        // Exchange's own log line, in English even on localised servers.
        if let Some(i) = has.trusted.then(|| lower.find(TRUSTED_ENTRIES)).flatten() {
            let rest = &t[i + TRUSTED_ENTRIES.len()..];
            issuers(
                &rest[..rest.find('\'').unwrap_or(rest.len())],
                &mut logged_issuers,
            );
        }
        if let Some(i) = has.proxy.then(|| lower.find(CUSTOM_PROXY)).flatten() {
            let rest = t[i + CUSTOM_PROXY.len()..].trim();
            let proxy = rest.split_whitespace().next().unwrap_or(rest);
            let proxy = proxy.trim_end_matches('.');
            if !proxy.is_empty() {
                f.proxy = Some(proxy.to_string());
            }
        }
        if has.denied && (lower.contains("access denied") || lower.contains("access is denied")) {
            f.access_denied = true;
        }
        if has.content_type
            && (lower.contains("but expected 'text/xml'") || lower.contains("error code 574"))
        {
            f.empty_content_type = true;
        }
        if has.https && f.autodiscover_uri.is_none() {
            f.autodiscover_uri = autodiscover(t);
        }
        if has.event && lower.contains("event") {
            if let Some(id) = event_id(t).filter(|id| !f.event_ids.contains(id)) {
                f.event_ids.push(id);
            }
            tokens::event_ids(t, &mut f.event_ids);
        }
        if has.configured && lower.contains("the configuration has succeeded") {
            f.configuration_succeeded = true;
            f.outcome = Some(Outcome::Passed);
        }
        let verdict = if lower.starts_with("test passed")
            || (has.create_item && lower.contains("excreateitem success"))
        {
            Some(Outcome::Passed)
        } else if lower.starts_with("test failed")
            || (has.create_item && lower.contains("excreateitem failure"))
        {
            Some(Outcome::Failed)
        } else {
            match property(t) {
                Some((name, value)) if name.eq_ignore_ascii_case("ResultType") => {
                    if value.eq_ignore_ascii_case("success") {
                        Some(Outcome::Passed)
                    } else {
                        Some(Outcome::Failed)
                    }
                }
                _ => tokens::outcome(t, has.failed_prose),
            }
        };
        // A failure anywhere outweighs a pass elsewhere.
        if let Some(v) = verdict
            && f.outcome != Some(Outcome::Failed)
        {
            f.outcome = Some(v);
        }
        // `DomainName : x`, or `DomainName = x` inside a block written with
        // `=` (Get-AcceptedDomain | Format-List pasted so).
        let domain_name = property(t)
            .or_else(|| equals_block[n].then(|| equals_property(t)).flatten())
            .filter(|(name, _)| name.eq_ignore_ascii_case("DomainName"));
        if let Some((_, value)) = domain_name {
            text_for_domains.push_str(value);
            text_for_domains.push('\n');
        } else if has.domains && (lower.contains("authoritative") || lower.contains("relay")) {
            text_for_domains.push_str(t);
            text_for_domains.push('\n');
        }
    }
    // Exchange's log prints a challenge's empty realm as `*` ("realm from
    // challenge was also empty. trust_issuers was …@*"): the same entry.
    for issuer in logged_issuers {
        let same_as_empty = issuer.realm == "*"
            && f.trusted_issuers
                .iter()
                .any(|i| i.realm.is_empty() && i.principal == issuer.principal);
        if !same_as_empty && !f.trusted_issuers.contains(&issuer) {
            f.trusted_issuers.push(issuer);
        }
    }
    f.partner_applications = partner_applications(lines);
    f.accepted_domains = accepted_domains(&text_for_domains);
    f
}

#[cfg(test)]
mod tests {
    use crate::testout::read;

    fn domains(text: &str) -> Vec<String> {
        read(text)
            .facts
            .accepted_domains
            .into_iter()
            .map(|d| d.name)
            .collect()
    }

    #[test]
    fn accepted_domains_from_a_block_written_with_equals() {
        let block = "        DomainName   = Contoso.com\n        DomainType   = Authoritative\n        WhenChanged  = 30.11.2016 00=00=22\n";
        assert_eq!(domains(block), ["contoso.com"]);
    }

    #[test]
    fn equals_outside_a_whole_block_is_no_domain() {
        // A lone line, a block mixing `:` and `=`, a header list: none is a
        // Format-List written with `=`.
        assert!(domains("DomainName = contoso.com\n").is_empty());
        assert!(domains("DomainName = contoso.com\nDomainType : Authoritative\n").is_empty());
        assert!(domains("x-ms-diagnostics=2000004\nDomainName=contoso.com\n").is_empty());
        assert!(
            domains("see ?DomainName=contoso.com&x=1 and DomainName=fabrikam.com\n").is_empty()
        );
    }
}
