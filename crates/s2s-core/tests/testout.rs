//! Reading pasted output: every supported command and every fact from the
//! fixtures (`fixtures/testout/`, and the real capture in `fixtures/real/`),
//! the findings they lead to with and without the fetched documents, damaged
//! pastes, and that every finding id of `testout` fires.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use s2s_core::findings::{self, Finding, Severity};
use s2s_core::i18n::Catalogue;
use s2s_core::testout::{Command, Context, Outcome, diagnose, read, read_all};
use s2s_core::topology::{FetchOutcome, Observations, Topology};

/// The Korean catalogue the app fetches: every finding must be in it.
static KOREAN: LazyLock<Catalogue> = LazyLock::new(|| {
    Catalogue::parse(include_str!("../../../i18n/ko.json"))
        .unwrap_or_else(|e| panic!("i18n/ko.json: {e}"))
});

/// Get-CsPartnerApplication: Exchange's name over SharePoint's identifier.
const WRONG_APPLICATION: &str = "Identity              : Exchange\n\
    ApplicationIdentifier : 00000003-0000-0ff1-ce00-000000000000\n\
    ApplicationTrustLevel : Full\n\
    Enabled               : True\n";

/// Get-CsPartnerApplication: Exchange's application at level Application.
const LOW_TRUST: &str = "Identity              : Exchange\n\
    ApplicationIdentifier : 00000002-0000-0ff1-ce00-000000000000\n\
    ApplicationTrustLevel : Application\n\
    Enabled               : True\n";

/// Get-PartnerApplication: Skype's application made before a realm change.
const OLD_REALM: &str = "Name                  : LyncEnterprise-9a3c1e5b-2d44-4f6e-8b1a-0c7d2e6f4a11\n\
    Enabled               : True\n\
    ApplicationIdentifier : 00000004-0000-0ff1-ce00-000000000000\n\
    Realm                 : oldrealm.litwareinc.com\n";

/// Get-PartnerApplication with Skype's one application, disabled.
const DISABLED_ALONE: &str = "Name                  : LyncEnterprise-4b2f0d7c-1e9a-4c3b-a6d5-7f8e9a0b1c22\n\
    Enabled               : False\n\
    ApplicationIdentifier : 00000004-0000-0ff1-ce00-000000000000\n";

/// Get-PartnerApplication | Format-List *, shortened: this pool's
/// application holding `pem`'s certificate, its base64 on one line.
fn lync_holding(pem: &str) -> String {
    let base64: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    format!(
        "Name                  : LyncEnterprise-9a3c1e5b-2d44-4f6e-8b1a-0c7d2e6f4a11\n\
         Enabled               : True\n\
         ApplicationIdentifier : 00000004-0000-0ff1-ce00-000000000000\n\
         CertificateStrings    : {{{base64}}}\n\
         AuthMetadataUrl       : https://atl-cs-001.litwareinc.com/metadata/json/1\n\
         Realm                 : litwareinc.com\n"
    )
}

/// Exchange's built-in application for Exchange Online, enabled by hybrid OAuth.
const EXCHANGE_ONLINE_ENABLED: &str = "Name                  : Exchange Online\n\
    Enabled               : True\n\
    ApplicationIdentifier : 00000002-0000-0ff1-ce00-000000000000\n\
    Realm                 :\n";

fn fixture(name: &str) -> String {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/");
    std::fs::read_to_string(format!("{root}{name}")).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn ids(f: &[Finding]) -> Vec<&'static str> {
    f.iter().map(|f| f.id).collect()
}

fn alone(text: &str) -> Vec<Finding> {
    diagnose(&read(text), &Context::default())
}

fn healthy_analyses() -> findings::Analyses {
    let response = |name: &str| FetchOutcome::Response {
        status: 200,
        content_type: Some("application/json".into()),
        date: None,
        received_at: None,
        body: fixture(name).into_bytes(),
    };
    let topology = Topology {
        skype_metadata_url: Some("https://atl-cs-001.litwareinc.com/metadata/json/1".into()),
        exchange_metadata_url: Some(
            "https://autodiscover.litwareinc.com/autodiscover/metadata/json/1".into(),
        ),
        sip_domain: Some("litwareinc.com".into()),
        pasted_thumbprints: Vec::new(),
    };
    findings::analyze_both(
        &topology,
        &Observations {
            skype: Some(response("generated/skype-metadata.json")),
            exchange: Some(response("generated/exchange-metadata.json")),
        },
    )
}

#[test]
fn test_csexstorage_401_with_2000004_names_the_realm_cause_and_fix() {
    let r = read(&fixture("testout/test-csexstorage-401-2000004-verbose.txt"));
    assert_eq!(r.commands, vec![Command::TestCsExStorageConnectivity]);
    assert_eq!(r.facts.outcome, Some(Outcome::Failed));
    assert!(
        r.steps
            .iter()
            .any(|s| s == "Execute Exchange Storage Command."),
        "{:?}",
        r.steps
    );
    assert!(r.facts.http_statuses.contains(&401));
    assert_eq!(r.facts.diagnostics.len(), 1);
    assert_eq!(r.facts.diagnostics[0].code, 2000004);
    assert_eq!(
        r.facts.diagnostics[0].category.as_deref(),
        Some("invalid_tenant")
    );
    assert!(r.facts.bearer_offered);
    assert_eq!(
        r.facts.client_id.as_deref(),
        Some("00000002-0000-0ff1-ce00-000000000000")
    );
    assert_eq!(r.facts.trusted_issuers.len(), 1);
    assert_eq!(r.facts.trusted_issuers[0].realm, "*");
    assert_eq!(
        r.facts.token_types,
        ["app_asserted_user_v1", "service_asserted_app_v1"]
    );
    assert_eq!(
        r.facts.autodiscover_uri.as_deref(),
        Some("https://autodiscover.litwareinc.com/autodiscover/autodiscover.svc")
    );
    // Three challenges: Bearer, Negotiate, NTLM, from headers run together.
    let schemes: Vec<&str> = r
        .facts
        .challenges
        .iter()
        .map(|c| c.scheme.as_str())
        .collect();
    assert_eq!(schemes, ["Bearer", "Negotiate", "NTLM"]);

    // With the documents and the accepted domains pasted too.
    let domains = fixture("testout/get-accepteddomain.txt");
    let both = read_all(&[
        &fixture("testout/test-csexstorage-401-2000004-verbose.txt"),
        &domains,
    ]);
    let analyses = healthy_analyses();
    let found = diagnose(
        &both,
        &Context {
            analyses: Some(&analyses),
            sip_domain: Some("litwareinc.com"),
            skype_metadata_url: None,
        },
    );
    assert_eq!(findings::worst(&found), Severity::Fail);
    let realm = found
        .iter()
        .find(|f| f.id == "S2S-TEST-REALM-NOT-ACCEPTED")
        .expect("the realm finding");
    assert!(
        realm
            .expected
            .as_deref()
            .is_some_and(|e| e.contains("litwareinc.com"))
    );
    assert!(
        realm
            .fix
            .as_deref()
            .is_some_and(|f| f.contains("Set-CsOAuthConfiguration -Realm"))
    );
    assert!(
        realm
            .evidence
            .iter()
            .any(|e| e.contains("*.litwareinc.com is a wildcard")),
        "{:?}",
        realm.evidence
    );
    assert!(
        ids(&found).contains(&"S2S-TEST-SKYPE-NOT-TRUSTED"),
        "{:?}",
        ids(&found)
    );
}

#[test]
fn test_oauthconnectivity_403_through_a_proxy_is_the_proxy_finding() {
    let r = read(&fixture(
        "real/test-oauthconnectivity_ews_403_via-proxy_github.txt",
    ));
    assert_eq!(r.commands, vec![Command::TestOAuthConnectivity]);
    assert_eq!(r.facts.outcome, Some(Outcome::Failed));
    assert_eq!(r.facts.proxy.as_deref(), Some("http://10.38.161.34:8080/"));
    assert_eq!(r.facts.http_statuses, [403]);
    assert_eq!(r.steps, ["Checking EWS API Call Under Oauth"; 2]);
    let found = alone(&fixture(
        "real/test-oauthconnectivity_ews_403_via-proxy_github.txt",
    ));
    assert_eq!(ids(&found), ["S2S-TEST-PROXY"]);
    assert!(
        found[0]
            .actual
            .as_deref()
            .is_some_and(|a| a.contains("403"))
    );
}

#[test]
fn unrecognised_text_is_said_to_be() {
    for text in [
        "",
        "hello world",
        "Lorem ipsum dolor sit amet, 12345.",
        "\u{0}\u{1}garbage",
    ] {
        let r = read(text);
        assert!(r.unrecognised, "{text:?}");
        assert_eq!(ids(&alone(text)), ["S2S-TEST-UNRECOGNISED"], "{text:?}");
    }
    // What was recognised is kept when another paste is not.
    let r = read_all(&["nothing here", &fixture("testout/get-authconfig.txt")]);
    assert!(!r.unrecognised);
    assert_eq!(r.commands, [Command::GetAuthConfig]);
}

#[test]
fn every_command_is_recognised() {
    for (file, command) in [
        (
            "testout/test-csexstorage-passed-verbose.txt",
            Command::TestCsExStorageConnectivity,
        ),
        (
            "testout/configure-enterprisepartnerapplication.txt",
            Command::ConfigureEnterprisePartnerApplication,
        ),
        ("testout/event-32054.txt", Command::EventLog),
        ("testout/event-32053.xml", Command::EventLog),
        ("testout/get-authconfig.txt", Command::GetAuthConfig),
        (
            "testout/get-cscertificate-oauth.txt",
            Command::GetCsCertificate,
        ),
        (
            "testout/get-partnerapplication.txt",
            Command::GetPartnerApplication,
        ),
        (
            "testout/get-cspartnerapplication.txt",
            Command::GetCsPartnerApplication,
        ),
        ("testout/get-accepteddomain.txt", Command::GetAcceptedDomain),
    ] {
        let r = read(&fixture(file));
        assert!(r.commands.contains(&command), "{file}: {:?}", r.commands);
        assert!(!r.unrecognised, "{file}");
    }
}

#[test]
fn facts_of_each_command() {
    let passed = read(&fixture("testout/test-csexstorage-passed-verbose.txt"));
    assert_eq!(passed.facts.outcome, Some(Outcome::Passed));
    assert_eq!(
        ids(&diagnose(&passed, &Context::default())),
        ["S2S-TEST-PASSED"]
    );

    let denied = read(&fixture("testout/test-csexstorage-access-denied.txt"));
    assert!(denied.facts.access_denied);
    assert!(ids(&diagnose(&denied, &Context::default())).contains(&"S2S-TEST-ACCESS-DENIED"));

    let empty = read(&fixture("testout/test-csexstorage-574.txt"));
    assert!(empty.facts.empty_content_type);

    let configured = read(&fixture(
        "testout/configure-enterprisepartnerapplication.txt",
    ));
    assert!(configured.facts.configuration_succeeded);
    assert_eq!(
        ids(&diagnose(&configured, &Context::default())),
        ["S2S-CONFIGURE-SUCCEEDED"]
    );

    let text_event = read(&fixture("testout/event-32054.txt"));
    assert_eq!(text_event.facts.event_ids, [32054]);
    assert_eq!(text_event.facts.http_statuses, [401]);
    // Its inner error is a 401: autodiscover refused Skype's token, a trust
    // problem, not a name or certificate to check.
    let event = |text: &str| {
        diagnose(&read(text), &Context::default())
            .into_iter()
            .find(|f| f.id == "S2S-EVENT-AUTODISCOVER")
            .expect("the event finding")
    };
    let refused = event(&fixture("testout/event-32054.txt"));
    assert!(
        refused.fix_steps.contains(&"collect-partner-applications"),
        "{refused:?}"
    );
    assert!(
        refused
            .fix
            .as_deref()
            .is_some_and(|x| x.starts_with("Autodiscover refused Skype's OAuth token"))
    );
    let unresolved = event(&fixture("testout/event-32054.txt").replace(
        "The remote server returned an error: (401) Unauthorized.",
        "The remote name could not be resolved: 'autodiscover.litwareinc.com'",
    ));
    // Not reached: the autodiscover URL Skype is given, then Exchange's
    // AutoDiscoverServiceInternalUri and the DNS record (DOMAIN.md §9).
    assert_eq!(
        unresolved.fix_steps,
        ["skype-oauth-autodiscover"],
        "{unresolved:?}"
    );
    let fix = unresolved.fix.as_deref().unwrap_or_default();
    for cause in [
        "Set-CsOAuthConfiguration -Identity global -ExchangeAutodiscoverUrl 'https://<autodiscover host>/autodiscover/autodiscover.svc'",
        "AutoDiscoverServiceInternalUri",
        "autodiscover DNS record",
        "resolve",
    ] {
        assert!(fix.contains(cause), "{cause}: {fix}");
    }
    let xml_event = read(&fixture("testout/event-32053.xml"));
    assert_eq!(xml_event.facts.event_ids, [32053]);
    assert_eq!(
        xml_event.facts.autodiscover_uri.as_deref(),
        Some("https://autodiscover.litwareinc.com/autodiscover/autodiscover.svc")
    );

    let auth = read(&fixture("testout/get-authconfig.txt"));
    assert_eq!(auth.facts.thumbprints.len(), 1);
    assert_eq!(
        auth.facts.thumbprints[0].label.as_deref(),
        Some("CurrentCertificateThumbprint")
    );

    let apps = read(&fixture("testout/get-partnerapplication.txt"));
    assert_eq!(apps.facts.partner_applications.len(), 2);
    assert_eq!(apps.facts.partner_applications[1].enabled, Some(false));
    assert_eq!(
        apps.facts.partner_applications[0]
            .auth_metadata_url
            .as_deref(),
        Some("https://atl-cs-001.litwareinc.com/metadata/json/1")
    );
    // The disabled one is an extra beside the enabled one: remove it (the
    // duplicate finding), not enable it.
    let found = ids(&diagnose(&apps, &Context::default()));
    assert!(found.contains(&"S2S-PARTNER-DUPLICATE"), "{found:?}");
    assert!(!found.contains(&"S2S-PARTNER-DISABLED"), "{found:?}");
    // Alone, a disabled application is a broken trust.
    let alone = read(DISABLED_ALONE);
    let found = ids(&diagnose(&alone, &Context::default()));
    assert!(found.contains(&"S2S-PARTNER-DISABLED"), "{found:?}");

    let skype_apps = read(&fixture("testout/get-cspartnerapplication.txt"));
    assert_eq!(skype_apps.facts.partner_applications.len(), 1);
    assert_eq!(skype_apps.facts.partner_applications[0].name, "Exchange");
    assert_eq!(skype_apps.facts.partner_applications[0].enabled, Some(true));

    let domains = read(&fixture("testout/get-accepteddomain.txt"));
    let names: Vec<(&str, bool)> = domains
        .facts
        .accepted_domains
        .iter()
        .map(|d| (d.name.as_str(), d.wildcard))
        .collect();
    assert_eq!(
        names,
        [("litwareinc.net", false), ("*.litwareinc.com", true)]
    );
    assert_eq!(
        ids(&diagnose(&domains, &Context::default())),
        ["S2S-ACCEPTED-WILDCARD"]
    );

    let realm = read(&fixture("testout/test-csexstorage-401-trusted.txt"));
    let found = diagnose(
        &realm,
        &Context {
            analyses: None,
            sip_domain: Some("litwareinc.com"),
            skype_metadata_url: None,
        },
    );
    let differs = found
        .iter()
        .find(|f| f.id == "S2S-TEST-TRUST-REALM-DIFFERS")
        .expect("realm differs");
    assert_eq!(
        differs.actual.as_deref(),
        Some("00000004-0000-0ff1-ce00-000000000000@oldrealm.litwareinc.com")
    );
}

#[test]
fn thumbprints_are_compared_with_the_published_keys() {
    let analyses = healthy_analyses();
    let ctx = Context {
        analyses: Some(&analyses),
        sip_domain: Some("litwareinc.com"),
        skype_metadata_url: None,
    };
    // Exchange's current thumbprint is the published certificate's.
    let published = ids(&diagnose(
        &read(&fixture("testout/get-authconfig.txt")),
        &ctx,
    ));
    assert!(
        published.contains(&"S2S-THUMBPRINT-PUBLISHED"),
        "{published:?}"
    );
    // Skype's assigned certificate is not what its document publishes.
    let skype = ids(&diagnose(
        &read(&fixture("testout/get-cscertificate-oauth.txt")),
        &ctx,
    ));
    assert!(skype.contains(&"S2S-THUMBPRINT-NOT-PUBLISHED"), "{skype:?}");

    // Only the certificate signing now must be published: Exchange's
    // previous and next ones, and Skype's certificates of other uses, are
    // not compared (each of these is absent from the documents).
    let rollover = fixture("testout/get-authconfig.txt")
        .replace(
            "PreviousCertificateThumbprint :",
            "PreviousCertificateThumbprint : 2222222222222222222222222222222222222222",
        )
        .replace(
            "NextCertificateThumbprint     :",
            "NextCertificateThumbprint     : 3333333333333333333333333333333333333333",
        );
    let read_rollover = read(&rollover);
    assert_eq!(read_rollover.facts.thumbprints.len(), 3);
    let found = ids(&diagnose(&read_rollover, &ctx));
    assert!(found.contains(&"S2S-THUMBPRINT-PUBLISHED"), "{found:?}");
    assert!(
        !found.contains(&"S2S-THUMBPRINT-NOT-PUBLISHED"),
        "{found:?}"
    );
    let web = fixture("testout/get-cscertificate-oauth.txt").replace(
        "Use               : OAuthTokenIssuer",
        "Use               : WebServicesInternal",
    );
    let found = ids(&diagnose(&read(&web), &ctx));
    assert!(
        !found.contains(&"S2S-THUMBPRINT-NOT-PUBLISHED"),
        "{found:?}"
    );
}

/// Damage a paste suffers: cut in the middle, mixed line endings, extra
/// prompt lines, localised prose; what is recognisable is still read.
#[test]
fn damaged_pastes_still_give_what_is_recognisable() {
    let full = fixture("testout/test-csexstorage-401-2000004-verbose.txt");
    // Cut right after the diagnostics header.
    let cut = &full[..full.find("WWW-Authenticate").expect("header")];
    let r = read(cut);
    assert_eq!(r.facts.diagnostics[0].code, 2000004);
    assert!(r.facts.trusted_issuers.is_empty());
    assert!(ids(&alone(cut)).contains(&"S2S-TEST-REALM-NOT-ACCEPTED"));

    let mixed: String = full
        .lines()
        .enumerate()
        .map(|(i, l)| format!("{l}{}", ["\r\n", "\n", "\r"][i % 3]))
        .collect();
    assert_eq!(read(&mixed).facts, read(&full).facts);

    let prompts = format!("PS C:\\> cls\nPS C:\\>\n{full}\nPS C:\\> Get-Date\n");
    assert_eq!(read(&prompts).facts, read(&full).facts);

    // A Spanish server: prose and dates localised, invariant tokens kept.
    let spanish = fixture("real/test-oauthconnectivity_ews_403_via-proxy_github.txt")
        .replace(
            "Checking EWS API Call Under Oauth",
            "Comprobando llamada API EWS en Oauth",
        )
        .replace(
            "The remote server returned an error",
            "Error en el servidor remoto",
        )
        .replace(" at ", " en ")
        .replace("1/01/0001 12:00:00 a.m.", "01/01/0001 0:00:00");
    let found = ids(&alone(&spanish));
    assert_eq!(found, ["S2S-TEST-PROXY"]);

    // German dates and decimal commas in Format-List output change nothing.
    let german = fixture("testout/get-cscertificate-oauth.txt")
        .replace("25/11/2028 14:46:38", "25.11.2028 14:46:38")
        .replace("26/11/2026 14:46:38", "26.11.2026 14:46:38")
        + "Duration          : 0,532 s\nKeySize           : 2.048\n";
    let r = read(&german);
    assert_eq!(r.commands, [Command::GetCsCertificate]);
    assert_eq!(
        r.facts.thumbprints,
        read(&fixture("testout/get-cscertificate-oauth.txt"))
            .facts
            .thumbprints
    );
    assert!(
        r.facts.http_statuses.is_empty(),
        "{:?}",
        r.facts.http_statuses
    );
}

/// A 401 with Skype trusted and no x-ms-diagnostics: the causes DOMAIN.md
/// §7 gives for a token refused although the setup looks right (5, 12, 13),
/// with the refresh and iisreset steps.
#[test]
fn an_unexplained_401_lists_the_remaining_causes() {
    let analyses = healthy_analyses();
    let ctx = Context {
        analyses: Some(&analyses),
        sip_domain: Some("litwareinc.com"),
        skype_metadata_url: None,
    };
    let paste = fixture("testout/test-csexstorage-401-trusted.txt")
        .replace("oldrealm.litwareinc.com", "litwareinc.com");
    let found = diagnose(&read(&paste), &ctx);
    let f = found
        .iter()
        .find(|f| f.id == "S2S-TEST-401-UNEXPLAINED")
        .unwrap_or_else(|| panic!("{:?}", ids(&found)));
    assert_eq!(f.severity, Severity::Fail);
    assert_eq!(
        f.fix_steps,
        ["exchange-refresh-skype-metadata", "exchange-iisreset"]
    );
    for cause in [
        "-RefreshAuthMetadata",
        "w32tm",
        "-OAuthAuthentication $true",
    ] {
        assert!(
            f.fix.as_deref().is_some_and(|x| x.contains(cause)),
            "{cause}: {f:?}"
        );
    }
    assert!(
        !ids(&found).contains(&"S2S-TEST-FAILED"),
        "{:?}",
        ids(&found)
    );
    // With a named cause (2000004) it does not fire.
    let named = diagnose(
        &read(&fixture("testout/test-csexstorage-401-2000004-verbose.txt")),
        &ctx,
    );
    assert!(
        !ids(&named).contains(&"S2S-TEST-401-UNEXPLAINED"),
        "{:?}",
        ids(&named)
    );
}

/// The partner applications' own values against DOMAIN.md §5: Exchange's
/// identifier and trust level Full on Skype, Skype's current realm on
/// Exchange. The healthy listings give none of these findings.
#[test]
fn partner_application_values_are_checked() {
    let ctx = Context {
        analyses: None,
        sip_domain: Some("litwareinc.com"),
        skype_metadata_url: None,
    };
    let found = |text: &str| {
        diagnose(&read(text), &ctx)
            .into_iter()
            .map(|f| (f.id, f.severity))
            .collect::<Vec<_>>()
    };
    assert!(found(WRONG_APPLICATION).contains(&("S2S-PARTNER-WRONG-APPLICATION", Severity::Fail)));
    assert!(found(LOW_TRUST).contains(&("S2S-PARTNER-TRUST-LEVEL", Severity::Warn)));
    // The name reaches the command only as a single-quoted literal, every
    // kind of single quote doubled.
    let quoted = diagnose(
        &read(&LOW_TRUST.replace(
            "Identity              : Exchange",
            "Identity              : Ex‘change",
        )),
        &ctx,
    );
    let fix = quoted
        .iter()
        .find(|f| f.id == "S2S-PARTNER-TRUST-LEVEL")
        .and_then(|f| f.fix.clone());
    assert_eq!(
        fix.as_deref(),
        Some("Set-CsPartnerApplication -Identity 'Ex‘‘change' -ApplicationTrustLevel Full")
    );
    let old = diagnose(&read(OLD_REALM), &ctx);
    let f = old
        .iter()
        .find(|f| f.id == "S2S-PARTNER-OLD-REALM")
        .unwrap_or_else(|| panic!("{:?}", ids(&old)));
    assert_eq!(f.expected.as_deref(), Some("Realm litwareinc.com"));
    assert_eq!(f.actual.as_deref(), Some("Realm oldrealm.litwareinc.com"));
    for healthy in [
        "testout/get-cspartnerapplication.txt",
        "testout/get-partnerapplication.txt",
    ] {
        let ids: Vec<&str> = found(&fixture(healthy))
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        for id in [
            "S2S-PARTNER-WRONG-APPLICATION",
            "S2S-PARTNER-TRUST-LEVEL",
            "S2S-PARTNER-OLD-REALM",
        ] {
            assert!(!ids.contains(&id), "{healthy}: {ids:?}");
        }
    }
}

/// "Access denied" is blamed on the RTC groups only for the storage test
/// (or output that names no command).
#[test]
fn access_denied_is_the_storage_tests_only() {
    let denied = diagnose(
        &read(&fixture("testout/test-csexstorage-access-denied.txt")),
        &Context::default(),
    );
    assert!(
        ids(&denied).contains(&"S2S-TEST-ACCESS-DENIED"),
        "{:?}",
        ids(&denied)
    );
    let other = format!(
        "{}\nAccess is denied.\n",
        fixture("testout/get-authconfig.txt")
    );
    let other = diagnose(&read(&other), &Context::default());
    assert!(
        !ids(&other).contains(&"S2S-TEST-ACCESS-DENIED"),
        "{:?}",
        ids(&other)
    );
}

/// Skype's realm against pasted accepted domains (DOMAIN.md §4, §7.3).
#[test]
fn realm_is_checked_against_the_accepted_domains() {
    use s2s_core::testout::realm_accepted;
    use s2s_core::topology_form::accepted_domains;
    let known = Context {
        analyses: None,
        sip_domain: Some("litwareinc.com"),
        skype_metadata_url: None,
    };
    let one = |text: &str, ctx: &Context| {
        let found = realm_accepted(&accepted_domains(text), ctx);
        assert_eq!(found.len(), 1, "{:?}", ids(&found));
        found.into_iter().next().expect("one finding")
    };
    // Named explicitly (a wildcard beside it is no problem).
    let ok = one("litwareinc.com *.litwareinc.com", &known);
    assert_eq!((ok.id, ok.severity), ("S2S-REALM-ACCEPTED", Severity::Pass));
    // Only under a wildcard: not accepted, and the wildcard is named.
    let wild = one(&fixture("testout/get-accepteddomain.txt"), &known);
    assert_eq!(
        (wild.id, wild.severity),
        ("S2S-REALM-NOT-ACCEPTED", Severity::Fail)
    );
    assert_eq!(
        wild.actual.as_deref(),
        Some("covered only by the wildcard accepted domain *.litwareinc.com")
    );
    assert!(wild.fix_steps.contains(&"collect-accepted-domains"));
    // Not there at all: the list is shown.
    let absent = one("fabrikam.com contoso.com", &known);
    assert_eq!(absent.id, "S2S-REALM-NOT-ACCEPTED");
    assert_eq!(
        absent.actual.as_deref(),
        Some("accepted domains: fabrikam.com, contoso.com")
    );
    // Nothing pasted: nothing said.
    assert!(realm_accepted(&[], &known).is_empty());
    // The realm unknown: each wildcard is a warning.
    let unknown = realm_accepted(
        &accepted_domains(&fixture("testout/get-accepteddomain.txt")),
        &Context::default(),
    );
    assert_eq!(ids(&unknown), ["S2S-ACCEPTED-WILDCARD"]);
    assert_eq!(unknown[0].severity, Severity::Warn);
}

#[test]
fn every_testout_finding_id_fires() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/testout");
    let mut in_source = BTreeSet::new();
    for entry in std::fs::read_dir(dir).expect("testout sources") {
        let text = std::fs::read_to_string(entry.expect("entry").path()).expect("source");
        for part in text.split('"') {
            if part.starts_with("S2S-")
                && part
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
            {
                in_source.insert(part.to_string());
            }
        }
    }
    let analyses = healthy_analyses();
    let ctx = Context {
        analyses: Some(&analyses),
        sip_domain: Some("litwareinc.com"),
        skype_metadata_url: None,
    };
    let mut fired = BTreeSet::new();
    let samples = [
        fixture("testout/test-csexstorage-401-2000004-verbose.txt"),
        fixture("testout/test-csexstorage-passed-verbose.txt"),
        fixture("testout/test-csexstorage-access-denied.txt"),
        fixture("testout/test-csexstorage-574.txt"),
        fixture("testout/test-csexstorage-401-trusted.txt"),
        fixture("testout/configure-enterprisepartnerapplication.txt"),
        fixture("testout/event-32054.txt"),
        fixture("testout/get-partnerapplication.txt"),
        fixture("testout/get-accepteddomain.txt"),
        fixture("real/test-oauthconnectivity_ews_403_via-proxy_github.txt"),
        "nothing".to_string(),
        "x-ms-diagnostics: 2000003;reason=\"The hostname component of the audience claim value is invalid\";error_category=\"invalid_resource\"".into(),
        "x-ms-diagnostics: 2000005;reason=\"The user is ambiguous\";error_category=\"invalid_user\"".into(),
        "x-ms-diagnostics: 4000000;reason=\"OAuth not available\";error_category=\"oauth_not_available\"".into(),
        "x-ms-diagnostics: 2000001;reason=\"something else\"".into(),
        "WWW-Authenticate: Bearer client_id=\"00000002-0000-0ff1-ce00-000000000000\", trusted_issuers=\"00000004-0000-0ff1-ce00-000000000000@litwareinc.com\"".into(),
        "ResultType : Error\nTask : Checking EWS API Call Under Oauth".into(),
        // The realm named explicitly.
        "DomainName : litwareinc.com\nDomainName : *.litwareinc.com".into(),
        DISABLED_ALONE.into(),
        WRONG_APPLICATION.into(),
        LOW_TRUST.into(),
        OLD_REALM.into(),
        fixture("testout/test-csexstorage-401-trusted.txt").replace("oldrealm.litwareinc.com", "litwareinc.com"),
        fixture("testout/get-partnerapplication-hybrid.txt"),
        fixture("testout/get-partnerapplication-hybrid.txt").replace("atl-cs-001.", "atl-cs-old."),
        EXCHANGE_ONLINE_ENABLED.into(),
        lync_holding(&fixture("generated/exchange-auth.pem")),
    ];
    // Without documents or a SIP domain the realm is unknown: wildcards are
    // warned about one by one.
    let unknown = Context::default();
    let runs = samples
        .iter()
        .map(|s| (s, &ctx))
        .chain(std::iter::once((&samples[8], &unknown)));
    for (s, ctx) in runs {
        for f in diagnose(&read(s), ctx) {
            assert!(
                KOREAN.fully_translated(&f),
                "{} lacks Korean: {:?} / {:?} / {:?} / values {:?}",
                f.id,
                f.title,
                f.fix,
                f.explanation,
                KOREAN.values_left_in_english(&f)
            );
            fired.insert(f.id.to_string());
        }
    }
    let missing: Vec<&String> = in_source.difference(&fired).collect();
    assert!(missing.is_empty(), "ids that no sample fires: {missing:?}");
}

mod properties {
    use proptest::prelude::*;
    use s2s_core::testout::{Context, diagnose, read, read_all};

    /// Text made of the tokens the reader looks for, glued at random, so it
    /// gets deep into its branches rather than failing at the first byte.
    fn outputish() -> impl Strategy<Value = String> {
        let fragments = prop::sample::select(vec![
            "VERBOSE: ",
            "x-ms-diagnostics: ",
            "2000004",
            ";reason=\"",
            "\"",
            ";error_category=\"",
            "WWW-Authenticate: ",
            "Bearer ",
            "client_id=",
            "trusted_issuers=\"",
            "@",
            ",",
            " ",
            "00000004-0000-0ff1-ce00-000000000000",
            "HTTP/1.1 ",
            "401",
            "(403)",
            "\n",
            "\r\n",
            "\r",
            "PS C:\\> ",
            "[PS] C:\\Windows>",
            "Name : ",
            "Enabled : False",
            "ApplicationIdentifier : x",
            "LyncEnterprise-1",
            "*.contoso.com",
            "Authoritative",
            "Event ID: ",
            "32054",
            "<EventID>",
            "Using custom InternetWebProxy ",
            "http://p/",
            "ResultType : Error",
            "Test passed.",
            "Thumbprint : ",
            "C0BC43D6AAD68CD51FC2BF7134B6B7A4D67629C3",
            "é",
            "\u{0}",
            "ü서",
        ]);
        prop::collection::vec(fragments, 0..60).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn reading_never_panics_on_any_text(text in any::<String>()) {
            let r = read(&text);
            let _ = diagnose(&r, &Context::default());
        }

        #[test]
        fn reading_output_like_text_never_panics(text in outputish()) {
            let r = read(&text);
            let found = diagnose(&r, &Context { analyses: None, sip_domain: Some("contoso.com"), skype_metadata_url: None });
            // Unrecognised text gives exactly the one finding that says so.
            if r.unrecognised {
                prop_assert_eq!(found.len(), 1);
            }
            // Reading twice, or as one paste of several, gives the same facts.
            prop_assert_eq!(read(&text).facts, r.facts.clone());
            prop_assert_eq!(read_all(&[&text]).facts, r.facts);
        }
    }
}

/// A hybrid Exchange (DOMAIN.md §9, issue 22): Skype Online's SfBOnline
/// shares the on-premises Skype identifier and Exchange Online's built-in
/// application stays disabled until hybrid OAuth; both are information,
/// never a duplicate or a disabled trust. `Format-List *` shows this pool's
/// application's metadata URL and the certificate it holds, wrapped over
/// many lines; both are compared with this pool.
#[test]
fn a_hybrid_exchange_lists_its_neighbours_as_information() {
    let text = fixture("testout/get-partnerapplication-hybrid.txt");
    let r = read(&text);
    assert_eq!(r.commands, vec![Command::GetPartnerApplication]);
    let names: Vec<&str> = r
        .facts
        .partner_applications
        .iter()
        .map(|a| a.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "LyncEnterprise-9a3c1e5b-2d44-4f6e-8b1a-0c7d2e6f4a11",
            "SfBOnline",
            "Exchange Online"
        ]
    );
    // The certificate wrapped over sixteen lines is read whole.
    let skype_oauth = s2s_core::cert::decode_any(fixture("generated/skype-oauth.pem").as_bytes())
        .expect("fixture")[0]
        .summary
        .sha1_thumbprint
        .clone();
    assert_eq!(
        r.facts.partner_applications[0].certificate_thumbprints,
        [skype_oauth]
    );
    assert_eq!(r.facts.partner_applications[1].use_auth_server, Some(true));

    let analyses = healthy_analyses();
    let ctx = Context {
        analyses: Some(&analyses),
        sip_domain: Some("litwareinc.com"),
        skype_metadata_url: None,
    };
    let found = diagnose(&r, &ctx);
    let got: Vec<(&str, Severity)> = found.iter().map(|f| (f.id, f.severity)).collect();
    assert_eq!(
        got,
        [
            ("S2S-PARTNER-SKYPE-ONLINE", Severity::Info),
            ("S2S-PARTNER-EXCHANGE-ONLINE", Severity::Info),
            ("S2S-PARTNER-URL-CURRENT", Severity::Pass),
            ("S2S-PARTNER-KEY-CURRENT", Severity::Pass),
        ],
        "{found:#?}"
    );
    // Enabled, Exchange Online's application says the hybrid needs the
    // wizard again after an Auth certificate change.
    let enabled = diagnose(&read(EXCHANGE_ONLINE_ENABLED), &Context::default());
    assert_eq!(ids(&enabled), ["S2S-PARTNER-EXCHANGE-ONLINE"]);
    assert!(
        enabled[0]
            .fix
            .as_deref()
            .is_some_and(|f| f.contains("Hybrid Configuration Wizard"))
    );
    // Disabled beside SfBOnline, this pool's application is still a
    // disabled trust (SfBOnline does not replace it).
    let disabled = text.replacen(
        "Enabled                             : True",
        "Enabled                             : False",
        1,
    );
    assert!(ids(&diagnose(&read(&disabled), &ctx)).contains(&"S2S-PARTNER-DISABLED"));
}

/// After a pool migration Exchange still reads the old pool's document: a
/// failure whose fix re-creates the application (a refresh reads the old
/// URL again); after a Skype certificate change it still holds the old
/// certificate: a failure whose fix refreshes it. Without the documents,
/// `s2s read --pool` gives the URL and a pasted Get-CsCertificate the key.
#[test]
fn a_stale_partner_application_on_exchange_is_a_failure() {
    let analyses = healthy_analyses();
    let ctx = Context {
        analyses: Some(&analyses),
        sip_domain: Some("litwareinc.com"),
        skype_metadata_url: None,
    };
    let moved =
        fixture("testout/get-partnerapplication-hybrid.txt").replace("atl-cs-001.", "atl-cs-old.");
    let found = diagnose(&read(&moved), &ctx);
    let stale = found
        .iter()
        .find(|f| f.id == "S2S-PARTNER-STALE-URL")
        .unwrap_or_else(|| panic!("{:?}", ids(&found)));
    assert_eq!(stale.severity, Severity::Fail);
    assert_eq!(
        stale.expected.as_deref(),
        Some("AuthMetadataUrl https://atl-cs-001.litwareinc.com/metadata/json/1")
    );
    assert_eq!(
        stale.actual.as_deref(),
        Some("AuthMetadataUrl https://atl-cs-old.litwareinc.com/metadata/json/1")
    );
    assert!(stale.fix.as_deref().is_some_and(|f| f.contains(
        "Remove-PartnerApplication 'LyncEnterprise-9a3c1e5b-2d44-4f6e-8b1a-0c7d2e6f4a11'"
    )));
    assert_eq!(
        stale.fix_steps,
        ["exchange-partner-application", "exchange-iisreset"]
    );

    let old_key = diagnose(
        &read(&lync_holding(&fixture("generated/exchange-auth.pem"))),
        &ctx,
    );
    let f = old_key
        .iter()
        .find(|f| f.id == "S2S-PARTNER-KEY-STALE")
        .unwrap_or_else(|| panic!("{:?}", ids(&old_key)));
    assert_eq!(f.severity, Severity::Fail);
    assert!(f.fix_steps.contains(&"exchange-refresh-skype-metadata"));

    // No documents: the pool given, Skype's key from Get-CsCertificate.
    let given = Context {
        skype_metadata_url: Some("https://atl-cs-old.litwareinc.com/metadata/json/1"),
        ..Context::default()
    };
    let r = read_all(&[
        &fixture("testout/get-partnerapplication-hybrid.txt"),
        &fixture("testout/get-cscertificate-oauth.txt"),
    ]);
    let found = ids(&diagnose(&r, &given));
    assert!(found.contains(&"S2S-PARTNER-STALE-URL"), "{found:?}");
    // The stored certificate is compared only for the application that reads this pool.
    assert!(!found.contains(&"S2S-PARTNER-KEY-STALE"), "{found:?}");
    let here = Context {
        skype_metadata_url: Some("https://atl-cs-001.litwareinc.com/metadata/json/1"),
        ..Context::default()
    };
    let found = ids(&diagnose(&r, &here));
    assert!(found.contains(&"S2S-PARTNER-KEY-STALE"), "{found:?}");
}

/// A passing test offers the optional features that use the trust, linked
/// to their plan steps.
#[test]
fn a_passed_test_offers_the_next_steps() {
    let found = alone(&fixture("testout/test-csexstorage-passed-verbose.txt"));
    let passed = found
        .iter()
        .find(|f| f.id == "S2S-TEST-PASSED")
        .unwrap_or_else(|| panic!("{:?}", ids(&found)));
    assert_eq!(
        passed.fix_steps,
        ["skype-exchange-archiving", "skype-unified-contact-store"]
    );
    assert!(
        passed
            .fix
            .as_deref()
            .is_some_and(|f| f.contains("unified contact store"))
    );
}
