//! The probe read from real header captures (DOMAIN.md §6 and
//! fixtures/testout), odd spacing and quoting, and missing parameters.

use std::collections::BTreeMap;

use super::*;
use crate::findings::Severity;
use crate::testout::Context;

const SKYPE_ID: &str = "00000004-0000-0ff1-ce00-000000000000";

/// What the demo's and a real on-premises Exchange answer when they trust Skype.
const TRUSTING: &str = r#"Bearer client_id="00000002-0000-0ff1-ce00-000000000000", trusted_issuers="00000001-0000-0000-c000-000000000000@*,00000004-0000-0ff1-ce00-000000000000@litwareinc.com", token_types="app_asserted_user_v1 service_asserted_app_v1", error="invalid_token", Negotiate, NTLM"#;

fn report(status: Option<u16>, headers: &[(&str, &str)]) -> FetchReport {
    FetchReport {
        url: "https://autodiscover.litwareinc.com/EWS/Exchange.asmx".into(),
        steps: Vec::new(),
        error: None,
        status,
        headers: headers
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<BTreeMap<_, _>>(),
        tls: None,
        body: Some(String::new()),
        body_base64: None,
        truncated: false,
        insecure: false,
        received_at: None,
    }
}

fn ctx(realm: &str) -> Context<'_> {
    Context {
        analyses: None,
        sip_domain: Some(realm),
        skype_metadata_url: None,
    }
}

fn ids(facts: &ProbeFacts, realm: &str) -> Vec<(&'static str, Severity)> {
    let found = diagnose(facts, &ctx(realm));
    // Shown in the Korean UI too: every text must have its Korean.
    for f in &found {
        assert!(
            crate::i18n::bundled().fully_translated(f),
            "{} lacks Korean: {:?} / {:?} / {:?} / values {:?}",
            f.id,
            f.title,
            f.fix,
            f.explanation,
            crate::i18n::bundled().values_left_in_english(f)
        );
    }
    found.into_iter().map(|f| (f.id, f.severity)).collect()
}

#[test]
fn trusting_exchange_reads_every_parameter() {
    let f = read(&report(Some(401), &[("www-authenticate", TRUSTING)]));
    assert!(f.answered && f.oauth_offered);
    assert_eq!(f.schemes, ["Bearer", "Negotiate", "NTLM"]);
    assert_eq!(
        f.client_id.as_deref(),
        Some("00000002-0000-0ff1-ce00-000000000000")
    );
    assert_eq!(f.client_product, Some("Exchange Server"));
    assert_eq!(f.trusted_issuers.len(), 2);
    assert_eq!(f.trusted_issuers[0].realm, "*");
    assert_eq!(f.trusted_issuers[1].principal, SKYPE_ID);
    assert_eq!(f.trusted_issuers[1].realm, "litwareinc.com");
    assert_eq!(
        f.trusted_issuers[1].product,
        Some("Skype for Business Server")
    );
    assert_eq!(
        f.token_types,
        ["app_asserted_user_v1", "service_asserted_app_v1"]
    );
    assert_eq!(f.bearer_error.as_deref(), Some("invalid_token"));
    assert_eq!(f.authorization_uri, None);
    let found = ids(&f, "litwareinc.com");
    assert!(found.contains(&("S2S-PROBE-TRUSTS-SKYPE", Severity::Pass)));
    assert!(found.contains(&("S2S-PROBE-HYBRID-TRUSTED", Severity::Info)));
    assert!(
        !found.iter().any(|(_, s)| *s >= Severity::Warn),
        "{found:?}"
    );
}

#[test]
fn microsoft_documentation_capture_with_tenant_and_authorization_uri() {
    // [MS-XOAUTH] §4.6 shape, as in DOMAIN.md §6: ACS under a tenant id,
    // Skype under contoso.com, and the optional realm / authorization_uri.
    let value = r#"Bearer client_id="00000002-0000-0ff1-ce00-000000000000", trusted_issuers="00000001-0000-0000-c000-000000000000@f686d426-8d16-42db-81b7-ab578e110ccd,00000004-0000-0ff1-ce00-000000000000@contoso.com", authorization_uri="https://login.windows.net/common/oauth2/authorize", realm="contoso.com", error="invalid_token""#;
    let f = read(&report(Some(401), &[("www-authenticate", value)]));
    assert_eq!(
        f.authorization_uri.as_deref(),
        Some("https://login.windows.net/common/oauth2/authorize")
    );
    assert_eq!(f.realm.as_deref(), Some("contoso.com"));
    assert_eq!(f.hybrid_issuers().len(), 1);
    assert!(ids(&f, "contoso.com").contains(&("S2S-PROBE-TRUSTS-SKYPE", Severity::Pass)));
}

#[test]
fn realm_differs_names_both_realms() {
    // fixtures/testout/test-csexstorage-401-trusted.txt: an old realm.
    let value = r#"Bearer client_id="00000002-0000-0ff1-ce00-000000000000", trusted_issuers="00000001-0000-0000-c000-000000000000@*,00000004-0000-0ff1-ce00-000000000000@oldrealm.litwareinc.com", token_types="app_asserted_user_v1 service_asserted_app_v1", error="invalid_token""#;
    let f = read(&report(Some(401), &[("www-authenticate", value)]));
    let findings = diagnose(&f, &ctx("litwareinc.com"));
    let differs = findings
        .iter()
        .find(|f| f.id == "S2S-PROBE-TRUST-REALM-DIFFERS")
        .expect("fires");
    assert_eq!(differs.severity, Severity::Fail);
    assert_eq!(
        differs.expected.as_deref(),
        Some("00000004-0000-0ff1-ce00-000000000000@litwareinc.com")
    );
    assert_eq!(
        differs.actual.as_deref(),
        Some("00000004-0000-0ff1-ce00-000000000000@oldrealm.litwareinc.com")
    );
    assert!(differs.evidence.iter().any(|e| e.contains("live probe")));
}

/// `<id>@*` trusts Skype under any realm: no realm to differ from.
#[test]
fn skype_trusted_for_any_realm_passes() {
    let value = r#"Bearer client_id="00000002-0000-0ff1-ce00-000000000000", trusted_issuers="00000004-0000-0ff1-ce00-000000000000@*", error="invalid_token""#;
    let f = read(&report(Some(401), &[("www-authenticate", value)]));
    assert!(
        f.hybrid_issuers().is_empty(),
        "Skype is not a hybrid issuer"
    );
    let found = ids(&f, "litwareinc.com");
    assert!(
        found.contains(&("S2S-PROBE-TRUSTS-SKYPE", Severity::Pass)),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .all(|(id, _)| *id != "S2S-PROBE-TRUST-REALM-DIFFERS"),
        "{found:?}"
    );
    // The same from pasted output.
    let paste = crate::testout::read(&format!("WWW-Authenticate: {value}"));
    let pasted = crate::testout::diagnose(&paste, &ctx("litwareinc.com"));
    assert!(
        pasted
            .iter()
            .all(|f| f.id != "S2S-TEST-TRUST-REALM-DIFFERS"),
        "{:?}",
        pasted.iter().map(|f| f.id).collect::<Vec<_>>()
    );
}

#[test]
fn skype_missing_fails_with_the_exchange_command_and_iisreset() {
    let value = r#"Bearer client_id="00000002-0000-0ff1-ce00-000000000000", trusted_issuers="00000001-0000-0000-c000-000000000000@*", error="invalid_token", Negotiate, NTLM"#;
    let f = read(&report(Some(401), &[("www-authenticate", value)]));
    let findings = diagnose(&f, &ctx("litwareinc.com"));
    let fail = findings
        .iter()
        .find(|f| f.id == "S2S-PROBE-SKYPE-NOT-TRUSTED")
        .expect("fires");
    assert_eq!(fail.severity, Severity::Fail);
    assert_eq!(
        fail.fix_steps,
        ["exchange-partner-application", "exchange-iisreset"]
    );
    // Failures come first.
    assert_eq!(findings[0].id, "S2S-PROBE-SKYPE-NOT-TRUSTED");
}

#[test]
fn pasted_output_and_probe_agree() {
    let paste = crate::testout::read(&format!("WWW-Authenticate: {TRUSTING}"));
    let probe = read(&report(Some(401), &[("www-authenticate", TRUSTING)]));
    assert_eq!(paste.facts.trusted_issuers, probe.trusted_issuers);
    assert_eq!(paste.facts.client_id, probe.client_id);
    assert_eq!(paste.facts.token_types, probe.token_types);
    let pasted = crate::testout::diagnose(&paste, &ctx("other.example"));
    let live = diagnose(&probe, &ctx("other.example"));
    let sev = |fs: &[crate::findings::Finding], id: &str| {
        fs.iter().find(|f| f.id == id).map(|f| f.severity)
    };
    assert_eq!(
        sev(&pasted, "S2S-TEST-TRUST-REALM-DIFFERS"),
        sev(&live, "S2S-PROBE-TRUST-REALM-DIFFERS")
    );
}

#[test]
fn only_negotiate_and_ntlm_warns_oauth_is_off() {
    let f = read(&report(
        Some(401),
        &[("www-authenticate", "Negotiate, NTLM")],
    ));
    assert!(f.answered && !f.oauth_offered);
    let findings = diagnose(&f, &ctx("litwareinc.com"));
    assert_eq!(findings.len(), 1);
    let w = &findings[0];
    assert_eq!((w.id, w.severity), ("S2S-PROBE-NO-OAUTH", Severity::Warn));
    assert!(w.title.contains("inferred"));
    assert!(
        w.fix
            .as_deref()
            .is_some_and(|f| f.contains("-OAuthAuthentication $true"))
    );
    assert_eq!(w.actual.as_deref(), Some("only Negotiate, NTLM"));
}

#[test]
fn odd_spacing_quoting_and_missing_parameters() {
    // Unquoted values, spaces around `=`, issuers separated by ", ", an
    // issuer with an empty realm, lower-case scheme, no client_id.
    let value = r#"bearer   trusted_issuers = "00000004-0000-0FF1-CE00-000000000000@litwareinc.com , 00000003-0000-0ff1-ce00-000000000000@" ,error=invalid_token,  NTLM"#;
    let f = read(&report(Some(401), &[("www-authenticate", value)]));
    assert!(f.oauth_offered);
    assert_eq!(f.client_id, None);
    assert_eq!(f.trusted_issuers.len(), 2);
    assert_eq!(f.trusted_issuers[0].principal, SKYPE_ID);
    assert_eq!(f.trusted_issuers[1].realm, "");
    assert_eq!(f.bearer_error.as_deref(), Some("invalid_token"));
    assert!(ids(&f, "LitwareInc.com").contains(&("S2S-PROBE-TRUSTS-SKYPE", Severity::Pass)));

    // A bare Bearer: OAuth offered, nothing listed.
    let f = read(&report(Some(401), &[("www-authenticate", "Bearer, NTLM")]));
    assert!(f.oauth_offered && f.trusted_issuers.is_empty());
    assert_eq!(
        ids(&f, "litwareinc.com"),
        [("S2S-PROBE-NO-TRUSTED-ISSUERS", Severity::Warn)]
    );
}

#[test]
fn diagnostics_are_read_and_oauth_unavailable_warns() {
    let f = read(&report(
        Some(401),
        &[
            ("www-authenticate", TRUSTING),
            (
                "x-ms-diagnostics",
                r#"4000000;reason="OAuth is not available for this request.";error_category="oauth_not_available""#,
            ),
        ],
    ));
    let d = f.diagnostic.as_ref().expect("read");
    assert_eq!(d.code, 4000000);
    assert_eq!(d.category.as_deref(), Some("oauth_not_available"));
    assert!(ids(&f, "litwareinc.com").contains(&("S2S-PROBE-OAUTH-UNAVAILABLE", Severity::Warn)));
}

#[test]
fn no_answer_and_other_statuses_are_notes_not_verdicts() {
    let mut r = report(None, &[]);
    r.error = Some(ApiErrorDetail {
        code: "timeout".into(),
        // As the proxy words it.
        message: "timed out connecting to 10.0.0.5:443 after 5000 ms".into(),
    });
    let f = read(&r);
    assert!(!f.answered);
    assert_eq!(
        ids(&f, "litwareinc.com"),
        [("S2S-PROBE-NO-ANSWER", Severity::Info)]
    );
    let f = read(&report(Some(404), &[]));
    assert_eq!(
        ids(&f, "litwareinc.com"),
        [("S2S-PROBE-NO-CHALLENGE", Severity::Info)]
    );
}

#[test]
fn facts_serialise_for_the_cli() {
    let f = read(&report(Some(401), &[("www-authenticate", TRUSTING)]));
    let v = serde_json::to_value(&f).unwrap_or_default();
    assert_eq!(v["oauth_offered"], true);
    assert_eq!(v["trusted_issuers"][1]["realm"], "litwareinc.com");
    assert_eq!(v["status"], 401);
}
