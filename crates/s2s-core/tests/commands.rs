//! The configuration plan: golden output for Microsoft's litwareinc.com
//! example, and a real PowerShell grammar check (tree-sitter-powershell) of
//! every generated command: the command names, one verbatim literal per user
//! value with exactly the value inside, and never a second command.

use proptest::prelude::*;
use s2s_core::commands::{Plan, RawPlanInput, Step, needed_input, plan, to_ps1};
use s2s_core::powershell::SINGLE_QUOTES;
use s2s_core::principal::EXCHANGE;
use tree_sitter::{Node, Parser, Tree};

const EXCHANGE_AUTH_PEM: &str = include_str!("../../../fixtures/generated/exchange-auth.pem");

fn litware() -> RawPlanInput {
    RawPlanInput::litware_example()
}

fn plan_of(raw: &RawPlanInput) -> Plan {
    plan(&raw.validate().expect("valid input").input)
}

fn step<'a>(plan: &'a Plan, id: &str) -> &'a Step {
    plan.steps
        .iter()
        .find(|s| s.id == id)
        .unwrap_or_else(|| panic!("no step {id}"))
}

fn parse(code: &str) -> Tree {
    let mut parser = Parser::new();
    parser
        .set_language(&tree_sitter_powershell::LANGUAGE.into())
        .expect("grammar loads");
    parser.parse(code, None).expect("parses")
}

fn walk<'t>(node: Node<'t>, out: &mut Vec<Node<'t>>) {
    out.push(node);
    let mut cursor = node.walk();
    for child in node.children(&mut cursor) {
        walk(child, out);
    }
}

fn nodes<'t>(tree: &'t Tree) -> Vec<Node<'t>> {
    let mut out = Vec::new();
    walk(tree.root_node(), &mut out);
    out
}

/// The content of a single-quoted literal, unescaped as PowerShell does: a
/// quote character followed by another stands for the second.
fn unescape_verbatim(literal: &str) -> String {
    let chars: Vec<char> = literal.chars().collect();
    assert!(
        chars.len() >= 2
            && SINGLE_QUOTES.contains(&chars[0])
            && SINGLE_QUOTES.contains(&chars[chars.len() - 1]),
        "not a verbatim literal: {literal}"
    );
    let inner = &chars[1..chars.len() - 1];
    let mut out = String::new();
    let mut i = 0;
    while i < inner.len() {
        if SINGLE_QUOTES.contains(&inner[i]) {
            assert!(
                i + 1 < inner.len() && SINGLE_QUOTES.contains(&inner[i + 1]),
                "lone quote inside {literal}"
            );
            out.push(inner[i + 1]);
            i += 2;
        } else {
            out.push(inner[i]);
            i += 1;
        }
    }
    out
}

struct Parsed {
    command_names: Vec<String>,
    parameters: Vec<String>,
    literals: Vec<String>,
}

/// Parses a step's command text and checks what must always hold.
fn grammar_check(step: &Step) -> Parsed {
    let tree = parse(&step.command);
    let src = step.command.as_bytes();
    assert!(
        !tree.root_node().has_error(),
        "{}: does not parse:\n{}\n{}",
        step.id,
        step.command,
        tree.root_node().to_sexp()
    );
    let all = nodes(&tree);
    let text = |n: &Node| n.utf8_text(src).unwrap_or_default().to_string();
    let mut parsed = Parsed {
        command_names: Vec::new(),
        parameters: Vec::new(),
        literals: Vec::new(),
    };
    for n in &all {
        match n.kind() {
            "command" => {
                if let Some(name) = n.child_by_field_name("command_name") {
                    // A script run with `&` is named by a quoted path (a user
                    // value, checked with the literals) or an expression.
                    let name = text(&name);
                    let name = if name.starts_with(SINGLE_QUOTES) {
                        "<quoted script path>".to_string()
                    } else {
                        name
                    };
                    parsed.command_names.push(name);
                }
            }
            "command_parameter" => parsed.parameters.push(text(n)),
            "string_literal" => {
                let lit = text(n);
                assert!(
                    !lit.starts_with('"'),
                    "{}: a double-quoted string would expand: {lit}",
                    step.id
                );
                parsed.literals.push(unescape_verbatim(&lit));
            }
            "expandable_string_literal" | "expandable_here_string_literal" | "sub_expression" => {
                panic!("{}: expandable content in {}", step.id, step.command)
            }
            _ => {}
        }
    }
    // Every user value is exactly one literal, verbatim.
    let mut remaining = parsed.literals.clone();
    for value in &step.literals {
        let at = remaining
            .iter()
            .position(|l| l == value)
            .unwrap_or_else(|| {
                panic!(
                    "{}: the value {value:?} is not one literal in {}",
                    step.id, step.command
                )
            });
        remaining.remove(at);
    }
    // Other literals are the crate's constants (the Exchange id in the repair form,
    // Microsoft's documented renewal values, the Join-Path child).
    for extra in remaining {
        assert!(
            extra == EXCHANGE.id
                || extra.contains("Microsoft Exchange Server Auth Certificate")
                || extra.starts_with("Scripts\\"),
            "{}: unexpected literal {extra:?}",
            step.id
        );
    }
    parsed
}

#[test]
fn golden_litwareinc_example() {
    let p = plan_of(&litware());
    assert_eq!(
        p.skype_metadata_url,
        "https://atl-cs-001.litwareinc.com/metadata/json/1"
    );
    assert_eq!(
        p.exchange_metadata_url,
        "https://autodiscover.litwareinc.com/autodiscover/metadata/json/1"
    );
    assert_eq!(
        step(&p, "exchange-partner-application").command,
        "& (Join-Path $env:ExchangeInstallPath 'Scripts\\Configure-EnterprisePartnerApplication.ps1') -AuthMetadataUrl 'https://atl-cs-001.litwareinc.com/metadata/json/1' -ApplicationType Lync"
    );
    assert_eq!(
        step(&p, "exchange-iisreset").command,
        "iisreset 'atl-exchange-001'"
    );
    assert_eq!(
        step(&p, "skype-partner-application").command,
        "New-CsPartnerApplication -Identity 'Exchange' -ApplicationTrustLevel Full -MetadataUrl 'https://autodiscover.litwareinc.com/autodiscover/metadata/json/1'"
    );
    assert_eq!(
        step(&p, "skype-test-storage").command,
        "Test-CsExStorageConnectivity -SipUri 'sip:kenmyer@litwareinc.com' -DeleteItem -Verbose"
    );
    // How Skype finds Exchange, which Microsoft's planning page requires.
    let autodiscover = step(&p, "skype-oauth-autodiscover");
    assert_eq!(
        autodiscover.command,
        "Set-CsOAuthConfiguration -Identity global -ExchangeAutodiscoverUrl 'https://autodiscover.litwareinc.com/autodiscover/autodiscover.svc'"
    );
    assert_eq!(
        autodiscover.verify.as_deref(),
        Some("Get-CsOAuthConfiguration | Format-List ExchangeAutodiscoverUrl")
    );
    assert!(autodiscover.changes_configuration);
    let order: Vec<&str> = p.steps.iter().map(|s| s.id).collect();
    let pos = |id: &str| order.iter().position(|x| *x == id).unwrap_or(usize::MAX);
    assert!(pos("skype-oauth-autodiscover") < pos("skype-partner-application"));
    assert!(pos("skype-partner-application") < pos("exchange-partner-application"));
    assert!(pos("exchange-partner-application") < pos("exchange-iisreset"));
    assert!(pos("exchange-iisreset") < pos("skype-test-storage"));
    // The literal path only when given; the lab switch bound with a colon.
    let given = plan_of(&RawPlanInput {
        install_path: "D:\\Exchange Server\\V15".into(),
        trust_any_ssl: true,
        ..litware()
    });
    assert_eq!(
        step(&given, "exchange-partner-application").command,
        "& 'D:\\Exchange Server\\V15\\Scripts\\Configure-EnterprisePartnerApplication.ps1' -AuthMetadataUrl 'https://atl-cs-001.litwareinc.com/metadata/json/1' -ApplicationType Lync -TrustAnySSLCertificate:$true"
    );
    // No TrustAnySSLCertificate unless asked.
    assert!(
        !step(&p, "exchange-partner-application")
            .command
            .contains("TrustAnySSLCertificate")
    );
}

#[test]
fn every_command_of_every_variant_parses_as_intended() {
    let mut variants = vec![litware()];
    variants.push(RawPlanInput {
        install_path: "$env:ExchangeInstallPath".into(),
        trust_any_ssl: true,
        partner_may_exist: true,
        realm: "litwareinc.com".into(),
        storage_service: "atl-cs-001.litwareinc.com".into(),
        ..litware()
    });
    variants.push(RawPlanInput {
        exchange_servers: vec![
            "atl-exchange-001".into(),
            "atl-exchange-002.litwareinc.com".into(),
        ],
        identity: "microsoft.exchange".into(),
        trust_level: "Application".into(),
        ..litware()
    });
    for raw in variants {
        let p = plan_of(&raw);
        for s in &p.steps {
            let parsed = grammar_check(s);
            assert!(!parsed.command_names.is_empty(), "{}", s.id);
        }
        let ex = grammar_check(step(&p, "exchange-partner-application"));
        assert_eq!(ex.parameters[..2], ["-AuthMetadataUrl", "-ApplicationType"]);
        if raw.trust_any_ssl {
            assert!(
                step(&p, "exchange-partner-application")
                    .command
                    .ends_with("-TrustAnySSLCertificate:$true")
            );
        }
        let sk = grammar_check(step(&p, "skype-partner-application"));
        assert!(
            sk.command_names
                .contains(&"New-CsPartnerApplication".to_string())
        );
        if raw.partner_may_exist {
            for name in [
                "Get-CsPartnerApplication",
                "Remove-CsPartnerApplication",
                "Set-CsPartnerApplication",
            ] {
                assert!(
                    sk.command_names.contains(&name.to_string()),
                    "{name}: {:?}",
                    sk.command_names
                );
            }
        } else {
            assert_eq!(sk.command_names, ["New-CsPartnerApplication"]);
            assert_eq!(
                sk.parameters,
                ["-Identity", "-ApplicationTrustLevel", "-MetadataUrl"]
            );
        }
        let test = grammar_check(step(&p, "skype-test-storage"));
        if raw.storage_service.is_empty() {
            assert_eq!(test.parameters, ["-SipUri", "-DeleteItem", "-Verbose"]);
        } else {
            assert_eq!(
                test.parameters,
                [
                    "-SipUri",
                    "-Binding",
                    "-HostNameStorageService",
                    "-DeleteItem",
                    "-Verbose"
                ]
            );
        }
        let ps1 = to_ps1(&p);
        assert!(
            !parse(&ps1).root_node().has_error(),
            "the .ps1 does not parse"
        );
    }
}

#[test]
fn oauth_certificate_and_certificate_alternative() {
    let raw = RawPlanInput {
        oauth_thumbprint: "7A787D049AD53D4E628D5D6A8D98D5F9F2F66DCA".into(),
        exchange_certificate: EXCHANGE_AUTH_PEM.into(),
        exchange_certificate_realm: "litwareinc.com".into(),
        ..litware()
    };
    let p = plan_of(&raw);
    assert_eq!(
        step(&p, "skype-oauth-certificate").command,
        "Set-CsCertificate -Identity global -Type OAuthTokenIssuer -Thumbprint '7A787D049AD53D4E628D5D6A8D98D5F9F2F66DCA'"
    );
    let alt = step(&p, "skype-partner-application-certificate");
    let parsed = grammar_check(alt);
    assert_eq!(
        parsed.parameters,
        [
            "-Identity",
            "-ApplicationIdentifier",
            "-ApplicationTrustLevel",
            "-Realm",
            "-CertificateRawData"
        ]
    );
    let der = s2s_core::cert::decode_any(EXCHANGE_AUTH_PEM.as_bytes()).expect("fixture")[0]
        .der
        .clone();
    use base64::Engine;
    assert!(
        parsed
            .literals
            .contains(&base64::engine::general_purpose::STANDARD.encode(der))
    );

    let rolled = RawPlanInput {
        oauth_effective_date: "2026-12-01".into(),
        ..raw.clone()
    };
    assert!(
        step(&plan_of(&rolled), "skype-oauth-certificate")
            .command
            .ends_with("-EffectiveDate '2026-12-01' -Roll")
    );

    let bad = RawPlanInput {
        oauth_thumbprint: "12AB".into(),
        exchange_certificate: "not a cert".into(),
        exchange_certificate_realm: String::new(),
        ..litware()
    };
    let fields: Vec<&str> = bad
        .validate()
        .err()
        .unwrap_or_default()
        .iter()
        .map(|e| e.field)
        .collect();
    for field in [
        "OAuthTokenIssuer thumbprint",
        "Exchange certificate",
        "certificate realm",
    ] {
        assert!(fields.contains(&field), "{field}: {fields:?}");
    }
}

#[test]
fn ps1_labels_shells_and_marks_changes() {
    let ps1 = to_ps1(&plan_of(&litware()));
    assert!(ps1.contains("# Shell: Exchange Management Shell"));
    assert!(ps1.contains("# Shell: Skype for Business Server Management Shell"));
    assert!(ps1.contains("# CHANGES CONFIGURATION."));
    // Maintenance is commented out: only run on purpose.
    assert!(ps1.contains("# Set-AuthConfig -PublishCertificate"));
    assert!(!ps1.lines().any(|l| l.starts_with("Set-AuthConfig")));
}

#[test]
fn validation_reports_every_problem_with_its_field() {
    let raw = RawPlanInput {
        pool: "atl cs".into(),
        exchange: "".into(),
        test_user: "kenmyer".into(),
        install_path: "Program Files".into(),
        trust_level: "Admin".into(),
        exchange_servers: vec!["ok-server".into(), "bad'server".into()],
        ..RawPlanInput::default()
    };
    let errors = raw.validate().err().unwrap_or_default();
    let fields: Vec<&str> = errors.iter().map(|e| e.field).collect();
    for field in [
        "pool",
        "Exchange autodiscover host",
        "test user SIP URI",
        "Exchange install path",
        "trust level",
        "Exchange server",
    ] {
        assert!(fields.contains(&field), "{field} not reported: {errors:?}");
    }
    // Pastes are accepted and explained.
    let raw = RawPlanInput {
        pool: "https://atl-cs-001.litwareinc.com/metadata/json/1".into(),
        exchange: "https://autodiscover.litwareinc.com/metadata/json/1".into(),
        ..litware()
    };
    let v = raw.validate().expect("valid");
    assert_eq!(v.notes.len(), 2, "{:?}", v.notes);
    // The documentation's URL without /autodiscover becomes the right one.
    assert_eq!(
        plan(&v.input).exchange_metadata_url,
        "https://autodiscover.litwareinc.com/autodiscover/metadata/json/1"
    );
}

const HOSTILE: &[&str] = &[
    "'; Remove-Item C:\\ -Recurse; '",
    "$(Remove-Item C:\\)",
    "`$x",
    "a\u{2019}; Remove-Item x; \u{2018}",
    "a\nRemove-Item x",
    "a\0b",
    "x' -ApplicationTrustLevel Full -MetadataUrl 'https://evil",
    "\"; Remove-Item x; \"",
    "a | Remove-Item",
];

type Setter = fn(&mut RawPlanInput, &str);

/// Each free-text field, with a benign value to compare against.
const FIELDS: &[(&str, Setter)] = &[
    ("atl-cs-002.litwareinc.com", |r, v| r.pool = v.to_string()),
    ("autodiscover2.litwareinc.com", |r, v| {
        r.exchange = v.to_string()
    }),
    ("atl-exchange-009", |r, v| {
        r.exchange_servers = vec![v.to_string()]
    }),
    ("kenmyer2", |r, v| {
        r.test_user = format!("sip:{v}@litwareinc.com")
    }),
    ("Exchange Two", |r, v| r.identity = v.to_string()),
    ("Exchange", |r, v| r.install_path = format!("C:\\{v}")),
    ("litwareinc.com", |r, v| r.realm = v.to_string()),
    ("atl-cs-001.litwareinc.com", |r, v| {
        r.storage_service = v.to_string()
    }),
];

/// Builds a plan with `value` in each free-text field in turn; for each
/// field the value is rejected, or every command parses with the same
/// commands and parameters as with a benign value, the value inside one
/// literal.
fn hostile_holds(value: &str) {
    // Blank means "not given" for the optional fields: another plan, rightly.
    if value.trim().is_empty() {
        return;
    }
    for (benign, set) in FIELDS {
        let mut base = litware();
        set(&mut base, benign);
        let baseline = plan_of(&base);
        let mut raw = litware();
        set(&mut raw, value);
        let Ok(v) = raw.validate() else { continue };
        let p = plan(&v.input);
        assert_eq!(
            p.steps.len(),
            baseline.steps.len(),
            "{value:?} changed the plan"
        );
        for (s, b) in p.steps.iter().zip(&baseline.steps) {
            let parsed = grammar_check(s);
            let base_parsed = grammar_check(b);
            assert_eq!(
                parsed.command_names, base_parsed.command_names,
                "{}: {value:?} changed the commands",
                s.id
            );
            assert_eq!(
                parsed.parameters, base_parsed.parameters,
                "{}: {value:?} changed the parameters",
                s.id
            );
        }
    }
}

#[test]
fn hostile_values_never_make_a_second_command() {
    for value in HOSTILE {
        hostile_holds(value);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_values_are_rejected_or_inert(value in "[\\PC'‘’‚‛`$\"; |&(){}\\[\\]\n\r\0-]{0,24}") {
        hostile_holds(&value);
    }

    #[test]
    fn accepted_host_names_round_trip(host in "[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?){0,3}") {
        let raw = RawPlanInput { pool: host.clone(), ..litware() };
        let p = plan_of(&raw);
        let s = step(&p, "exchange-partner-application");
        let parsed = grammar_check(s);
        let expected = format!("https://{host}/metadata/json/1");
        prop_assert!(parsed.literals.contains(&expected));
    }
}

/// What DOMAIN.md asks of the order and the texts: a realm is set before
/// Exchange's script reads Skype's document; the script's step says to run
/// iisreset when no server is named; create-or-repair sets the service
/// name and has no undo; a trust level other than Full says Exchange needs
/// Full.
#[test]
fn plan_follows_the_domain_rules() {
    let with_realm = plan_of(&RawPlanInput {
        realm: "litwareinc.com".into(),
        ..litware()
    });
    let ids: Vec<&str> = with_realm.steps.iter().map(|s| s.id).collect();
    let pos = |id: &str| ids.iter().position(|x| *x == id).unwrap_or(usize::MAX);
    assert!(pos("skype-oauth-configuration") < pos("exchange-partner-application"));
    assert!(!ids.contains(&"skype-oauth-service-name"));

    let repair = plan_of(&RawPlanInput {
        exchange_servers: Vec::new(),
        partner_may_exist: true,
        trust_level: "Application".into(),
        ..litware()
    });
    assert!(repair.steps.iter().all(|s| s.id != "exchange-iisreset"));
    let script = step(&repair, "exchange-partner-application");
    assert!(
        script.warning.as_deref().is_some_and(
            |w| w.contains("Then run iisreset on every Exchange Mailbox/Client Access server")
        ),
        "{:?}",
        script.warning
    );
    let skype = step(&repair, "skype-partner-application");
    assert_eq!(skype.undo, None);
    assert!(
        skype.what_it_does.contains("Exchange needs Full"),
        "{}",
        skype.what_it_does
    );
    assert_eq!(
        step(&repair, "skype-oauth-service-name").command,
        "Set-CsOAuthConfiguration -ServiceName 00000004-0000-0ff1-ce00-000000000000"
    );
    grammar_check(step(&repair, "skype-oauth-service-name"));
    let names = |p: &Plan| -> Vec<&str> { p.steps.iter().map(|s| s.id).collect() };
    let order = names(&repair);
    assert!(
        order.iter().position(|x| *x == "skype-partner-application")
            < order.iter().position(|x| *x == "skype-oauth-service-name")
    );
    // The plain form keeps its undo, and Full says what it allows.
    let plain = step(&with_realm, "skype-partner-application");
    assert_eq!(
        plain.undo.as_deref(),
        Some("Remove-CsPartnerApplication -Identity 'Exchange'")
    );
    assert!(
        plain
            .what_it_does
            .contains("trust level Full (Exchange may act as itself")
    );
}

/// Findings link to plan steps by id: every id they name (in the document
/// checks, the test-output reader and the live probe) must be a step of a
/// plan with every optional input given; a step not in every plan is named
/// by the field that adds it (`steps_missing_from_a_plan_name_the_input_they_need`).
#[test]
fn findings_link_to_existing_steps() {
    let full = RawPlanInput {
        realm: "litwareinc.com".into(),
        oauth_thumbprint: "7A787D049AD53D4E628D5D6A8D98D5F9F2F66DCA".into(),
        exchange_certificate: EXCHANGE_AUTH_PEM.into(),
        exchange_certificate_realm: "litwareinc.com".into(),
        ..litware()
    };
    let repair = RawPlanInput {
        partner_may_exist: true,
        ..litware()
    };
    let plans = [plan_of(&full), plan_of(&repair)];
    let ids: Vec<&str> = plans
        .iter()
        .flat_map(|p| p.steps.iter().map(|s| s.id))
        .collect();
    let src = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
    let mut linked = 0;
    let sources = ["findings", "testout", "exchange_trust"]
        .iter()
        .flat_map(|d| std::fs::read_dir(format!("{src}/{d}")).expect("sources"));
    for entry in sources {
        let text = std::fs::read_to_string(entry.expect("entry").path()).expect("read");
        for part in text.split('"').skip(1).step_by(2) {
            let looks_like_step = ["collect-", "exchange-", "skype-"]
                .iter()
                .any(|p| part.starts_with(p))
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if looks_like_step {
                linked += 1;
                assert!(
                    ids.contains(&part),
                    "findings link to {part:?}, which is not a step: {ids:?}"
                );
            }
        }
    }
    assert!(linked >= 5, "only {linked} links found");
}

/// A step missing from a plan is missing for the one input `needed_input`
/// names, so a finding that links to it can say which field to fill in.
#[test]
fn steps_missing_from_a_plan_name_the_input_they_need() {
    let minimal = RawPlanInput {
        pool: "atl-cs-001.litwareinc.com".into(),
        exchange: "autodiscover.litwareinc.com".into(),
        ..RawPlanInput::default()
    };
    let with = |field: &str| {
        let mut raw = minimal.clone();
        match field {
            "realm" => raw.realm = "litwareinc.com".into(),
            "partner application may exist" => raw.partner_may_exist = true,
            "Exchange server" => raw.exchange_servers = vec!["atl-exchange-001".into()],
            "test user SIP URI" => raw.test_user = "sip:kenmyer@litwareinc.com".into(),
            "OAuthTokenIssuer thumbprint" => {
                raw.oauth_thumbprint = "7A787D049AD53D4E628D5D6A8D98D5F9F2F66DCA".into()
            }
            // A roll needs the certificate to roll to as well.
            "effective date" => {
                raw.oauth_thumbprint = "7A787D049AD53D4E628D5D6A8D98D5F9F2F66DCA".into();
                raw.oauth_effective_date = "2026-12-01 06:00".into();
            }
            "Exchange certificate" => {
                raw.exchange_certificate = EXCHANGE_AUTH_PEM.into();
                // The alternative also needs its realm; the form says so at
                // that field once the certificate is given.
                raw.exchange_certificate_realm = "litwareinc.com".into();
            }
            other => panic!("needed_input names {other:?}, which this test cannot fill in"),
        }
        plan_of(&raw)
    };
    let everything = RawPlanInput {
        realm: "litwareinc.com".into(),
        oauth_thumbprint: "7A787D049AD53D4E628D5D6A8D98D5F9F2F66DCA".into(),
        oauth_effective_date: "2026-12-01 06:00".into(),
        exchange_certificate: EXCHANGE_AUTH_PEM.into(),
        exchange_certificate_realm: "litwareinc.com".into(),
        ..litware()
    };
    let in_minimal: Vec<&str> = plan_of(&minimal).steps.iter().map(|s| s.id).collect();
    let mut conditional = 0;
    for s in plan_of(&everything).steps {
        match needed_input(s.id) {
            None => assert!(
                in_minimal.contains(&s.id),
                "{} is not in every plan, but needed_input names nothing for it",
                s.id
            ),
            Some(field) => {
                conditional += 1;
                assert!(
                    !in_minimal.contains(&s.id),
                    "{} is in every plan, yet needed_input names {field:?}",
                    s.id
                );
                assert!(
                    with(field).steps.iter().any(|t| t.id == s.id),
                    "{field:?} given, and still no step {}",
                    s.id
                );
            }
        }
    }
    assert_eq!(conditional, 6);
    // The service-name step comes with the create-or-repair form only when no
    // realm is given (the realm step sets the service name too).
    let repair = with("partner application may exist");
    assert!(
        repair
            .steps
            .iter()
            .any(|s| s.id == "skype-oauth-service-name")
    );
    assert_eq!(
        needed_input("skype-oauth-service-name"),
        Some("partner application may exist")
    );
}

/// Every text of every step a plan can have, and its group's label, has its
/// Korean in the catalogue the app fetches (commands stay as they are).
#[test]
fn every_step_reads_in_korean() {
    let korean = s2s_core::i18n::Catalogue::parse(include_str!("../../../i18n/ko.json"))
        .unwrap_or_else(|e| panic!("i18n/ko.json: {e}"));
    let everything = RawPlanInput {
        trust_any_ssl: true,
        realm: "litwareinc.com".into(),
        storage_service: "atl-cs-001.litwareinc.com".into(),
        oauth_thumbprint: "7A787D049AD53D4E628D5D6A8D98D5F9F2F66DCA".into(),
        exchange_certificate: EXCHANGE_AUTH_PEM.into(),
        exchange_certificate_realm: "litwareinc.com".into(),
        exchange_servers: vec!["atl-exchange-001".into(), "atl-exchange-002".into()],
        ..litware()
    };
    let inputs = [
        litware(),
        // No servers named, create-or-repair without a realm, another trust level.
        RawPlanInput {
            pool: "atl-cs-001.litwareinc.com".into(),
            exchange: "autodiscover.litwareinc.com".into(),
            partner_may_exist: true,
            trust_any_ssl: true,
            trust_level: "Application".into(),
            ..RawPlanInput::default()
        },
        RawPlanInput {
            partner_may_exist: true,
            oauth_effective_date: "2026-12-01T08:00".into(),
            ..everything.clone()
        },
        // Skype has no usable key: its certificate first.
        RawPlanInput {
            oauth_certificate_missing: true,
            ..everything.clone()
        },
        everything,
    ];
    let mut missing = std::collections::BTreeSet::new();
    let mut groups = std::collections::BTreeSet::new();
    let mut steps = std::collections::BTreeSet::new();
    for raw in &inputs {
        for s in plan_of(raw).steps {
            groups.insert(s.group.slug());
            steps.insert(s.id);
            if !korean.step_fully_translated(&s) {
                let k = korean.step(&s);
                for (en, ko) in [
                    (Some(s.title.as_str()), &k.title),
                    (Some(s.server.as_str()), &k.server),
                    (Some(s.what_it_does.as_str()), &k.what_it_does),
                    (s.warning.as_deref(), &k.warning),
                ] {
                    if let (Some(en), None) = (en, ko) {
                        missing.insert(en.to_string());
                    }
                }
                if korean.ui(s.group.label()).is_none() {
                    missing.insert(s.group.label().to_string());
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "no Korean for:\n{}",
        missing.into_iter().collect::<Vec<_>>().join("\n")
    );
    // The inputs above reach every group and every kind of step.
    assert_eq!(groups.len(), 8, "{groups:?}");
    assert_eq!(steps.len(), 21, "{steps:?}");
}

/// Skype Online's `SfBOnline` carries the on-premises Skype identifier on
/// Exchange (DOMAIN.md §9): the undo and the refresh select this pool's
/// `LyncEnterprise-*` application by name and metadata URL, never by the
/// identifier alone, and they parse as commands.
#[test]
fn exchange_steps_never_select_skype_online() {
    let p = plan_of(&litware());
    let selector = "Get-PartnerApplication | Where-Object Name -like 'LyncEnterprise-*' | Where-Object AuthMetadataUrl -eq 'https://atl-cs-001.litwareinc.com/metadata/json/1'";
    let script = step(&p, "exchange-partner-application");
    let refresh = step(&p, "exchange-refresh-skype-metadata");
    for (what, text) in [
        ("undo", script.undo.as_deref().unwrap_or_default()),
        ("verify", script.verify.as_deref().unwrap_or_default()),
        ("refresh", refresh.command.as_str()),
        (
            "refresh verify",
            refresh.verify.as_deref().unwrap_or_default(),
        ),
    ] {
        assert!(text.starts_with(selector), "{what}: {text}");
        assert!(
            !text.contains("ApplicationIdentifier -eq"),
            "{what}: {text}"
        );
        assert!(
            !parse(text).root_node().has_error(),
            "{what} does not parse: {text}"
        );
    }
    assert_eq!(
        script.undo.as_deref(),
        Some(format!("{selector} | Remove-PartnerApplication").as_str())
    );
    assert_eq!(
        refresh.command,
        format!("{selector} | Set-PartnerApplication -RefreshAuthMetadata")
    );
}

/// The collect step asks for every property: the metadata URL and the
/// stored certificate the reader compares with this pool's.
#[test]
fn exchange_partner_applications_are_collected_whole() {
    let p = plan_of(&litware());
    let collect = step(&p, "collect-partner-applications");
    assert_eq!(collect.command, "Get-PartnerApplication | Format-List *");
    let parsed = grammar_check(collect);
    assert_eq!(
        parsed.command_names,
        ["Get-PartnerApplication", "Format-List"]
    );
}

/// Create-or-repair really repairs (DOMAIN.md §5, §9): Exchange's
/// application is found by its identifier whatever its identity, and the
/// repair sets the metadata URL and enables it; one that trusts Exchange
/// Online through the OAuth server (a Skype hybrid) is left alone with the
/// reason, as is a list with several.
#[test]
fn create_or_repair_finds_exchange_by_identifier_and_spares_a_hybrid() {
    let p = plan_of(&RawPlanInput {
        partner_may_exist: true,
        identity: "ExchangeOnPrem".into(),
        ..litware()
    });
    let s = step(&p, "skype-partner-application");
    let lines: Vec<&str> = s.command.lines().map(str::trim).collect();
    assert_eq!(
        lines[0],
        "$app = @(Get-CsPartnerApplication | Where-Object ApplicationIdentifier -eq '00000002-0000-0ff1-ce00-000000000000')"
    );
    assert!(
        lines.contains(&"Set-CsPartnerApplication -Identity $app[0].Identity -ApplicationTrustLevel Full -MetadataUrl 'https://autodiscover.litwareinc.com/autodiscover/metadata/json/1' -Enabled $true"),
        "{}",
        s.command
    );
    let hybrid = lines
        .iter()
        .position(|l| l.contains("$app[0].AuthToken -like '*UseOAuthServer*'"))
        .expect("the hybrid test");
    assert!(
        lines[hybrid + 1].starts_with("throw '") && lines[hybrid + 1].contains("break the hybrid")
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("throw 'Several Skype partner applications"))
    );
    // Only the identity given is removed, and only when no application is Exchange's.
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.starts_with("Remove-CsPartnerApplication"))
            .count(),
        1
    );
    assert!(lines.contains(&"Remove-CsPartnerApplication -Identity 'ExchangeOnPrem'"));
    assert_eq!(
        s.verify.as_deref(),
        Some(
            "Get-CsPartnerApplication | Where-Object ApplicationIdentifier -eq '00000002-0000-0ff1-ce00-000000000000'"
        )
    );
    let parsed = grammar_check(s);
    assert!(parsed.parameters.contains(&"-Enabled".to_string()));
    assert!(
        !parse(s.verify.as_deref().unwrap_or_default())
            .root_node()
            .has_error()
    );
}

/// Skype's OAuthTokenIssuer certificate (DOMAIN.md §5, §9): with no usable
/// key its assignment is the plan's first step (not a commented
/// maintenance line), and says it is global and replicated; a roll is
/// refused less than 24 hours before the current certificate expires, and
/// is followed by removing the previous certificate.
#[test]
fn skype_certificate_first_and_its_roll_rules() {
    let thumbprint = "7A787D049AD53D4E628D5D6A8D98D5F9F2F66DCA";
    let first = plan_of(&RawPlanInput {
        oauth_certificate_missing: true,
        oauth_thumbprint: thumbprint.into(),
        ..litware()
    });
    let s = &first.steps[0];
    assert_eq!(s.id, "skype-oauth-certificate");
    assert_eq!(
        s.command,
        format!(
            "Set-CsCertificate -Identity global -Type OAuthTokenIssuer -Thumbprint '{thumbprint}'"
        )
    );
    assert!(
        s.what_it_does.contains("globally") && s.what_it_does.contains("Central Management Store")
    );
    let ps1 = to_ps1(&first);
    assert!(
        ps1.lines().any(|l| l == s.command),
        "not commented out:\n{ps1}"
    );
    // Without the thumbprint there is no command to give: the form says so.
    let missing = RawPlanInput {
        oauth_certificate_missing: true,
        ..litware()
    };
    let errors = missing.validate().err().unwrap_or_default();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].field, "OAuthTokenIssuer thumbprint");
    // With a usable key, an assignment stays maintenance.
    let later = plan_of(&RawPlanInput {
        oauth_thumbprint: thumbprint.into(),
        ..litware()
    });
    assert_eq!(
        step(&later, "skype-oauth-certificate").group.slug(),
        "maintenance"
    );

    // A roll: then the previous certificate goes.
    let roll = RawPlanInput {
        oauth_thumbprint: thumbprint.into(),
        oauth_effective_date: "2026-12-01 06:00".into(),
        oauth_current_expiry: "2026-12-02 06:00".into(),
        ..litware()
    };
    let p = plan_of(&roll);
    let ids: Vec<&str> = p.steps.iter().map(|s| s.id).collect();
    let at = |id: &str| ids.iter().position(|x| *x == id).unwrap_or(usize::MAX);
    assert!(at("skype-oauth-certificate") < at("skype-oauth-remove-previous"));
    let remove = step(&p, "skype-oauth-remove-previous");
    assert_eq!(
        remove.command,
        "Remove-CsCertificate -Type OAuthTokenIssuer -Previous"
    );
    assert_eq!(grammar_check(remove).parameters, ["-Type", "-Previous"]);
    // Less than 24 hours before the expiry: refused, with the reason.
    for late in ["2026-12-01 06:01", "2026-12-02", "2026-12-03 00:00"] {
        let errors = RawPlanInput {
            oauth_effective_date: late.into(),
            ..roll.clone()
        }
        .validate()
        .err()
        .unwrap_or_default();
        assert_eq!(errors.len(), 1, "{late}: {errors:?}");
        assert_eq!(errors[0].field, "effective date");
        assert!(
            errors[0].to_string().contains(
                "at least 24 hours before the current certificate expires (2026-12-02 06:00)"
            ),
            "{}",
            errors[0]
        );
    }
    // No certificate to roll from: assign instead.
    let errors = RawPlanInput {
        oauth_certificate_missing: true,
        ..roll
    }
    .validate()
    .err()
    .unwrap_or_default();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].field, "effective date");
}

/// Exchange's Auth certificate (DOMAIN.md §9): the staged renewal comes
/// first (new certificate current in 48 hours, published now, a command
/// that checks every Exchange server has it), then clearing the previous
/// one after the date with the restarts; the immediate cutover is the
/// explicit alternative for an expired certificate. Each says publishing
/// can take up to an hour and that a hybrid runs the wizard again.
#[test]
fn exchange_auth_certificate_renewal_is_staged() {
    let p = plan_of(&litware());
    let ids: Vec<&str> = p.steps.iter().map(|s| s.id).collect();
    let at = |id: &str| ids.iter().position(|x| *x == id).unwrap_or(usize::MAX);
    assert!(at("exchange-stage-auth-certificate") < at("exchange-clear-previous-auth-certificate"));
    assert!(at("exchange-clear-previous-auth-certificate") < at("exchange-renew-auth-certificate"));
    let staged = step(&p, "exchange-stage-auth-certificate");
    let lines: Vec<&str> = staged.command.lines().collect();
    assert_eq!(
        lines[1..],
        [
            "Set-AuthConfig -NewCertificateThumbprint $cert.Thumbprint -NewCertificateEffectiveDate (Get-Date).AddHours(48)",
            "Set-AuthConfig -PublishCertificate",
        ]
    );
    assert!(!staged.command.contains("ClearPreviousCertificate"));
    let check = staged.verify.as_deref().unwrap_or_default();
    assert!(
        check.starts_with("Get-ExchangeServer | ") && check.contains("Get-ExchangeCertificate -Server $_.Name -Thumbprint (Get-AuthConfig).NextCertificateThumbprint"),
        "{check}"
    );
    let clear = step(&p, "exchange-clear-previous-auth-certificate");
    assert_eq!(
        clear.command,
        "Set-AuthConfig -ClearPreviousCertificate\nRestart-Service MSExchangeServiceHost\niisreset"
    );
    let now = step(&p, "exchange-renew-auth-certificate");
    assert!(now.title.contains("already expired"), "{}", now.title);
    assert!(
        now.command
            .contains("-NewCertificateEffectiveDate (Get-Date)\n")
    );
    for s in [staged, clear, now] {
        let parsed = grammar_check(s);
        assert!(
            parsed.command_names.contains(&"Set-AuthConfig".to_string()),
            "{}",
            s.id
        );
        let verify = s.verify.as_deref().unwrap_or_default();
        assert!(!parse(verify).root_node().has_error(), "{}: {verify}", s.id);
        let warning = s.warning.as_deref().unwrap_or_default();
        assert!(
            warning.contains("Hybrid Configuration Wizard"),
            "{}: {warning}",
            s.id
        );
    }
    for s in [staged, now] {
        assert!(
            s.warning
                .as_deref()
                .unwrap_or_default()
                .contains("up to an hour"),
            "{}",
            s.id
        );
    }
}

/// After a passing test, the features the seed names next (DOMAIN.md §5):
/// Exchange archiving and the unified contact store, each with what it does
/// and how to verify it, optional (commented out in the .ps1).
#[test]
fn optional_next_steps_follow_the_test() {
    let p = plan_of(&litware());
    let ids: Vec<&str> = p.steps.iter().map(|s| s.id).collect();
    let at = |id: &str| ids.iter().position(|x| *x == id).unwrap_or(usize::MAX);
    assert!(at("skype-test-storage") < at("skype-exchange-archiving"));
    for (id, command, verify) in [
        (
            "skype-exchange-archiving",
            "Set-CsArchivingConfiguration -Identity global -EnableExchangeArchiving $true",
            "Get-CsArchivingConfiguration -Identity global | Format-List EnableArchiving,EnableExchangeArchiving",
        ),
        (
            "skype-unified-contact-store",
            "Set-CsUserServicesPolicy -Identity global -UcsAllowed $true",
            "Get-CsUserServicesPolicy -Identity global | Format-List UcsAllowed",
        ),
    ] {
        let s = step(&p, id);
        assert_eq!(s.command, command);
        assert_eq!(s.verify.as_deref(), Some(verify));
        assert_eq!(s.group.slug(), "next-steps");
        assert!(!s.what_it_does.is_empty());
        grammar_check(s);
        assert!(!parse(verify).root_node().has_error());
        assert!(
            to_ps1(&p).contains(&format!("\n# {command}\n")),
            "commented out: {id}"
        );
    }
    // In every plan, so the passed test's finding can always show them.
    assert_eq!(needed_input("skype-exchange-archiving"), None);
}
