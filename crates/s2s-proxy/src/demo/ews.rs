//! The demo Exchange's EWS endpoint, answering the trust probe as a real
//! Exchange does: a request without credentials gets only the Windows
//! challenges; one with `Authorization: Bearer` and no token gets, when EWS
//! accepts OAuth, a Bearer challenge naming the issuers trusted right now
//! (DOMAIN.md §6). Each scenario says what Exchange trusts.

use s2s_core::principal::{EXCHANGE, SKYPE};

use super::{SIP_DOMAIN, Scenario};

/// The challenges IIS adds for Windows authentication.
const WINDOWS: [&str; 2] = ["Negotiate", "NTLM"];

/// The ACS principal Exchange trusts for any realm by default (hybrid).
const ACS_ANY_REALM: &str = "00000001-0000-0000-c000-000000000000@*";

/// The realm Exchange registered Skype under in each scenario; `None` when
/// Exchange has no partner application for Skype.
fn skype_realm_trusted(scenario: Scenario) -> Option<&'static str> {
    match scenario {
        Scenario::ExchangeNotConfigured => None,
        // In realm-mismatch too: Skype's realm was changed (to the
        // documents' WRONG_REALM) after Exchange registered Skype under the
        // SIP domain, so Exchange still trusts the old realm.
        _ => Some(SIP_DOMAIN),
    }
}

/// The `WWW-Authenticate` values of the 401, one header each, in order.
pub fn challenges(scenario: Scenario, empty_bearer: bool) -> Vec<String> {
    let mut out = Vec::new();
    let oauth = scenario != Scenario::EwsOauthDisabled;
    if empty_bearer && oauth {
        let mut trusted = vec![ACS_ANY_REALM.to_string()];
        if let Some(realm) = skype_realm_trusted(scenario) {
            trusted.push(format!("{}@{realm}", SKYPE.id));
        }
        out.push(format!(
            "Bearer client_id=\"{}\", trusted_issuers=\"{}\", token_types=\"app_asserted_user_v1 service_asserted_app_v1\", error=\"invalid_token\"",
            EXCHANGE.id,
            trusted.join(",")
        ));
    }
    out.extend(WINDOWS.iter().map(|s| s.to_string()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_bearer_only_windows_challenges() {
        assert_eq!(challenges(Scenario::Healthy, false), ["Negotiate", "NTLM"]);
    }

    #[test]
    fn per_scenario_trust() {
        let healthy = challenges(Scenario::Healthy, true);
        assert_eq!(healthy.len(), 3);
        assert!(healthy[0].contains("00000004-0000-0ff1-ce00-000000000000@litwareinc.com"));
        let missing = challenges(Scenario::ExchangeNotConfigured, true);
        assert!(!missing[0].contains("00000004-"));
        assert!(missing[0].contains(ACS_ANY_REALM));
        assert_eq!(
            challenges(Scenario::EwsOauthDisabled, true),
            ["Negotiate", "NTLM"]
        );
    }
}
