//! Findings from pasted output, alone and together with the fetched
//! documents: the cause DOMAIN.md §7 names for each symptom, and its fix.

use super::facts::Outcome;
use super::{Command, Reading};
use crate::findings::{Analyses, Finding, Severity, pairing, quoted, sort};
use crate::powershell::single_quoted;
use crate::principal::{EXCHANGE, SKYPE};
use crate::thumbprint::Sha1Fingerprint;
use crate::topology::{PastedThumbprint, Side, Topology};
use crate::topology_form::AcceptedDomain;

/// What the console knows besides the paste.
#[derive(Default)]
pub struct Context<'a> {
    /// Both fetched documents, when fetched.
    pub analyses: Option<&'a Analyses>,
    /// The SIP domain from the Topology page (Skype's default realm).
    pub sip_domain: Option<&'a str>,
    /// This pool's metadata URL, when known without the documents
    /// (`s2s read --pool`); else the fetched Skype document's URL.
    pub skype_metadata_url: Option<&'a str>,
}

impl Context<'_> {
    /// This pool's metadata URL: given, else the one Skype's document was
    /// fetched from.
    pub(crate) fn pool_metadata_url(&self) -> Option<&str> {
        self.skype_metadata_url
            .or_else(|| self.analyses.and_then(|a| a.skype.url.as_deref()))
    }

    /// Skype's realm: its document's, else the SIP domain.
    pub(crate) fn skype_realm(&self) -> Option<String> {
        self.analyses
            .and_then(|a| a.skype.document())
            .and_then(|d| d.realm().map(|(r, _)| r.to_string()))
            .or_else(|| self.sip_domain.map(str::to_string))
    }
}

pub(crate) fn realm_text(realm: &Option<String>) -> String {
    realm
        .clone()
        .unwrap_or_else(|| "<Skype's realm, by default the SIP domain>".to_string())
}

/// Skype's realm against Exchange's accepted domains, from pasted
/// `Get-AcceptedDomain` output (DOMAIN.md §4: the realm must be an accepted
/// domain, and a wildcard one does not count). With the realm unknown, each
/// wildcard is a warning; with it known, only the realm's own standing.
pub fn realm_accepted(domains: &[AcceptedDomain], ctx: &Context) -> Vec<Finding> {
    if domains.is_empty() {
        return Vec::new();
    }
    let Some(realm) = ctx.skype_realm().map(|r| r.to_ascii_lowercase()) else {
        return domains
            .iter()
            .filter(|d| d.wildcard)
            .map(|w| {
                Finding::new(
                    "S2S-ACCEPTED-WILDCARD",
                    Severity::Warn,
                    Side::Exchange,
                    format!("Accepted domain {} is a wildcard", w.name),
                )
                .fix("If Skype's realm falls under it, add that domain as an accepted domain of its own.")
                .explain("Exchange does not match Skype's realm against wildcard accepted domains (2000004 invalid_tenant).")
            })
            .collect();
    };
    if domains.iter().any(|d| !d.wildcard && d.name == realm) {
        return vec![
            Finding::new(
                "S2S-REALM-ACCEPTED",
                Severity::Pass,
                Side::Exchange,
                "Skype's realm is an accepted domain of Exchange",
            )
            .evidence(format!("accepted domain {realm}")),
        ];
    }
    // `*.contoso.com` covers contoso.com's subdomains, and an admin may
    // take it to cover contoso.com itself: neither counts.
    let covering: Vec<&AcceptedDomain> = domains
        .iter()
        .filter(|d| d.wildcard)
        .filter(|d| {
            let base = d.name.trim_start_matches("*.");
            realm == base || realm.ends_with(&format!(".{base}"))
        })
        .collect();
    let actual = match covering.first() {
        Some(w) => format!("covered only by the wildcard accepted domain {}", w.name),
        None => format!(
            "accepted domains: {}",
            domains
                .iter()
                .map(|d| d.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let realm = Some(realm);
    vec![
        Finding::new(
            "S2S-REALM-NOT-ACCEPTED",
            Severity::Fail,
            Side::Exchange,
            "Skype's realm is not an accepted domain of Exchange",
        )
        .expected(format!("{} is an accepted domain of Exchange, named explicitly", realm_text(&realm)))
        .actual(actual)
        .fix(format!(
            "Add {} to Exchange as an accepted domain of its own (wildcard accepted domains do not count), or make Skype's realm an existing accepted domain with Set-CsOAuthConfiguration -Realm; then re-create Exchange's partner application for Skype and run iisreset.",
            realm_text(&realm)
        ))
        .steps(&["collect-accepted-domains", "skype-oauth-configuration", "exchange-partner-application", "exchange-iisreset"])
        .explain("Exchange accepts Skype's tokens only for a realm that is one of its accepted domains; a domain covered only by a wildcard (*.contoso.com) is not matched."),
    ]
}

fn diagnostics(r: &Reading, ctx: &Context, out: &mut Vec<Finding>) {
    let realm = ctx.skype_realm();
    for d in &r.facts.diagnostics {
        let evidence = format!(
            "x-ms-diagnostics: {};reason=\"{}\";error_category=\"{}\"",
            d.code,
            d.reason.as_deref().unwrap_or(""),
            d.category.as_deref().unwrap_or("")
        );
        let finding = match d.code {
            2000004 => {
                let mut f = Finding::new(
                    "S2S-TEST-REALM-NOT-ACCEPTED",
                    Severity::Fail,
                    Side::Exchange,
                    "Exchange rejects Skype's realm (2000004 invalid_tenant): it is not one of Exchange's accepted domains",
                )
                .expected(format!("{} is an accepted domain of Exchange, named explicitly", realm_text(&realm)))
                .actual("Exchange answered 401 with x-ms-diagnostics 2000004 (invalid_tenant)")
                .evidence(evidence)
                .fix(format!(
                    "Add {} to Exchange as an accepted domain of its own (wildcard accepted domains do not count), or make Skype's realm an existing accepted domain with Set-CsOAuthConfiguration -Realm; then re-create Exchange's partner application for Skype and run iisreset.",
                    realm_text(&realm)
                ))
                .steps(&["collect-accepted-domains", "skype-oauth-configuration", "exchange-partner-application", "exchange-iisreset"])
                .explain("Exchange accepts Skype's tokens only for a realm that is one of its accepted domains; a domain covered only by a wildcard (*.contoso.com) is not matched.");
                for w in r.facts.accepted_domains.iter().filter(|d| d.wildcard) {
                    f = f.evidence(format!("accepted domain {} is a wildcard", w.name));
                }
                f
            }
            2000003 => Finding::new(
                "S2S-TEST-AUDIENCE",
                Severity::Fail,
                Side::Exchange,
                "Exchange rejects the token's audience (2000003 invalid_resource)",
            )
            .expected("the host Skype calls (from autodiscover) is a name Exchange serves")
            .actual(d.reason.as_deref().map_or_else(|| "invalid_resource".into(), quoted))
            .evidence(evidence)
            .fix("Make autodiscover return an EWS URL whose host is one of Exchange's own names (the EWS virtual directory's internal or external URL), or add that name to Exchange's certificate and URLs.")
            .explain("The token names the host it is for; Exchange refuses tokens for hosts it does not consider its own."),
            2000005 => Finding::new(
                "S2S-TEST-USER-AMBIGUOUS",
                Severity::Fail,
                Side::Exchange,
                "Exchange cannot tell which mailbox the token is for (2000005 invalid_user)",
            )
            .actual(d.reason.as_deref().map_or_else(|| "invalid_user".into(), quoted))
            .evidence(evidence)
            .fix("Find the objects that share the user's UPN, primary SMTP address or SIP address (Get-Recipient -Filter …) and make the address unique.")
            .explain("Exchange maps the token to one mailbox by the user's addresses; two objects with the same address make it refuse."),
            4000000 => Finding::new(
                "S2S-TEST-OAUTH-UNAVAILABLE",
                Severity::Fail,
                Side::Exchange,
                "Exchange does not accept OAuth for this request (4000000 oauth_not_available)",
            )
            .evidence(evidence)
            .fix("Check that the EWS and Autodiscover virtual directories accept OAuth: Get-WebServicesVirtualDirectory | Format-List *OAuth*; if not, Set-WebServicesVirtualDirectory <identity> -OAuthAuthentication $true and iisreset (inferred).")
            .explain("Exchange answered with a Bearer challenge but will not take OAuth on that endpoint."),
            _ => Finding::new(
                "S2S-TEST-DIAGNOSTIC",
                Severity::Warn,
                Side::Exchange,
                format!("Exchange reported diagnostic code {}", d.code),
            )
            .actual(d.reason.as_deref().map(quoted).unwrap_or_default())
            .evidence(evidence)
            .fix("Look the code up in Exchange's OAuth documentation; the reason text says what Exchange disliked.")
            .explain("x-ms-diagnostics is Exchange's own explanation of a refused request."),
        };
        out.push(finding);
    }
}

fn trusted_issuers(r: &Reading, ctx: &Context, out: &mut Vec<Finding>) {
    trust_findings(&r.facts.trusted_issuers, ctx, &PASTED_TRUST_IDS, out);
}

/// The finding ids of the trusted-issuer checks: the pasted output and the
/// live probe run the same checks under their own ids, so the console can
/// show both and say which source each came from.
pub(crate) struct TrustIds {
    pub trusts: &'static str,
    pub realm_differs: &'static str,
    pub not_trusted: &'static str,
}

const PASTED_TRUST_IDS: TrustIds = TrustIds {
    trusts: "S2S-TEST-TRUSTS-SKYPE",
    realm_differs: "S2S-TEST-TRUST-REALM-DIFFERS",
    not_trusted: "S2S-TEST-SKYPE-NOT-TRUSTED",
};

/// Whether Exchange's `trusted_issuers` hold Skype's issuer under Skype's
/// realm (shared by pasted output and the live probe, so both agree).
pub(crate) fn trust_findings(
    issuers: &[super::TrustedIssuer],
    ctx: &Context,
    ids: &TrustIds,
    out: &mut Vec<Finding>,
) {
    if issuers.is_empty() {
        return;
    }
    let listed: Vec<String> = issuers
        .iter()
        .map(|i| format!("{}@{}", i.principal, i.realm))
        .collect();
    let evidence = format!("trusted_issuers: {}", listed.join(", "));
    let realm = ctx.skype_realm();
    let skype: Vec<&super::TrustedIssuer> =
        issuers.iter().filter(|i| i.principal == SKYPE.id).collect();
    let expected = format!("{}@{}", SKYPE.id, realm_text(&realm));
    // `*` trusts Skype under any realm (DOMAIN.md §4).
    let matches = |i: &&super::TrustedIssuer| {
        i.realm == "*"
            || realm
                .as_deref()
                .is_none_or(|r| i.realm.eq_ignore_ascii_case(r))
    };
    if skype.iter().any(matches) {
        out.push(
            Finding::new(
                ids.trusts,
                Severity::Pass,
                Side::Exchange,
                "Exchange trusts Skype's issuer",
            )
            .expected(expected)
            .evidence(evidence)
            .explain("trusted_issuers lists the issuers Exchange accepts right now."),
        );
    } else if let Some(other) = skype.first() {
        out.push(
            Finding::new(
                ids.realm_differs,
                Severity::Fail,
                Side::Both,
                "Exchange trusts Skype under another realm than Skype's document names",
            )
            .expected(expected)
            .actual(format!("{}@{}", other.principal, other.realm))
            .evidence(evidence)
            .fix("Re-create Exchange's partner application from Skype's current metadata URL (Configure-EnterprisePartnerApplication.ps1) and run iisreset; if Skype's realm changed on purpose, make it an accepted domain first.")
            .steps(&["exchange-partner-application", "exchange-iisreset"])
            .explain("Exchange compares the realm in Skype's tokens with the realm it registered; they must be equal."),
        );
    } else {
        out.push(
            Finding::new(
                ids.not_trusted,
                Severity::Fail,
                Side::Exchange,
                "Exchange does not trust Skype's issuer: Skype is not in trusted_issuers",
            )
            .expected(expected)
            .actual(listed.join(", "))
            .evidence(evidence)
            .fix("Run Configure-EnterprisePartnerApplication.ps1 with Skype's metadata URL on Exchange and iisreset; if the partner application exists, enable it: Set-PartnerApplication <name> -Enabled $true.")
            .steps(&["exchange-partner-application", "exchange-iisreset"])
            .explain("Without Skype in trusted_issuers Exchange answers every Skype token with 401."),
        );
    }
}

/// What each listed partner application says against DOMAIN.md §5: Skype's
/// application for Exchange carries Exchange's identifier and trust level
/// Full; Exchange's application for Skype carries Skype's current realm.
fn partner_application_details(r: &Reading, ctx: &Context, out: &mut Vec<Finding>) {
    let realm = ctx.skype_realm();
    for app in &r.facts.partner_applications {
        let name = app.name.as_str();
        let identifier = app.application_identifier.as_deref().unwrap_or_default();
        let named_exchange = ["exchange", "microsoft.exchange"]
            .iter()
            .any(|n| name.eq_ignore_ascii_case(n));
        if named_exchange && !identifier.eq_ignore_ascii_case(EXCHANGE.id) {
            out.push(
                Finding::new(
                    "S2S-PARTNER-WRONG-APPLICATION",
                    Severity::Fail,
                    Side::Skype,
                    format!("Skype's partner application {name} is not Exchange's"),
                )
                .expected(format!("ApplicationIdentifier {}", EXCHANGE.id))
                .actual(format!("ApplicationIdentifier {identifier}"))
                .fix("Remove it and create it again from Exchange's metadata URL (Set-CsPartnerApplication cannot change the identifier); the create-or-repair form of the Commands page does both.")
                .steps(&["skype-partner-application"])
                .explain("Skype matches Exchange's tokens to the partner application with Exchange's identifier; one under Exchange's name with another identifier trusts something else."),
            );
        }
        if identifier.eq_ignore_ascii_case(EXCHANGE.id)
            && let Some(level) = app
                .trust_level
                .as_deref()
                .filter(|l| !l.eq_ignore_ascii_case("Full"))
        {
            out.push(
                Finding::new(
                    "S2S-PARTNER-TRUST-LEVEL",
                    Severity::Warn,
                    Side::Skype,
                    format!("Skype trusts Exchange's application {name} only at level {level}"),
                )
                .expected("ApplicationTrustLevel Full")
                .actual(format!("ApplicationTrustLevel {level}"))
                .fix(format!(
                    "Set-CsPartnerApplication -Identity {} -ApplicationTrustLevel Full",
                    single_quoted(name)
                ))
                .explain("Full lets Exchange act for itself and for any user of the realm, which it needs to act for Skype's users."),
            );
        }
        if identifier.eq_ignore_ascii_case(SKYPE.id)
            && !app.is_skype_online()
            && let (Some(registered), Some(current)) = (app.realm.as_deref(), realm.as_deref())
            && !registered.eq_ignore_ascii_case(current)
        {
            out.push(
                Finding::new(
                    "S2S-PARTNER-OLD-REALM",
                    Severity::Fail,
                    Side::Exchange,
                    format!("Exchange's partner application {name} holds another realm than Skype's"),
                )
                .expected(format!("Realm {current}"))
                .actual(format!("Realm {registered}"))
                .fix("Re-create Exchange's partner application for Skype from Skype's metadata URL (remove this one, then run Configure-EnterprisePartnerApplication.ps1) and run iisreset.")
                .steps(&["exchange-partner-application", "exchange-iisreset"])
                .explain("Exchange registered Skype under the realm Skype had then; after a realm change it refuses Skype's tokens until the application is made again."),
            );
        }
    }
}

/// Exchange's and Skype's neighbours in a hybrid (DOMAIN.md §9): Skype
/// Online's `SfBOnline` and Exchange's built-in `Exchange Online`
/// application are information, never a duplicate or a disabled trust.
fn hybrid_applications(r: &Reading, out: &mut Vec<Finding>) {
    for app in &r.facts.partner_applications {
        if app.is_skype_online() {
            out.push(
                Finding::new(
                    "S2S-PARTNER-SKYPE-ONLINE",
                    Severity::Info,
                    Side::Exchange,
                    format!("{} is Skype for Business Online's partner application, not this pool's", app.name),
                )
                .evidence(format!("ApplicationIdentifier {}", app.application_identifier.as_deref().unwrap_or_default()))
                .fix("Leave it as it is: the console's commands select this pool's LyncEnterprise application by name and metadata URL and never touch it. Exchange is in a hybrid with Microsoft 365: after its Auth certificate changes, run the Hybrid Configuration Wizard again.")
                .explain("Skype Online integration creates it on Exchange with the same identifier as the on-premises Skype application, without a metadata URL; removing or refreshing it breaks Skype Online's access to mailboxes."),
            );
        } else if app.is_exchange_online() {
            let finding = match app.enabled {
                Some(false) => Finding::new(
                    "S2S-PARTNER-EXCHANGE-ONLINE",
                    Severity::Info,
                    Side::Exchange,
                    format!("{} is Exchange's built-in application for Exchange Online; disabled, as it is without hybrid OAuth", app.name),
                )
                .explain("On-premises Exchange carries it from setup; it stays disabled until OAuth with Exchange Online is configured (the Hybrid Configuration Wizard does it). It plays no part in the trust with Skype."),
                _ => Finding::new(
                    "S2S-PARTNER-EXCHANGE-ONLINE",
                    Severity::Info,
                    Side::Exchange,
                    format!("{} is Exchange's built-in application for Exchange Online; enabled: OAuth with Exchange Online is configured", app.name),
                )
                .fix("Leave it as it is. Exchange is in a hybrid with Microsoft 365: after its Auth certificate changes, run the Hybrid Configuration Wizard again.")
                .explain("It plays no part in the trust with Skype; a hybrid depends on it and on the Exchange Auth certificate Exchange Online knows."),
            };
            out.push(finding.evidence(format!(
                "ApplicationIdentifier {}, empty realm",
                app.application_identifier.as_deref().unwrap_or_default()
            )));
        }
    }
}

fn partner_applications(r: &Reading, out: &mut Vec<Finding>) {
    let apps = &r.facts.partner_applications;
    let lync: Vec<&str> = apps
        .iter()
        .filter(|a| a.is_on_premises_skype())
        .map(|a| a.name.as_str())
        .collect();
    if lync.len() > 1 {
        out.push(
            Finding::new(
                "S2S-PARTNER-DUPLICATE",
                Severity::Warn,
                Side::Exchange,
                format!("Exchange has {} LyncEnterprise partner applications", lync.len()),
            )
            .expected("one LyncEnterprise-<guid> application")
            .actual(lync.join(", "))
            .fix("Keep the one whose AuthMetadataUrl is the pool's and remove the others: Remove-PartnerApplication <name>.")
            .explain("Every run of Configure-EnterprisePartnerApplication.ps1 creates another application; extras with old keys confuse troubleshooting."),
        );
    }
    // A disabled application beside an enabled one of the same kind for the
    // same partner is one of the extras above (DOMAIN.md §7.14: remove
    // them), not a trust to enable. Skype Online's and Exchange Online's
    // applications are another kind (`hybrid_applications`).
    let hybrid =
        |app: &super::PartnerApplication| app.is_skype_online() || app.is_exchange_online();
    let replaced = |app: &&super::PartnerApplication| {
        apps.iter().any(|other| {
            other.enabled != Some(false)
                && other.name != app.name
                && !hybrid(other)
                && other.application_identifier.is_some()
                && other.application_identifier == app.application_identifier
        })
    };
    for app in apps
        .iter()
        .filter(|a| a.enabled == Some(false))
        .filter(|a| !hybrid(a))
        .filter(|a| !replaced(a))
    {
        out.push(
            Finding::new(
                "S2S-PARTNER-DISABLED",
                Severity::Fail,
                Side::Both,
                format!("Partner application {} is disabled", app.name),
            )
            .expected("Enabled : True")
            .actual("Enabled : False")
            .fix(format!(
                "Enable it: Set-PartnerApplication {0} -Enabled $true (Exchange) or Set-CsPartnerApplication -Identity {0} -Enabled $true (Skype).",
                single_quoted(&app.name)
            ))
            .explain("A disabled partner application is ignored: its tokens are refused."),
        );
    }
}

/// Metadata URLs compare as Exchange compares them: case aside, and a
/// trailing slash aside.
fn same_url(a: &str, b: &str) -> bool {
    a.trim()
        .trim_end_matches('/')
        .eq_ignore_ascii_case(b.trim().trim_end_matches('/'))
}

/// Exchange's application for this pool against the pool (DOMAIN.md §9,
/// issue 22): the metadata URL it reads (stale after a pool migration) and,
/// where `Format-List *` shows the certificate it holds, that certificate
/// against Skype's published key (stale after a certificate change).
fn stale_trust(r: &Reading, ctx: &Context, out: &mut Vec<Finding>) {
    let lync: Vec<&super::PartnerApplication> = r
        .facts
        .partner_applications
        .iter()
        .filter(|a| a.is_on_premises_skype())
        .collect();
    let pool_url = ctx.pool_metadata_url();
    let current: Vec<&super::PartnerApplication> = match pool_url {
        Some(url) => lync
            .iter()
            .copied()
            .filter(|a| {
                a.auth_metadata_url
                    .as_deref()
                    .is_some_and(|u| same_url(u, url))
            })
            .collect(),
        None => lync.clone(),
    };
    if let Some(url) = pool_url {
        if let Some(app) = current.first() {
            out.push(
                Finding::new(
                    "S2S-PARTNER-URL-CURRENT",
                    Severity::Pass,
                    Side::Exchange,
                    format!(
                        "Exchange's partner application {} reads this pool's metadata URL",
                        app.name
                    ),
                )
                .evidence(format!("AuthMetadataUrl {url}")),
            );
        } else {
            for app in lync.iter().filter(|a| a.auth_metadata_url.is_some()) {
                let registered = app.auth_metadata_url.as_deref().unwrap_or_default();
                out.push(
                    Finding::new(
                        "S2S-PARTNER-STALE-URL",
                        Severity::Fail,
                        Side::Exchange,
                        format!("Exchange's partner application {} reads another pool's metadata URL", app.name),
                    )
                    .expected(format!("AuthMetadataUrl {url}"))
                    .actual(format!("AuthMetadataUrl {registered}"))
                    .fix(format!(
                        "Re-create it for this pool: Remove-PartnerApplication {}, then run Configure-EnterprisePartnerApplication.ps1 with this pool's metadata URL and iisreset on each Exchange server. Refreshing it (Set-PartnerApplication -RefreshAuthMetadata) would only read the old URL again.",
                        single_quoted(&app.name)
                    ))
                    .steps(&["exchange-partner-application", "exchange-iisreset"])
                    .explain("Exchange trusts the keys it downloads from the URL it was given; after Skype moved to another pool, tokens signed by the new pool's certificate are refused until the application reads the new pool's document."),
                );
            }
        }
    }
    // Skype's signing key: the published ones, else the thumbprint pasted
    // from Get-CsCertificate -Type OAuthTokenIssuer.
    let published: Vec<String> = match ctx.analyses {
        Some(a) if a.skype.document().is_some() => pairing::published_fingerprints(&a.skype)
            .iter()
            .map(Sha1Fingerprint::thumbprint)
            .collect(),
        _ if r.commands.contains(&Command::GetCsCertificate) => r
            .facts
            .thumbprints
            .iter()
            .filter(|t| t.in_use)
            .map(|t| t.thumbprint.clone())
            .collect(),
        _ => Vec::new(),
    };
    if published.is_empty() {
        return;
    }
    for app in current
        .iter()
        .filter(|a| !a.certificate_thumbprints.is_empty())
    {
        let held = app.certificate_thumbprints.join(", ");
        if app
            .certificate_thumbprints
            .iter()
            .any(|t| published.contains(t))
        {
            out.push(
                Finding::new(
                    "S2S-PARTNER-KEY-CURRENT",
                    Severity::Pass,
                    Side::Exchange,
                    format!(
                        "Exchange's partner application {} holds Skype's current certificate",
                        app.name
                    ),
                )
                .evidence(format!("CertificateStrings: {held}")),
            );
        } else {
            out.push(
                Finding::new(
                    "S2S-PARTNER-KEY-STALE",
                    Severity::Fail,
                    Side::Exchange,
                    format!("Exchange's partner application {} holds a certificate Skype no longer signs with", app.name),
                )
                .expected(format!("one of {}", published.join(", ")))
                .actual(format!("CertificateStrings: {held}"))
                .fix(format!(
                    "Refresh it from Skype's metadata: Set-PartnerApplication {} -RefreshAuthMetadata, then iisreset on each Exchange server.",
                    single_quoted(&app.name)
                ))
                .steps(&["exchange-refresh-skype-metadata", "exchange-iisreset"])
                .explain("Exchange verifies Skype's tokens with the certificate it stored when it last read Skype's document; after Skype's OAuthTokenIssuer certificate changed, it refuses them (401) until refreshed."),
            );
        }
    }
}

fn thumbprints(r: &Reading, ctx: &Context, out: &mut Vec<Finding>) {
    let Some(analyses) = ctx.analyses else {
        return;
    };
    let pasted: Vec<PastedThumbprint> = r
        .facts
        .thumbprints
        .iter()
        .filter(|t| t.in_use)
        .filter_map(|t| {
            let label = t.label.clone().unwrap_or_default();
            let side = if label.contains("CertificateThumbprint") {
                Side::Exchange
            } else if r.commands.contains(&Command::GetCsCertificate) {
                Side::Skype
            } else {
                return None;
            };
            Some(PastedThumbprint {
                side,
                source: format!("pasted output {label}").trim().to_string(),
                value: Sha1Fingerprint::from_thumbprint(&t.thumbprint).ok()?,
            })
        })
        .collect();
    if pasted.is_empty() {
        return;
    }
    let topology = Topology {
        pasted_thumbprints: pasted,
        ..Topology::default()
    };
    pairing::pasted_thumbprints(&topology, &analyses.skype, &analyses.exchange, out);
}

/// Every finding the paste supports, sorted as the document findings are.
pub fn diagnose(r: &Reading, ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    if r.unrecognised {
        out.push(
            Finding::new(
                "S2S-TEST-UNRECOGNISED",
                Severity::Info,
                Side::Both,
                "The pasted text was not recognised",
            )
            .fix("Paste the whole output of Test-CsExStorageConnectivity -Verbose, Test-OAuthConnectivity … | Format-List *, Configure-EnterprisePartnerApplication.ps1, the LS Storage Service events 32053/32054, or Get-AuthConfig, Get-CsCertificate -Type OAuthTokenIssuer, Get-PartnerApplication, Get-CsPartnerApplication, Get-AcceptedDomain.")
            .explain("Only the output of these commands is read; nothing was taken from this text."),
        );
        return out;
    }
    let f = &r.facts;
    diagnostics(r, ctx, &mut out);
    trusted_issuers(r, ctx, &mut out);
    if let Some(proxy) = &f.proxy
        && f.http_statuses.iter().any(|s| *s == 403 || *s == 407)
    {
        out.push(
            Finding::new(
                "S2S-TEST-PROXY",
                Severity::Fail,
                Side::Exchange,
                "Exchange's request went through an outbound web proxy, which refused it",
            )
            .actual(format!("proxy {proxy}, HTTP {}", f.http_statuses.iter().map(u16::to_string).collect::<Vec<_>>().join(", ")))
            .evidence(quoted(&format!("Using custom InternetWebProxy {proxy}")))
            .fix("Let Exchange reach internal names directly: add them to the bypass list of Exchange's InternetWebProxy (Set-ExchangeServer <server> -InternetWebProxyBypassList …, where available) or to the proxy's exceptions.")
            .explain("Exchange sends server-to-server calls through its configured InternetWebProxy; a proxy that refuses (403) or wants credentials (407) stops them."),
        );
    }
    // The RTC groups are what Test-CsExStorageConnectivity needs; another
    // command's "access denied" has other causes.
    let storage_test =
        r.commands.is_empty() || r.commands.contains(&Command::TestCsExStorageConnectivity);
    if f.access_denied && storage_test {
        out.push(
            Finding::new(
                "S2S-TEST-ACCESS-DENIED",
                Severity::Fail,
                Side::Skype,
                "Access denied: the account running the test may not run it",
            )
            .fix("Run the test as a member of RTC Local User Administrators or RTCUniversalUserAdmins (or add the account), then open a new Skype for Business Server Management Shell.")
            .explain("Test-CsExStorageConnectivity needs those group memberships; without them it stops before reaching Exchange."),
        );
    }
    if f.empty_content_type {
        out.push(
            Finding::new(
                "S2S-TEST-EMPTY-RESPONSE",
                Severity::Fail,
                Side::Exchange,
                "Exchange Web Services answered with an empty response (error 574)",
            )
            .evidence(quoted("Client found response content type of '', but expected 'text/xml'"))
            .fix("Check the EWS URL autodiscover returns and that EWS itself answers (the EWS application pool, a load balancer or proxy in front of it); re-run the test with -Verbose to see the HTTP status.")
            .explain("A response without content type usually comes from something in front of EWS, or from EWS failing before it can answer."),
        );
    }
    if f.event_ids.iter().any(|id| *id == 32053 || *id == 32054) {
        let finding = Finding::new(
            "S2S-EVENT-AUTODISCOVER",
            Severity::Fail,
            Side::Skype,
            "Skype's storage service could not find Exchange Web Services through autodiscover",
        )
        .actual(
            f.autodiscover_uri
                .clone()
                .unwrap_or_else(|| "no autodiscover URI in the event".into()),
        )
        .evidence(format!(
            "LS Storage Service event {}",
            f.event_ids
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ));
        // The inner error decides: a 401 means autodiscover was reached and
        // refused Skype's token (the trust), anything else the way there.
        out.push(if f.http_statuses.contains(&401) {
            finding
                .evidence("inner error: (401) Unauthorized")
                .fix("Autodiscover refused Skype's OAuth token: check that Exchange trusts Skype (Get-PartnerApplication lists an enabled LyncEnterprise application with Skype's metadata URL) and that Skype's realm is an accepted domain; Test-CsExStorageConnectivity -Verbose names the exact cause: paste its output here.")
                .steps(&["collect-partner-applications", "collect-accepted-domains", "skype-test-storage"])
                .explain("Autodiscover was reached and asked for OAuth; a 401 there has the causes of any 401 between the two servers.")
        } else {
            finding
                .fix("Set where Skype finds Exchange: Set-CsOAuthConfiguration -Identity global -ExchangeAutodiscoverUrl 'https://<autodiscover host>/autodiscover/autodiscover.svc'. If it is set, check Exchange's side: its AutoDiscoverServiceInternalUri and the autodiscover DNS record must lead there; from the Front End, the name must resolve and its certificate be trusted (open the URI in a browser on the server). Then check the inner HTTP error the event shows.")
                .steps(&["skype-oauth-autodiscover"])
                .explain("Skype's storage service finds EWS through the autodiscover URL of its OAuth configuration; if the URL is missing or Exchange cannot be reached there, nothing else is tried.")
        });
    }
    // A 2000004 answer already says the realm is not accepted.
    if !out.iter().any(|x| x.id == "S2S-TEST-REALM-NOT-ACCEPTED") {
        out.extend(realm_accepted(&f.accepted_domains, ctx));
    }
    hybrid_applications(r, &mut out);
    partner_applications(r, &mut out);
    partner_application_details(r, ctx, &mut out);
    stale_trust(r, ctx, &mut out);
    thumbprints(r, ctx, &mut out);
    if f.configuration_succeeded {
        out.push(
            Finding::new(
                "S2S-CONFIGURE-SUCCEEDED",
                Severity::Pass,
                Side::Exchange,
                "Configure-EnterprisePartnerApplication.ps1 succeeded",
            )
            .fix("Run iisreset on each Exchange server; do not run the script again (each run adds another partner application).")
            .steps(&["exchange-iisreset"])
            .explain("The script created the partner application and its account."),
        );
    }
    let failed = out.iter().any(|x| x.severity == Severity::Fail);
    match f.outcome {
        Some(Outcome::Passed) if !failed && !f.configuration_succeeded => out.push(
            Finding::new(
                "S2S-TEST-PASSED",
                Severity::Pass,
                Side::Both,
                format!(
                    "{} passed",
                    r.commands.first().map_or("The test", |c| c.label())
                ),
            )
            .fix("The trust works. Optional next steps that use it: archive Skype conversations in Exchange, and keep users' contacts in Exchange (the unified contact store); each with its check.")
            .steps(&["skype-exchange-archiving", "skype-unified-contact-store"])
            .explain("The test reached Exchange and its request was accepted."),
        ),
        // A 401 that names no cause, Skype not shown untrusted: what DOMAIN.md
        // §7 gives for a token refused although the setup looks right.
        Some(Outcome::Failed) if !failed && f.http_statuses.contains(&401) && f.diagnostics.is_empty() => out.push(
            Finding::new(
                "S2S-TEST-401-UNEXPLAINED",
                Severity::Fail,
                Side::Exchange,
                "Exchange refused Skype's token (401) without naming the cause",
            )
            .actual("HTTP 401, no x-ms-diagnostics")
            .fix("In this order: if Skype's OAuthTokenIssuer certificate changed, refresh Skype's metadata on Exchange (Set-PartnerApplication <name> -RefreshAuthMetadata) and run iisreset; compare the servers' clocks (w32tm /query /status); check that EWS accepts OAuth (Get-WebServicesVirtualDirectory | Format-List *OAuth*, then Set-WebServicesVirtualDirectory -OAuthAuthentication $true).")
            .steps(&["exchange-refresh-skype-metadata", "exchange-iisreset"])
            .explain("Exchange says why it refuses a token in x-ms-diagnostics when it can; without it the usual causes are an old Skype key, clocks apart, or OAuth switched off on EWS."),
        ),
        Some(Outcome::Failed) if !failed => {
            let status = f
                .http_statuses
                .iter()
                .map(u16::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            out.push(
                Finding::new(
                    "S2S-TEST-FAILED",
                    Severity::Fail,
                    Side::Both,
                    format!("{} failed", r.commands.first().map_or("The test", |c| c.label())),
                )
                .actual(if status.is_empty() { "no HTTP status in the output".into() } else { format!("HTTP {status}") })
                .fix("Run it again with -Verbose and paste the whole output, with Get-PartnerApplication (Exchange) and Get-CsPartnerApplication (Skype): the console reads the cause from the headers.")
                .explain("The output says the test failed but not why."),
            );
        }
        _ => {}
    }
    sort(&mut out);
    out
}
