//! The live trust probe (DOMAIN.md §6, realm discovery by empty Bearer): the
//! proxy sends `GET /EWS/Exchange.asmx` with `Authorization: Bearer` and no
//! token; Exchange's OAuth module answers 401 with a Bearer challenge naming
//! the issuers it trusts right now. This module reads that answer into facts
//! and findings, with the same trusted-issuer checks as pasted test output.

mod findings;

use serde::Serialize;

use crate::api::{ApiErrorDetail, FetchReport};
use crate::principal;
use crate::testout::facts::{diagnostic, issuers};
use crate::testout::{Challenge, Diagnostic, TrustedIssuer, parse_challenges};

pub use findings::diagnose;

/// The path the probe asks for; fixed by the proxy, never by a client.
pub const PROBE_PATH: &str = "/EWS/Exchange.asmx";

/// What the probe's answer shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ProbeFacts {
    /// The URL probed.
    pub url: String,
    /// An HTTP answer came back (a 401 is an answer).
    pub answered: bool,
    /// Why no answer came back (the fetch's error).
    pub error: Option<ApiErrorDetail>,
    pub status: Option<u16>,
    /// Every `WWW-Authenticate` value as received (several headers joined
    /// with `, `, which RFC 9110 makes equivalent).
    pub www_authenticate: Option<String>,
    /// The schemes offered, in order (`Bearer`, `Negotiate`, `NTLM`).
    pub schemes: Vec<String>,
    /// A Bearer challenge is present: EWS accepts OAuth.
    pub oauth_offered: bool,
    /// Exchange's own principal id, from the Bearer challenge.
    pub client_id: Option<String>,
    /// The product `client_id` names, when well known.
    pub client_product: Option<&'static str>,
    /// The issuers Exchange trusts right now, each with its product.
    pub trusted_issuers: Vec<TrustedIssuer>,
    pub token_types: Vec<String>,
    pub authorization_uri: Option<String>,
    /// The challenge's `realm` parameter, when sent.
    pub realm: Option<String>,
    /// The challenge's `error` (`invalid_token` for an empty token).
    pub bearer_error: Option<String>,
    /// `x-ms-diagnostics` as received.
    pub x_ms_diagnostics: Option<String>,
    /// `x-ms-diagnostics` read into code, reason and category.
    pub diagnostic: Option<Diagnostic>,
}

impl ProbeFacts {
    /// Issuers that come from Microsoft 365 (the ACS principal, including
    /// the sovereign-cloud ids `00000001-0001-…`) or trust any realm (`*`):
    /// a hybrid configuration, trusted besides Skype (Skype itself under `*`
    /// is Skype trusted for any realm).
    pub fn hybrid_issuers(&self) -> Vec<&TrustedIssuer> {
        self.trusted_issuers
            .iter()
            .filter(|i| i.principal != crate::principal::SKYPE.id)
            .filter(|i| i.realm == "*" || i.principal.starts_with("00000001-"))
            .collect()
    }
}

/// Reads the probe's fetch report (as `/api/v1/probe/exchange-trust` sends
/// it). Never fails: what is missing stays empty.
pub fn read(report: &FetchReport) -> ProbeFacts {
    let header = |name: &str| report.headers.get(name).cloned();
    let mut facts = ProbeFacts {
        url: report.url.clone(),
        answered: report.status.is_some() && report.error.is_none(),
        error: report.error.clone(),
        status: report.status,
        www_authenticate: header("www-authenticate"),
        x_ms_diagnostics: header("x-ms-diagnostics"),
        ..ProbeFacts::default()
    };
    facts.diagnostic = facts.x_ms_diagnostics.as_deref().and_then(diagnostic);
    let challenges = facts
        .www_authenticate
        .as_deref()
        .map(parse_challenges)
        .unwrap_or_default();
    read_challenges(&challenges, &mut facts);
    facts
}

fn read_challenges(challenges: &[Challenge], facts: &mut ProbeFacts) {
    for c in challenges {
        facts.schemes.push(c.scheme.clone());
        if !c.scheme.eq_ignore_ascii_case("bearer") {
            continue;
        }
        facts.oauth_offered = true;
        let text = |name: &str| {
            c.param(name)
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_string)
        };
        if let Some(id) = text("client_id") {
            facts.client_product = principal::lookup(&id).map(|p| p.product);
            facts.client_id = Some(id);
        }
        if let Some(list) = c.param("trusted_issuers") {
            issuers(list, &mut facts.trusted_issuers);
        }
        if let Some(types) = c.param("token_types") {
            facts
                .token_types
                .extend(types.split_whitespace().map(str::to_string));
        }
        facts.authorization_uri = facts.authorization_uri.take().or(text("authorization_uri"));
        facts.realm = facts.realm.take().or(text("realm"));
        facts.bearer_error = facts.bearer_error.take().or(text("error"));
    }
}

#[cfg(test)]
mod tests;
