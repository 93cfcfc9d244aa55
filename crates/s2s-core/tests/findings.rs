//! Every finding id fires where it should and stays silent on a healthy pair
//! of documents. Certificates are real: `rcgen` (ECDSA) and, for RSA key
//! sizes and SHA-1 signatures, `openssl req`.

use std::sync::LazyLock;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use rcgen::{CertificateParams, DistinguishedName, DnType, KeyPair, date_time_ymd};
use s2s_core::findings::{Finding, Severity, diagnose, worst};
use s2s_core::i18n::Catalogue;
use s2s_core::principal::{EXCHANGE, SKYPE};
use s2s_core::thumbprint::Sha1Fingerprint;
use s2s_core::time::UnixTime;
use s2s_core::topology::{FetchOutcome, Observations, PastedThumbprint, Side, Topology};

/// The Korean catalogue the app fetches: every finding must be in it.
static KOREAN: LazyLock<Catalogue> = LazyLock::new(|| {
    Catalogue::parse(include_str!("../../../i18n/ko.json"))
        .unwrap_or_else(|e| panic!("i18n/ko.json: {e}"))
});

const SKYPE_URL: &str = "https://atl-cs-001.litwareinc.com/metadata/json/1";
const EXCHANGE_URL: &str = "https://autodiscover.litwareinc.com/autodiscover/metadata/json/1";

fn now() -> UnixTime {
    UnixTime::parse_rfc3339("2026-11-26T12:00:00Z").expect("time")
}

/// One RSA 2048 key for the tests' certificates (openssl makes it: ring
/// signs with RSA but cannot generate it), as both products sign RS256.
static RSA_KEY: LazyLock<String> = LazyLock::new(|| {
    let out = std::process::Command::new("openssl")
        .args([
            "genpkey",
            "-algorithm",
            "RSA",
            "-pkeyopt",
            "rsa_keygen_bits:2048",
        ])
        .stderr(std::process::Stdio::null())
        .output()
        .expect("openssl runs (./dev installs it)");
    assert!(out.status.success(), "openssl genpkey failed");
    String::from_utf8(out.stdout).expect("PEM")
});

/// An RSA certificate valid between two dates (y, m, d).
fn cert(cn: &str, from: (i32, u8, u8), until: (i32, u8, u8)) -> Vec<u8> {
    let key = KeyPair::from_pem_and_sign_algo(&RSA_KEY, &rcgen::PKCS_RSA_SHA256).expect("key");
    cert_with_key(cn, from, until, &key)
}

fn cert_with_key(cn: &str, from: (i32, u8, u8), until: (i32, u8, u8), key: &KeyPair) -> Vec<u8> {
    let mut p = CertificateParams::new(Vec::<String>::new()).expect("params");
    p.distinguished_name = DistinguishedName::new();
    p.distinguished_name.push(DnType::CommonName, cn);
    p.not_before = date_time_ymd(from.0, from.1, from.2);
    p.not_after = date_time_ymd(until.0, until.1, until.2);
    p.self_signed(key).expect("cert").der().to_vec()
}

fn valid_cert(cn: &str) -> Vec<u8> {
    cert(cn, (2025, 1, 1), (2028, 1, 1))
}

/// An RSA certificate from openssl, with the given key size and digest.
fn openssl_rsa_cert(bits: u32, digest: &str) -> Vec<u8> {
    let dir = tempfile_dir();
    let out = dir.join(format!("rsa{bits}-{digest}.der"));
    let status = std::process::Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-nodes",
            "-subj",
            "/CN=Microsoft Exchange Server Auth Certificate",
            "-days",
            "3650",
        ])
        .args([
            "-newkey",
            &format!("rsa:{bits}"),
            &format!("-{digest}"),
            "-keyout",
            "/dev/null",
            "-outform",
            "DER",
            "-out",
        ])
        .arg(&out)
        .stderr(std::process::Stdio::null())
        .status()
        .expect("openssl runs (./dev installs it)");
    assert!(status.success(), "openssl req failed");
    std::fs::read(&out).expect("openssl wrote the certificate")
}

/// An RSA 2048 certificate issued by a CA of its own and signed with SHA-1
/// (openssl: a CA, then a request signed by it).
fn openssl_ca_issued_sha1_cert() -> Vec<u8> {
    let dir = tempfile_dir();
    let run = |args: &[&str]| {
        let status = std::process::Command::new("openssl")
            .args(args)
            .current_dir(&dir)
            .stderr(std::process::Stdio::null())
            .status()
            .expect("openssl runs (./dev installs it)");
        assert!(status.success(), "openssl {args:?} failed");
    };
    run(&[
        "req",
        "-x509",
        "-nodes",
        "-subj",
        "/CN=Litware Issuing CA",
        "-days",
        "3650",
        "-newkey",
        "rsa:2048",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
    ]);
    run(&[
        "req",
        "-new",
        "-nodes",
        "-subj",
        "/CN=Microsoft Exchange Server Auth Certificate",
        "-newkey",
        "rsa:2048",
        "-keyout",
        "leaf.key",
        "-out",
        "leaf.csr",
    ]);
    run(&[
        "x509",
        "-req",
        "-in",
        "leaf.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-sha1",
        "-days",
        "3650",
        "-outform",
        "DER",
        "-out",
        "leaf-sha1.der",
    ]);
    std::fs::read(dir.join("leaf-sha1.der")).expect("openssl wrote the certificate")
}

fn tempfile_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("s2s-findings-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn x5t(der: &[u8]) -> String {
    Sha1Fingerprint::of(der).x5t()
}

/// A document with the given principal, realm and keys `(x5t, value)`.
fn document(service: &str, realm: &str, keys: &[(Option<String>, String)]) -> String {
    let keys: Vec<String> = keys
        .iter()
        .map(|(x5t, value)| {
            let info = x5t
                .as_ref()
                .map(|x| format!(r#""keyinfo":{{"x5t":"{x}"}},"#))
                .unwrap_or_default();
            format!(r#"{{"usage":"signing",{info}"keyvalue":{{"type":"x509Certificate","value":"{value}"}}}}"#)
        })
        .collect();
    format!(
        r#"{{"id":"_1","version":"1.0","name":"n","realm":"{realm}","serviceName":"{service}","issuer":"{service}@{realm}","allowedAudiences":["{service}@{realm}"],"keys":[{}],"endpoints":[]}}"#,
        keys.join(",")
    )
}

fn doc_with_cert(service: &str, realm: &str, der: &[u8]) -> String {
    document(service, realm, &[(Some(x5t(der)), STANDARD.encode(der))])
}

fn ok(body: String) -> FetchOutcome {
    response(200, body, "Thu, 26 Nov 2026 12:00:00 GMT")
}

fn response(status: u16, body: String, date: &str) -> FetchOutcome {
    FetchOutcome::Response {
        status,
        content_type: Some("application/json; charset=utf-8".into()),
        date: Some(date.into()),
        received_at: None,
        body: body.into_bytes(),
    }
}

struct Case {
    topology: Topology,
    observations: Observations,
    skype_cert: Vec<u8>,
    exchange_cert: Vec<u8>,
}

fn healthy() -> Case {
    let skype_cert = valid_cert("litwareinc.com");
    let exchange_cert = valid_cert("Microsoft Exchange Server Auth Certificate");
    Case {
        topology: Topology {
            skype_metadata_url: Some(SKYPE_URL.into()),
            exchange_metadata_url: Some(EXCHANGE_URL.into()),
            sip_domain: Some("litwareinc.com".into()),
            pasted_thumbprints: vec![PastedThumbprint {
                side: Side::Exchange,
                source: "Get-AuthConfig CurrentCertificateThumbprint".into(),
                value: Sha1Fingerprint::of(&exchange_cert),
            }],
        },
        observations: Observations {
            skype: Some(ok(doc_with_cert(SKYPE.id, "litwareinc.com", &skype_cert))),
            exchange: Some(ok(doc_with_cert(EXCHANGE.id, "*", &exchange_cert))),
        },
        skype_cert,
        exchange_cert,
    }
}

fn run(case: &Case) -> Vec<Finding> {
    let found = diagnose(&case.topology, &case.observations, now());
    // The Korean UI shows every finding in Korean: each one these tests
    // produce must have its title, fix and explanation in the catalogue.
    for f in &found {
        assert!(
            KOREAN.fully_translated(f),
            "{} has English text without Korean: {:?} / {:?} / {:?} / values {:?}",
            f.id,
            f.title,
            f.fix,
            f.explanation,
            KOREAN.values_left_in_english(f)
        );
    }
    found
}

fn ids(findings: &[Finding]) -> Vec<&'static str> {
    findings.iter().map(|f| f.id).collect()
}

/// The finding with this id (on this side), which must exist.
fn fired<'a>(findings: &'a [Finding], id: &str, side: Side) -> &'a Finding {
    findings
        .iter()
        .find(|f| f.id == id && f.side == side)
        .unwrap_or_else(|| panic!("{id} on {side:?} did not fire; got {:?}", ids(findings)))
}

/// The finding must not be there (on this side).
fn silent(findings: &[Finding], id: &str, side: Side) {
    assert!(
        findings.iter().all(|f| f.id != id || f.side != side),
        "{id} on {side:?} fired but should not: {:?}",
        ids(findings)
    );
}

/// Passes: each fires on the healthy pair, and each test below shows it
/// silent where its check fails.
const PASS_IDS: &[&str] = &[
    "S2S-URL-OK",
    "S2S-DOC-READ",
    "S2S-PRINCIPAL-OK",
    "S2S-ISSUER-OK",
    "S2S-REALM-SIP-OK",
    "S2S-KEY-X5T-OK",
    "S2S-CERT-VALID",
    "S2S-CERT-KEY-OK",
    "S2S-CERT-SIG-OK",
    "S2S-THUMBPRINT-PUBLISHED",
    "S2S-CERT-DISTINCT",
    "S2S-CLOCK-OK",
    "S2S-CERT-SIP-DOMAIN",
];

/// Every id the findings code can produce is listed here, so a new check
/// cannot land without a place in these tests.
#[test]
fn every_finding_id_in_the_source_is_tested() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/findings");
    let mut in_source = Vec::new();
    for entry in std::fs::read_dir(dir).expect("findings sources") {
        let text = std::fs::read_to_string(entry.expect("entry").path()).expect("read");
        for part in text.split('"').skip(1).step_by(2) {
            if part.starts_with("S2S-")
                && part
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
            {
                in_source.push(part.to_string());
            }
        }
    }
    in_source.sort();
    in_source.dedup();
    assert!(in_source.len() > 30, "found only {in_source:?}");
    for id in &in_source {
        assert!(
            PROBLEM_IDS.contains(&id.as_str()) || PASS_IDS.contains(&id.as_str()),
            "{id} is produced by src/findings but not covered by these tests"
        );
    }
}

const PROBLEM_IDS: &[&str] = &[
    "S2S-DOC-UNREACHABLE",
    "S2S-DOC-HTTP-STATUS",
    "S2S-DOC-NOT-JSON",
    "S2S-DOC-NOT-METADATA",
    "S2S-DOC-FIELD-TYPE",
    "S2S-PRINCIPAL-WRONG",
    "S2S-ISSUER-FORMAT",
    "S2S-REALM-SIP-MISMATCH",
    "S2S-KEY-NONE",
    "S2S-KEY-UNREADABLE",
    "S2S-KEY-X5T-MISMATCH",
    "S2S-KEY-X5T-ABSENT",
    "S2S-KEY-ROLLOVER",
    "S2S-CERT-EXPIRED",
    "S2S-CERT-NOT-YET-VALID",
    "S2S-CERT-EXPIRING",
    "S2S-CERT-KEY-SMALL",
    "S2S-CERT-SIG-WEAK",
    "S2S-CERT-SHARED",
    "S2S-CLOCK-SKEW",
    "S2S-THUMBPRINT-NOT-PUBLISHED",
    "S2S-URL-NOT-HTTPS",
    "S2S-URL-NO-AUTODISCOVER",
    "S2S-CERT-KEY-NOT-RSA",
    "S2S-CERT-NO-SIP-DOMAIN",
];

#[test]
fn a_healthy_pair_passes_and_says_what_was_verified() {
    let findings = run(&healthy());
    let got = ids(&findings);
    for id in PROBLEM_IDS {
        assert!(
            !got.contains(id),
            "{id} fired on a healthy pair: {findings:#?}"
        );
    }
    assert_eq!(worst(&findings), Severity::Pass);
    for (id, side) in [
        ("S2S-URL-OK", Side::Skype),
        ("S2S-URL-OK", Side::Exchange),
        ("S2S-DOC-READ", Side::Skype),
        ("S2S-DOC-READ", Side::Exchange),
        ("S2S-PRINCIPAL-OK", Side::Skype),
        ("S2S-PRINCIPAL-OK", Side::Exchange),
        ("S2S-ISSUER-OK", Side::Skype),
        ("S2S-ISSUER-OK", Side::Exchange),
        ("S2S-REALM-SIP-OK", Side::Skype),
        ("S2S-KEY-X5T-OK", Side::Skype),
        ("S2S-CERT-VALID", Side::Exchange),
        ("S2S-CERT-SIG-OK", Side::Exchange),
        ("S2S-THUMBPRINT-PUBLISHED", Side::Exchange),
        ("S2S-CERT-DISTINCT", Side::Both),
        ("S2S-CLOCK-OK", Side::Both),
    ] {
        fired(&findings, id, side);
    }
}

#[test]
fn order_is_side_then_severity_and_repeatable() {
    let mut case = healthy();
    case.observations.exchange = Some(FetchOutcome::Failed {
        reason: "10.0.0.5:443 refused the connection (nothing listens on that port, or a firewall rejects it): \"Connection refused (os error 111)\"".into(),
    });
    case.topology.sip_domain = Some("contoso.com".into());
    let first = run(&case);
    assert_eq!(first, run(&case));
    let sides: Vec<Side> = first.iter().map(|f| f.side).collect();
    let mut sorted = sides.clone();
    sorted.sort();
    assert_eq!(sides, sorted);
    let skype: Vec<Severity> = first
        .iter()
        .filter(|f| f.side == Side::Skype)
        .map(|f| f.severity)
        .collect();
    assert!(skype.windows(2).all(|w| w[0] >= w[1]), "{skype:?}");
    assert_eq!(skype.first(), Some(&Severity::Warn));
}

#[test]
fn unreachable_http_error_and_non_documents() {
    let mut case = healthy();
    case.observations.skype = Some(FetchOutcome::Failed {
        // As the proxy words it.
        reason: "atl-cs-001.litwareinc.com has no address".into(),
    });
    case.observations.exchange = Some(response(404, "<html>Not Found</html>".into(), "x"));
    let f = run(&case);
    let unreachable = fired(&f, "S2S-DOC-UNREACHABLE", Side::Skype);
    silent(&f, "S2S-DOC-READ", Side::Skype);
    silent(&f, "S2S-DOC-READ", Side::Exchange);
    assert_eq!(unreachable.severity, Severity::Fail);
    assert_eq!(
        unreachable.actual.as_deref(),
        Some("atl-cs-001.litwareinc.com has no address")
    );
    assert!(
        fired(&f, "S2S-DOC-HTTP-STATUS", Side::Exchange)
            .fix
            .as_deref()
            .unwrap_or("")
            .contains("/autodiscover/metadata/json/1")
    );

    case.observations.skype = Some(ok("<!DOCTYPE html><title>Sign in</title>".into()));
    case.observations.exchange = Some(ok("[1]".into()));
    let f = run(&case);
    fired(&f, "S2S-DOC-NOT-JSON", Side::Skype);
    fired(&f, "S2S-DOC-NOT-METADATA", Side::Exchange);

    case.observations.exchange = Some(ok(r#"{"hello":"world"}"#.into()));
    fired(&run(&case), "S2S-DOC-NOT-METADATA", Side::Exchange);
}

#[test]
fn field_types() {
    let mut case = healthy();
    let body = doc_with_cert(SKYPE.id, "litwareinc.com", &case.skype_cert)
        .replace(r#""version":"1.0""#, r#""version":1"#);
    case.observations.skype = Some(ok(body));
    let f = run(&case);
    let finding = fired(&f, "S2S-DOC-FIELD-TYPE", Side::Skype);
    assert_eq!(finding.severity, Severity::Warn);
    assert!(
        finding.evidence.iter().any(|e| e.contains("$.version")),
        "{finding:?}"
    );
}

#[test]
fn swapped_documents_are_the_wrong_principal() {
    let mut case = healthy();
    let skype = case.observations.skype.take();
    case.observations.skype = case.observations.exchange.take();
    case.observations.exchange = skype;
    let f = run(&case);
    let wrong = fired(&f, "S2S-PRINCIPAL-WRONG", Side::Skype);
    assert!(
        wrong.actual.as_deref().unwrap_or("").contains("Exchange"),
        "{wrong:?}"
    );
    assert!(wrong.fix.as_deref().unwrap_or("").contains("swapped"));
    fired(&f, "S2S-PRINCIPAL-WRONG", Side::Exchange);
    silent(&f, "S2S-PRINCIPAL-OK", Side::Skype);
    silent(&f, "S2S-PRINCIPAL-OK", Side::Exchange);
}

#[test]
fn issuer_and_realm() {
    let mut case = healthy();
    let body = doc_with_cert(SKYPE.id, "litwareinc.com", &case.skype_cert).replace(
        &format!(r#""issuer":"{}@litwareinc.com""#, SKYPE.id),
        &format!(r#""issuer":"{}@contoso.com""#, SKYPE.id),
    );
    case.observations.skype = Some(ok(body));
    let f = run(&case);
    fired(&f, "S2S-ISSUER-FORMAT", Side::Skype);
    silent(&f, "S2S-ISSUER-OK", Side::Skype);

    let mut case = healthy();
    case.topology.sip_domain = Some("fabrikam.com".into());
    let f = run(&case);
    let m = fired(&f, "S2S-REALM-SIP-MISMATCH", Side::Skype);
    assert_eq!(m.expected.as_deref(), Some("fabrikam.com"));
    silent(&f, "S2S-REALM-SIP-OK", Side::Skype);
}

#[test]
fn keys_missing_unreadable_and_x5t() {
    let mut case = healthy();
    case.observations.exchange = Some(ok(document(EXCHANGE.id, "*", &[])));
    let none = run(&case);
    // No key at all: the certificate is to be renewed.
    assert_eq!(
        fired(&none, "S2S-KEY-NONE", Side::Exchange).fix_steps,
        ["exchange-renew-auth-certificate"]
    );

    // Microsoft's own truncated sample value.
    case.observations.exchange = Some(ok(document(
        EXCHANGE.id,
        "*",
        &[(
            Some("enh9BJrVPU5ijV1qjZjV-fL2bco".into()),
            "MIIHNTCC...".into(),
        )],
    )));
    let f = run(&case);
    let bad = fired(&f, "S2S-KEY-UNREADABLE", Side::Exchange);
    assert!(
        bad.actual.as_deref().unwrap_or("").contains("cut short"),
        "{bad:?}"
    );
    // A key cut short is a damaged document: fetch it again, renew nothing.
    let none = fired(&f, "S2S-KEY-NONE", Side::Exchange);
    assert!(none.fix_steps.is_empty(), "{none:?}");
    assert!(
        none.fix
            .as_deref()
            .is_some_and(|x| x.starts_with("Fetch the document from the server itself")),
        "{none:?}"
    );

    let mut case = healthy();
    let wrong = document(
        SKYPE.id,
        "litwareinc.com",
        &[(Some(x5t(b"other")), STANDARD.encode(&case.skype_cert))],
    );
    case.observations.skype = Some(ok(wrong));
    let f = run(&case);
    let mismatch = fired(&f, "S2S-KEY-X5T-MISMATCH", Side::Skype);
    assert_eq!(mismatch.actual.as_deref(), Some(x5t(b"other").as_str()));
    assert!(
        !ids(&f).contains(&"S2S-KEY-X5T-OK")
            || f.iter()
                .all(|x| x.id != "S2S-KEY-X5T-OK" || x.side != Side::Skype)
    );

    let absent = document(
        SKYPE.id,
        "litwareinc.com",
        &[(None, STANDARD.encode(&case.skype_cert))],
    );
    case.observations.skype = Some(ok(absent));
    assert_eq!(
        fired(&run(&case), "S2S-KEY-X5T-ABSENT", Side::Skype).severity,
        Severity::Info
    );
}

#[test]
fn rollover_lists_both_certificates() {
    let mut case = healthy();
    let next = valid_cert("Microsoft Exchange Server Auth Certificate");
    let body = document(
        EXCHANGE.id,
        "*",
        &[
            (
                Some(x5t(&case.exchange_cert)),
                STANDARD.encode(&case.exchange_cert),
            ),
            (Some(x5t(&next)), STANDARD.encode(&next)),
        ],
    );
    case.observations.exchange = Some(ok(body));
    let f = run(&case);
    let r = fired(&f, "S2S-KEY-ROLLOVER", Side::Exchange);
    assert_eq!(r.severity, Severity::Info);
    assert_eq!(r.evidence.len(), 2);
    assert!(r.evidence[1].contains(&Sha1Fingerprint::of(&next).thumbprint()));
}

#[test]
fn validity_thresholds() {
    for (from, until, id, severity) in [
        (
            (2020, 1, 1),
            (2026, 11, 1),
            "S2S-CERT-EXPIRED",
            Severity::Fail,
        ),
        (
            (2026, 12, 1),
            (2030, 1, 1),
            "S2S-CERT-NOT-YET-VALID",
            Severity::Fail,
        ),
        (
            (2025, 1, 1),
            (2026, 12, 6),
            "S2S-CERT-EXPIRING",
            Severity::Fail,
        ),
        (
            (2025, 1, 1),
            (2027, 1, 10),
            "S2S-CERT-EXPIRING",
            Severity::Warn,
        ),
        ((2025, 1, 1), (2027, 2, 1), "S2S-CERT-VALID", Severity::Pass),
        // The edges (now is 2026-11-26T12:00Z): 20 whole days left is the
        // alarm, 60 the warning, 61 passes.
        (
            (2025, 1, 1),
            (2026, 12, 17),
            "S2S-CERT-EXPIRING",
            Severity::Fail,
        ),
        (
            (2025, 1, 1),
            (2027, 1, 26),
            "S2S-CERT-EXPIRING",
            Severity::Warn,
        ),
        (
            (2025, 1, 1),
            (2027, 1, 27),
            "S2S-CERT-VALID",
            Severity::Pass,
        ),
    ] {
        let mut case = healthy();
        let der = cert("Microsoft Exchange Server Auth Certificate", from, until);
        case.observations.exchange = Some(ok(doc_with_cert(EXCHANGE.id, "*", &der)));
        let f = run(&case);
        let got = fired(&f, id, Side::Exchange);
        assert_eq!(got.severity, severity, "{until:?}: {got:?}");
        for other in [
            "S2S-CERT-EXPIRED",
            "S2S-CERT-NOT-YET-VALID",
            "S2S-CERT-EXPIRING",
            "S2S-CERT-VALID",
        ] {
            if other != id {
                assert!(
                    f.iter().all(|x| x.id != other || x.side != Side::Exchange),
                    "{other} fired with {id}"
                );
            }
        }
    }
}

/// After a renewal the old certificate may stay published beside the new
/// one: expired, it is a warning to clear it (not a broken trust to renew);
/// expiring, a note. Without a newer valid one, both stay failures.
#[test]
fn an_old_certificate_beside_its_replacement_is_no_failure() {
    let new = cert(
        "Microsoft Exchange Server Auth Certificate",
        (2026, 10, 1),
        (2031, 10, 1),
    );
    for (old_until, id, severity) in [
        ((2026, 11, 1), "S2S-CERT-EXPIRED", Severity::Warn),
        ((2026, 12, 6), "S2S-CERT-EXPIRING", Severity::Info),
    ] {
        let old = cert(
            "Microsoft Exchange Server Auth Certificate",
            (2021, 11, 1),
            old_until,
        );
        let mut case = healthy();
        // Get-AuthConfig names the new one as current.
        case.topology.pasted_thumbprints[0].value = Sha1Fingerprint::of(&new);
        case.observations.exchange = Some(ok(document(
            EXCHANGE.id,
            "*",
            &[
                (Some(x5t(&old)), STANDARD.encode(&old)),
                (Some(x5t(&new)), STANDARD.encode(&new)),
            ],
        )));
        let f = run(&case);
        let old_one = f
            .iter()
            .find(|x| x.id == id && x.side == Side::Exchange)
            .unwrap_or_else(|| panic!("{id} did not fire: {:?}", ids(&f)));
        assert_eq!(old_one.severity, severity, "{old_one:?}");
        assert!(
            old_one
                .fix
                .as_deref()
                .is_some_and(|x| x.contains("Set-AuthConfig -ClearPreviousCertificate")),
            "{old_one:?}"
        );
        assert!(
            old_one.fix_steps.is_empty(),
            "no renewal: {:?}",
            old_one.fix_steps
        );
        assert_eq!(
            fired(&f, "S2S-CERT-VALID", Side::Exchange).severity,
            Severity::Pass
        );
        assert!(
            f.iter()
                .all(|x| x.side != Side::Exchange || x.severity != Severity::Fail),
            "{:?}",
            ids(&f)
        );
        // Alone, the same old certificate fails as before.
        let mut alone = healthy();
        alone.observations.exchange = Some(ok(doc_with_cert(EXCHANGE.id, "*", &old)));
        assert_eq!(
            fired(&run(&alone), id, Side::Exchange).severity,
            Severity::Fail
        );
    }
}

/// Days are whole days as an admin counts them: a certificate that expired
/// 10½ days ago expired "10 days ago", one that expires in 12 hours "within
/// a day"; and English says "1 day". Every form has its Korean (`run`).
#[test]
fn days_are_counted_and_worded_as_an_admin_would() {
    // now() is 2026-11-26T12:00:00Z; the certificates end at midnight.
    for (until, id, words) in [
        ((2026, 11, 26), "S2S-CERT-EXPIRED", "(today)"),
        ((2026, 11, 25), "S2S-CERT-EXPIRED", "(1 day ago)"),
        ((2026, 11, 16), "S2S-CERT-EXPIRED", "(10 days ago)"),
        ((2026, 11, 27), "S2S-CERT-EXPIRING", "expires within a day"),
        ((2026, 11, 28), "S2S-CERT-EXPIRING", "expires in 1 day"),
        ((2026, 12, 6), "S2S-CERT-EXPIRING", "expires in 9 days"),
    ] {
        let mut case = healthy();
        let der = cert(
            "Microsoft Exchange Server Auth Certificate",
            (2025, 1, 1),
            until,
        );
        case.observations.exchange = Some(ok(doc_with_cert(EXCHANGE.id, "*", &der)));
        let f = run(&case);
        let got = fired(&f, id, Side::Exchange);
        let text = format!("{} / {}", got.title, got.actual.as_deref().unwrap_or(""));
        assert!(text.contains(words), "{until:?}: {text}");
    }
}

#[test]
fn small_rsa_keys_and_weak_signatures() {
    let mut case = healthy();
    let weak = openssl_rsa_cert(1024, "sha1");
    case.observations.exchange = Some(ok(doc_with_cert(EXCHANGE.id, "*", &weak)));
    let f = run(&case);
    assert!(
        fired(&f, "S2S-CERT-KEY-SMALL", Side::Exchange)
            .title
            .contains("1024")
    );
    // Self-signed: nothing checks its signature in this trust, so a note
    // for the next renewal, not a renewal now.
    let weak_sig = fired(&f, "S2S-CERT-SIG-WEAK", Side::Exchange);
    assert_eq!(weak_sig.actual.as_deref(), Some("sha1RSA"));
    assert_eq!(weak_sig.severity, Severity::Info);
    assert!(weak_sig.fix_steps.is_empty(), "{weak_sig:?}");
    // Issued by a CA with a SHA-1 signature: a warning, still for the next
    // renewal.
    let issued = openssl_ca_issued_sha1_cert();
    case.observations.exchange = Some(ok(doc_with_cert(EXCHANGE.id, "*", &issued)));
    let f = run(&case);
    let weak_sig = fired(&f, "S2S-CERT-SIG-WEAK", Side::Exchange);
    assert_eq!(weak_sig.severity, Severity::Warn);
    assert!(weak_sig.fix_steps.is_empty(), "{weak_sig:?}");

    let strong = openssl_rsa_cert(2048, "sha256");
    case.observations.exchange = Some(ok(doc_with_cert(EXCHANGE.id, "*", &strong)));
    let f = run(&case);
    assert!(
        fired(&f, "S2S-CERT-KEY-OK", Side::Exchange)
            .title
            .contains("2048")
    );
    fired(&f, "S2S-CERT-SIG-OK", Side::Exchange);
    assert!(!ids(&f).contains(&"S2S-CERT-KEY-SMALL"));
    assert!(!ids(&f).contains(&"S2S-CERT-SIG-WEAK"));
}

#[test]
fn the_same_certificate_on_both_sides() {
    let mut case = healthy();
    let shared = case.exchange_cert.clone();
    case.observations.skype = Some(ok(doc_with_cert(SKYPE.id, "litwareinc.com", &shared)));
    let f = run(&case);
    let shared_finding = fired(&f, "S2S-CERT-SHARED", Side::Both);
    assert!(shared_finding.evidence[0].contains(&Sha1Fingerprint::of(&shared).thumbprint()));
    // A risk to fix, not a broken trust: each side still verifies the other.
    assert_eq!(shared_finding.severity, Severity::Warn);
    silent(&f, "S2S-CERT-DISTINCT", Side::Both);
}

#[test]
fn clock_skew_from_date_headers() {
    let mut case = healthy();
    let body = doc_with_cert(EXCHANGE.id, "*", &case.exchange_cert);
    case.observations.exchange = Some(response(200, body.clone(), "Thu, 26 Nov 2026 12:06:00 GMT"));
    let f = run(&case);
    assert_eq!(
        fired(&f, "S2S-CLOCK-SKEW", Side::Both).actual.as_deref(),
        Some("360 seconds apart")
    );

    case.observations.exchange = Some(response(200, body, "Thu, 26 Nov 2026 12:04:59 GMT"));
    fired(&run(&case), "S2S-CLOCK-OK", Side::Both);
}

/// With the arrival times known, one side fetched again ten minutes later
/// is not a clock difference; a server whose Date is ten minutes off its
/// arrival time is.
#[test]
fn clock_skew_from_arrival_times() {
    let at = |date: &str, received: &str, body: String| FetchOutcome::Response {
        status: 200,
        content_type: Some("application/json".into()),
        date: Some(date.into()),
        received_at: Some(UnixTime::parse_rfc3339(received).expect("time")),
        body: body.into_bytes(),
    };
    let mut case = healthy();
    let skype = doc_with_cert(SKYPE.id, "litwareinc.com", &case.skype_cert);
    let exchange = doc_with_cert(EXCHANGE.id, "*", &case.exchange_cert);
    case.observations.skype = Some(at(
        "Thu, 26 Nov 2026 12:00:00 GMT",
        "2026-11-26T12:00:01Z",
        skype.clone(),
    ));
    case.observations.exchange = Some(at(
        "Thu, 26 Nov 2026 12:10:00 GMT",
        "2026-11-26T12:10:00Z",
        exchange.clone(),
    ));
    let ok = fired(&run(&case), "S2S-CLOCK-OK", Side::Both).clone();
    assert!(
        ok.evidence.iter().any(|e| e.starts_with("1 seconds apart")),
        "{ok:?}"
    );

    case.observations.exchange = Some(at(
        "Thu, 26 Nov 2026 12:10:00 GMT",
        "2026-11-26T12:00:02Z",
        exchange,
    ));
    let f = run(&case);
    let skew = fired(&f, "S2S-CLOCK-SKEW", Side::Both);
    assert_eq!(skew.actual.as_deref(), Some("599 seconds apart"));
    assert!(
        skew.evidence
            .iter()
            .any(|e| e.contains("Exchange's +598 s")),
        "{skew:?}"
    );
}

#[test]
fn pasted_thumbprints_found_or_not() {
    let mut case = healthy();
    case.topology.pasted_thumbprints.push(PastedThumbprint {
        side: Side::Skype,
        source: "Get-CsCertificate -Type OAuthTokenIssuer".into(),
        value: Sha1Fingerprint::of(b"a certificate that is not published"),
    });
    let f = run(&case);
    let missing = fired(&f, "S2S-THUMBPRINT-NOT-PUBLISHED", Side::Skype);
    assert!(
        missing
            .evidence
            .iter()
            .any(|e| e.contains(&Sha1Fingerprint::of(&case.skype_cert).thumbprint()))
    );
    fired(&f, "S2S-THUMBPRINT-PUBLISHED", Side::Exchange);
    silent(&f, "S2S-THUMBPRINT-PUBLISHED", Side::Skype);

    // Matched by the published x5t when the certificate value is unreadable.
    let real = include_str!(
        "../../../fixtures/real/exchange-online_msdocs-validate-identity-token_metadata-json-1.json"
    );
    case.observations.exchange = Some(ok(real.to_string()));
    case.topology.pasted_thumbprints = vec![PastedThumbprint {
        side: Side::Exchange,
        source: "Get-AuthConfig".into(),
        value: Sha1Fingerprint::from_thumbprint("7A787D049AD53D4E628D5D6A8D98D5F9F2F66DCA")
            .expect("valid"),
    }];
    fired(&run(&case), "S2S-THUMBPRINT-PUBLISHED", Side::Exchange);
}

#[test]
fn metadata_urls() {
    let mut case = healthy();
    case.topology.skype_metadata_url =
        Some("http://atl-cs-001.litwareinc.com/metadata/json/1".into());
    case.topology.exchange_metadata_url =
        Some("https://autodiscover.litwareinc.com/metadata/json/1".into());
    let f = run(&case);
    // Should, not must: Microsoft's scripts accept http for some partners.
    let http = fired(&f, "S2S-URL-NOT-HTTPS", Side::Skype);
    assert_eq!(http.severity, Severity::Warn);
    assert_eq!(http.title, "The metadata URL should be https");
    let no_ad = fired(&f, "S2S-URL-NO-AUTODISCOVER", Side::Exchange);
    assert_eq!(no_ad.expected.as_deref(), Some(EXCHANGE_URL));
    silent(&f, "S2S-URL-OK", Side::Skype);
    silent(&f, "S2S-URL-OK", Side::Exchange);
}

/// Skype's OAuthTokenIssuer certificate names the SIP domain in its subject
/// or alternative names, and both products sign RS256: a signing key that
/// is not RSA is a warning (DOMAIN.md §5, §9).
#[test]
fn skype_certificate_names_the_sip_domain_and_keys_are_rsa() {
    let case = healthy();
    let f = run(&case);
    let named = fired(&f, "S2S-CERT-SIP-DOMAIN", Side::Skype);
    assert_eq!(named.severity, Severity::Pass);
    silent(&f, "S2S-CERT-NO-SIP-DOMAIN", Side::Skype);
    silent(&f, "S2S-CERT-KEY-NOT-RSA", Side::Skype);
    silent(&f, "S2S-CERT-KEY-NOT-RSA", Side::Exchange);

    // The pool's name only: the SIP domain is missing.
    let mut case = healthy();
    let pool_only = valid_cert("atl-cs-001.litwareinc.com");
    case.observations.skype = Some(ok(doc_with_cert(SKYPE.id, "litwareinc.com", &pool_only)));
    let f = run(&case);
    let missing = fired(&f, "S2S-CERT-NO-SIP-DOMAIN", Side::Skype);
    assert_eq!(missing.severity, Severity::Warn);
    assert_eq!(
        missing.actual.as_deref(),
        Some("subject CN=atl-cs-001.litwareinc.com; no alternative names")
    );
    assert!(missing.fix_steps.contains(&"skype-oauth-certificate"));

    // An ECDSA signing key: a warning on that side.
    let mut case = healthy();
    let ec = cert_with_key(
        "Microsoft Exchange Server Auth Certificate",
        (2025, 1, 1),
        (2028, 1, 1),
        &KeyPair::generate().expect("key"),
    );
    case.observations.exchange = Some(ok(doc_with_cert(EXCHANGE.id, "*", &ec)));
    let f = run(&case);
    let not_rsa = fired(&f, "S2S-CERT-KEY-NOT-RSA", Side::Exchange);
    assert_eq!(not_rsa.severity, Severity::Warn);
    assert_eq!(not_rsa.actual.as_deref(), Some("EC P-256"));
}

/// Exchange's Auth certificate is renewed in stages while it is still
/// valid (new one current in 48 hours, published now, the previous cleared
/// after), and at once only when it has expired (DOMAIN.md §9).
#[test]
fn exchange_renewal_is_staged_unless_expired() {
    for (until, id, steps, staged) in [
        (
            (2026, 12, 17),
            "S2S-CERT-EXPIRING",
            &[
                "exchange-stage-auth-certificate",
                "exchange-clear-previous-auth-certificate",
            ][..],
            true,
        ),
        (
            (2026, 11, 1),
            "S2S-CERT-EXPIRED",
            &["exchange-renew-auth-certificate"][..],
            false,
        ),
    ] {
        let mut case = healthy();
        let der = cert(
            "Microsoft Exchange Server Auth Certificate",
            (2021, 11, 1),
            until,
        );
        case.observations.exchange = Some(ok(doc_with_cert(EXCHANGE.id, "*", &der)));
        let f = run(&case);
        let got = fired(&f, id, Side::Exchange);
        assert_eq!(got.fix_steps, steps, "{id}");
        let fix = got.fix.as_deref().unwrap_or_default();
        assert_eq!(fix.contains("(Get-Date).AddHours(48)"), staged, "{fix}");
        assert_eq!(fix.contains("Hybrid Configuration Wizard"), staged, "{fix}");
    }
}

/// Skype's document publishes no usable key when no signing certificate in
/// it is valid now (expired, not yet valid, or not decodable); the console
/// then makes assigning the OAuthTokenIssuer certificate the plan's first
/// step. A document not read says nothing either way.
#[test]
fn a_document_without_a_valid_certificate_publishes_no_usable_key() {
    use s2s_core::analysis::analyze;
    let expired = cert("litwareinc.com", (2024, 1, 1), (2026, 1, 1));
    let future = cert("litwareinc.com", (2027, 1, 1), (2029, 1, 1));
    let valid = valid_cert("litwareinc.com");
    let read = |keys: &[(Option<String>, String)]| {
        let outcome = ok(document(SKYPE.id, "litwareinc.com", keys));
        analyze(Side::Skype, Some(SKYPE_URL), Some(&outcome))
    };
    let key = |der: &[u8]| (Some(x5t(der)), STANDARD.encode(der));
    assert!(read(&[key(&expired)]).publishes_no_usable_key(now()));
    assert!(read(&[key(&future)]).publishes_no_usable_key(now()));
    assert!(read(&[(None, "bm90IGEgY2VydGlmaWNhdGU=".into())]).publishes_no_usable_key(now()));
    assert!(read(&[]).publishes_no_usable_key(now()));
    assert!(!read(&[key(&valid)]).publishes_no_usable_key(now()));
    assert!(!read(&[key(&expired), key(&valid)]).publishes_no_usable_key(now()));
    let unread = analyze(Side::Skype, Some(SKYPE_URL), None);
    assert!(!unread.publishes_no_usable_key(now()));
    let error_page = response(500, "oops".into(), "Thu, 26 Nov 2026 12:00:00 GMT");
    let failed = analyze(Side::Skype, Some(SKYPE_URL), Some(&error_page));
    assert!(!failed.publishes_no_usable_key(now()));
}
