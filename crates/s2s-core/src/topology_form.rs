//! The Topology page's form: what the administrator types or pastes about the
//! deployment, checked into a [`Topology`] with a message per field, and
//! handed on to the command plan so nothing is typed twice.

use serde::{Deserialize, Serialize};

use crate::commands::{self, Plan, RawPlanInput};
use crate::inputs::{Fqdn, HttpsUrl, InputError};
use crate::thumbprint::find_in_text;
use crate::topology::{PastedThumbprint, Side, Topology};

pub const SKYPE_METADATA_PATH: &str = "/metadata/json/1";
pub const EXCHANGE_METADATA_PATH: &str = "/autodiscover/metadata/json/1";

/// The fields as typed. Kept in the browser's local storage, so every field
/// has a default and unknown ones are ignored (an older or newer console).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TopologyForm {
    /// Skype for Business pool FQDN (a URL is accepted; its host is taken).
    pub pool: String,
    /// Exchange autodiscover host, or the full metadata URL.
    pub exchange: String,
    pub sip_domain: String,
    /// Exchange server names, separated by commas, spaces or lines.
    pub exchange_servers: String,
    /// Pasted `Get-CsCertificate -Type OAuthTokenIssuer` output.
    pub skype_certificates: String,
    /// Pasted `Get-AuthConfig` output.
    pub exchange_auth_config: String,
    /// Pasted `Get-AcceptedDomain` output.
    pub accepted_domains: String,
}

/// A domain from `Get-AcceptedDomain` output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcceptedDomain {
    pub name: String,
    /// `*.contoso.com`: a wildcard accepted domain, which confuses the realm
    /// check of Exchange's OAuth (DOMAIN.md failure catalogue).
    pub wildcard: bool,
}

/// The form, checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckedTopology {
    pub topology: Topology,
    pub exchange_servers: Vec<String>,
    pub accepted_domains: Vec<AcceptedDomain>,
    /// Every problem, each naming its field.
    pub errors: Vec<InputError>,
    /// What was taken from pasted values (a host from a URL, thumbprints).
    pub notes: Vec<String>,
}

impl CheckedTopology {
    /// Both metadata URLs are known: the documents can be fetched.
    pub fn can_fetch(&self) -> bool {
        self.topology.skype_metadata_url.is_some() && self.topology.exchange_metadata_url.is_some()
    }

    pub fn error_for(&self, field: &str) -> Option<&InputError> {
        self.errors.iter().find(|e| e.field == field)
    }
}

pub const FIELD_POOL: &str = "pool";
pub const FIELD_EXCHANGE: &str = "Exchange autodiscover host";
pub const FIELD_SIP_DOMAIN: &str = "SIP domain";
pub const FIELD_SERVERS: &str = "Exchange server";

/// Names separated by commas, semicolons, spaces or new lines.
pub fn split_names(text: &str) -> Vec<String> {
    text.split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// A name both the topology and the command plan hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanName {
    Pool,
    Exchange,
    Servers,
}

impl TopologyForm {
    /// The deployment of Microsoft's documentation, which the demo plays.
    pub fn litware_example() -> TopologyForm {
        TopologyForm {
            pool: "atl-cs-001.litwareinc.com".into(),
            exchange: "autodiscover.litwareinc.com".into(),
            sip_domain: "litwareinc.com".into(),
            exchange_servers: "atl-exchange-001".into(),
            ..TopologyForm::default()
        }
    }

    /// The example's names in place of these, the pasted outputs kept
    /// (the example button must not throw away what was pasted).
    pub fn take_example_names(&mut self) {
        let example = TopologyForm::litware_example();
        self.pool = example.pool;
        self.exchange = example.exchange;
        self.sip_domain = example.sip_domain;
        self.exchange_servers = example.exchange_servers;
    }

    /// Checks every field; empty optional fields are simply absent.
    pub fn check(&self) -> CheckedTopology {
        let mut out = CheckedTopology::default();
        if !self.pool.trim().is_empty() {
            match Fqdn::parse(FIELD_POOL, &self.pool) {
                Ok(p) => {
                    out.notes.extend(p.note);
                    out.topology.skype_metadata_url =
                        Some(format!("https://{}{SKYPE_METADATA_PATH}", p.value.as_str()));
                }
                Err(e) => out.errors.push(e),
            }
        }
        if !self.exchange.trim().is_empty() {
            match exchange_url(&self.exchange) {
                Ok((url, note)) => {
                    out.notes.extend(note);
                    out.topology.exchange_metadata_url = Some(url);
                }
                Err(e) => out.errors.push(e),
            }
        }
        if !self.sip_domain.trim().is_empty() {
            match Fqdn::parse(FIELD_SIP_DOMAIN, &self.sip_domain) {
                Ok(d) => {
                    out.notes.extend(d.note);
                    out.topology.sip_domain = Some(d.value.as_str().to_ascii_lowercase());
                }
                Err(e) => out.errors.push(e),
            }
        }
        for name in split_names(&self.exchange_servers) {
            match Fqdn::parse(FIELD_SERVERS, &name) {
                Ok(n) => out.exchange_servers.push(n.value.as_str().to_string()),
                Err(e) => out.errors.push(e),
            }
        }
        for (side, text, source) in [
            (
                Side::Skype,
                &self.skype_certificates,
                "Get-CsCertificate -Type OAuthTokenIssuer",
            ),
            (Side::Exchange, &self.exchange_auth_config, "Get-AuthConfig"),
        ] {
            // Only what signs now must be published (not a previous or next
            // certificate, nor Skype's web or SIP certificates).
            let found: Vec<_> = find_in_text(text)
                .into_iter()
                .filter(|f| f.names_certificate_in_use())
                .collect();
            if !found.is_empty() {
                out.notes.push(format!(
                    "found {} thumbprint{} in the {source} output",
                    found.len(),
                    if found.len() == 1 { "" } else { "s" }
                ));
            }
            out.topology
                .pasted_thumbprints
                .extend(found.into_iter().map(|f| PastedThumbprint {
                    side,
                    source: match f.label {
                        Some(label) => format!("{source} {label}"),
                        None => source.to_string(),
                    },
                    value: f.value,
                }));
        }
        out.accepted_domains = accepted_domains(&self.accepted_domains);
        out
    }

    /// The command plan for these names, with the plan's own options from
    /// `raw`; `None` until they make a valid plan (findings then link to the
    /// Commands page without showing the command).
    pub fn plan(&self, mut raw: RawPlanInput) -> Option<Plan> {
        self.fill_plan(&mut raw);
        raw.validate().ok().map(|v| commands::plan(&v.input))
    }

    /// Puts the deployment's names into the command plan's fields (those the
    /// administrator filled in here; the plan's own options stay).
    pub fn fill_plan(&self, raw: &mut RawPlanInput) {
        if !self.pool.trim().is_empty() {
            raw.pool = self.pool.trim().to_string();
        }
        if !self.exchange.trim().is_empty() {
            raw.exchange = self.exchange.trim().to_string();
        }
        let servers = split_names(&self.exchange_servers);
        if !servers.is_empty() {
            raw.exchange_servers = servers;
        }
    }

    /// Takes back a name edited on the Commands page, so the topology,
    /// the Commands page and the fixes on the Findings page name the same
    /// servers (otherwise the topology's name would win there and undo the
    /// edit on the next visit). Whether it changed anything.
    pub fn take_name_from_plan(&mut self, name: PlanName, plan: &RawPlanInput) -> bool {
        let (field, value) = match name {
            PlanName::Pool => (&mut self.pool, plan.pool.trim().to_string()),
            PlanName::Exchange => (&mut self.exchange, plan.exchange.trim().to_string()),
            PlanName::Servers => (&mut self.exchange_servers, plan.exchange_servers.join(", ")),
        };
        let same = match name {
            PlanName::Servers => split_names(field) == plan.exchange_servers,
            _ => field.trim() == value,
        };
        if !same {
            *field = value;
        }
        !same
    }
}

/// A host becomes `https://<host>/autodiscover/metadata/json/1`; a full
/// metadata URL is taken as given; another URL gives its host.
fn exchange_url(text: &str) -> Result<(String, Option<String>), InputError> {
    let t = text.trim();
    if t.to_ascii_lowercase().ends_with("/metadata/json/1") && t.contains("://") {
        let url = HttpsUrl::parse(FIELD_EXCHANGE, t)?;
        return Ok((url.as_str().to_string(), None));
    }
    let host = Fqdn::parse(FIELD_EXCHANGE, t)?;
    Ok((
        format!("https://{}{EXCHANGE_METADATA_PATH}", host.value.as_str()),
        host.note,
    ))
}

/// The domain names in `Get-AcceptedDomain` output (table or list form):
/// each word that is a domain name, `*.` wildcards included, once each.
pub fn accepted_domains(text: &str) -> Vec<AcceptedDomain> {
    let mut found: Vec<AcceptedDomain> = Vec::new();
    for word in text.split(|c: char| c.is_whitespace() || c == ',' || c == ';') {
        let word = word.trim_matches(|c: char| matches!(c, '{' | '}' | '"' | '\''));
        let (wildcard, name) = match word.strip_prefix("*.") {
            Some(rest) => (true, rest),
            None => (false, word),
        };
        let looks_like_domain = name.contains('.')
            && !name.starts_with('.')
            && !name.ends_with('.')
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
            && name.split('.').all(|l| !l.is_empty())
            && name
                .rsplit('.')
                .next()
                .is_some_and(|tld| tld.chars().any(|c| c.is_ascii_alphabetic()));
        if !looks_like_domain {
            continue;
        }
        let name = if wildcard {
            format!("*.{}", name.to_ascii_lowercase())
        } else {
            name.to_ascii_lowercase()
        };
        if !found.iter().any(|d| d.name == name) {
            found.push(AcceptedDomain { name, wildcard });
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode;

    #[test]
    fn derives_both_urls_and_reads_the_pastes() {
        let form = TopologyForm {
            pool: " https://atl-cs-001.litwareinc.com/metadata/json/1 ".into(),
            exchange: "autodiscover.litwareinc.com".into(),
            sip_domain: "LitwareInc.com".into(),
            exchange_servers: "atl-exchange-001, atl-exchange-002\natl-exchange-003".into(),
            skype_certificates: "Issuer      : CN=Litware CA\nThumbprint  : 7A787D049AD53D4E628D5D6A8D98D5F9F2F66DCA\nUse         : OAuthTokenIssuer".into(),
            exchange_auth_config: "CurrentCertificateThumbprint : 27F3E3E1C2A4E8E5D0D5E2A1B8C3D4E5F6A7B8C9\nPreviousCertificateThumbprint :\n".into(),
            accepted_domains: "Name           DomainName      DomainType    Default\n----           ----------      ----------    -------\nlitwareinc.com litwareinc.com  Authoritative True\nWildcard       *.litware.net   InternalRelay False\n".into(),
        };
        let c = form.check();
        assert_eq!(c.errors, vec![]);
        assert!(c.can_fetch());
        assert_eq!(
            c.topology.skype_metadata_url.as_deref(),
            Some("https://atl-cs-001.litwareinc.com/metadata/json/1")
        );
        assert_eq!(
            c.topology.exchange_metadata_url.as_deref(),
            Some("https://autodiscover.litwareinc.com/autodiscover/metadata/json/1")
        );
        assert_eq!(c.topology.sip_domain.as_deref(), Some("litwareinc.com"));
        assert_eq!(c.exchange_servers.len(), 3);
        let sources: Vec<(Side, &str)> = c
            .topology
            .pasted_thumbprints
            .iter()
            .map(|t| (t.side, t.source.as_str()))
            .collect();
        assert_eq!(
            sources,
            vec![
                (
                    Side::Skype,
                    "Get-CsCertificate -Type OAuthTokenIssuer Thumbprint"
                ),
                (
                    Side::Exchange,
                    "Get-AuthConfig CurrentCertificateThumbprint"
                ),
            ]
        );
        assert!(c.notes.iter().any(|n| n.contains("took the host")));
        assert_eq!(
            c.accepted_domains,
            vec![
                AcceptedDomain {
                    name: "litwareinc.com".into(),
                    wildcard: false
                },
                AcceptedDomain {
                    name: "*.litware.net".into(),
                    wildcard: true
                },
            ]
        );
    }

    #[test]
    fn a_full_exchange_url_is_kept_and_bad_fields_are_named() {
        let form = TopologyForm {
            pool: "atl cs".into(),
            exchange: "https://mail.litwareinc.com/autodiscover/metadata/json/1".into(),
            sip_domain: "-bad-.com".into(),
            exchange_servers: "ok-1, b@d".into(),
            ..TopologyForm::default()
        };
        let c = form.check();
        assert_eq!(
            c.topology.exchange_metadata_url.as_deref(),
            Some("https://mail.litwareinc.com/autodiscover/metadata/json/1")
        );
        assert!(!c.can_fetch());
        let fields: Vec<&str> = c.errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, vec![FIELD_POOL, FIELD_SIP_DOMAIN, FIELD_SERVERS]);
        assert!(
            c.error_for(FIELD_POOL)
                .is_some_and(|e| e.to_string().contains("' '"))
        );
        let http = TopologyForm {
            exchange: "http://mail.litwareinc.com/autodiscover/metadata/json/1".into(),
            ..TopologyForm::default()
        }
        .check();
        assert_eq!(http.errors.len(), 1, "{:?}", http.errors);
        assert!(http.errors[0].to_string().contains("https://"));
    }

    #[test]
    fn fills_the_plan_without_erasing_its_options() {
        let mut raw = RawPlanInput {
            realm: "litwareinc.com".into(),
            ..RawPlanInput::default()
        };
        TopologyForm::litware_example().fill_plan(&mut raw);
        assert_eq!(raw.pool, "atl-cs-001.litwareinc.com");
        assert_eq!(raw.exchange, "autodiscover.litwareinc.com");
        assert_eq!(raw.exchange_servers, vec!["atl-exchange-001".to_string()]);
        assert_eq!(raw.realm, "litwareinc.com");
        let plan = TopologyForm::litware_example()
            .plan(RawPlanInput::default())
            .expect("the example makes a plan");
        assert!(
            plan.steps
                .iter()
                .any(|s| s.command.contains("atl-cs-001.litwareinc.com"))
        );
        assert_eq!(TopologyForm::default().plan(RawPlanInput::default()), None);
        let mut untouched = RawPlanInput::litware_example();
        TopologyForm::default().fill_plan(&mut untouched);
        assert_eq!(untouched, RawPlanInput::litware_example());
    }

    #[test]
    fn the_example_replaces_the_names_and_keeps_the_pastes() {
        let mut form = TopologyForm {
            pool: "pool.contoso.com".into(),
            skype_certificates: "Thumbprint : 0123".into(),
            accepted_domains: "contoso.com".into(),
            ..TopologyForm::default()
        };
        form.take_example_names();
        assert_eq!(
            form,
            TopologyForm {
                skype_certificates: "Thumbprint : 0123".into(),
                accepted_domains: "contoso.com".into(),
                ..TopologyForm::litware_example()
            }
        );
    }

    #[test]
    fn names_edited_in_the_plan_come_back_to_the_topology() {
        let mut form = TopologyForm::litware_example();
        let mut plan = RawPlanInput::litware_example();
        form.fill_plan(&mut plan);
        // Nothing edited, nothing changes.
        for name in [PlanName::Pool, PlanName::Exchange, PlanName::Servers] {
            assert!(!form.take_name_from_plan(name, &plan), "{name:?}");
        }
        assert_eq!(form, TopologyForm::litware_example());
        // The name edited is taken; the others stay.
        plan.pool = " pool2.litwareinc.com ".into();
        plan.exchange_servers = vec!["ex1".into(), "ex2".into()];
        assert!(form.take_name_from_plan(PlanName::Pool, &plan));
        assert_eq!(form.pool, "pool2.litwareinc.com");
        assert_eq!(form.exchange_servers, "atl-exchange-001");
        assert!(form.take_name_from_plan(PlanName::Servers, &plan));
        assert_eq!(form.exchange_servers, "ex1, ex2");
        assert_eq!(form.exchange, "autodiscover.litwareinc.com");
        assert_eq!(form.sip_domain, "litwareinc.com");
        // The topology and the plan now agree: filling the plan changes nothing.
        let mut refilled = plan.clone();
        form.fill_plan(&mut refilled);
        assert_eq!(refilled.pool, "pool2.litwareinc.com");
        assert_eq!(refilled.exchange_servers, plan.exchange_servers);
        // A field emptied on the Commands page is emptied here too.
        plan.exchange_servers.clear();
        assert!(form.take_name_from_plan(PlanName::Servers, &plan));
        assert_eq!(form.exchange_servers, "");
    }

    #[test]
    fn stored_forms_tolerate_missing_and_unknown_fields() {
        let form: TopologyForm =
            decode::from_str(r#"{"pool":"a.b.c","future_field":1}"#).expect("reads");
        assert_eq!(form.pool, "a.b.c");
        assert_eq!(form.exchange, "");
        let full = TopologyForm::litware_example();
        let stored = serde_json::to_string(&full).expect("writes");
        assert_eq!(decode::from_str(&stored), Ok(full));
        assert_eq!(
            decode::from_str::<TopologyForm>(r#"{"pool":7}"#).map_err(|e| e.to_string()),
            Err("$.pool at line 1 column 9: invalid type: integer `7`, expected a string".into())
        );
    }
}
