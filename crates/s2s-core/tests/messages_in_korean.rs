//! The console's messages about bad input reach a Korean reader in Korean:
//! real bad documents, certificates, form values and reports are read, and
//! every message they give must have its Korean pattern in `i18n/ko.json`,
//! the messages they carry inside included. (Finding texts and plan steps are
//! checked where they are made: tests/findings.rs, tests/commands.rs.)

use s2s_core::cert::decode_any;
use s2s_core::commands::RawPlanInput;
use s2s_core::i18n::{Catalogue, reads_as_english};
use s2s_core::inputs::{Fqdn, HttpsUrl, Identity, LocalDateTime, SipUri, TrustLevel, WindowsPath};
use s2s_core::metadata;
use s2s_core::report::Snapshot;
use s2s_core::thumbprint::Sha1Fingerprint;
use s2s_core::topology_form::TopologyForm;

fn korean() -> Catalogue {
    Catalogue::parse(include_str!("../../../i18n/ko.json"))
        .unwrap_or_else(|e| panic!("i18n/ko.json: {e}"))
}

/// The messages with no Korean, or whose Korean still reads as English
/// (a message inside it left untranslated). `asn1` allows the ASN.1 names
/// of certificate fields (`validity`, `issuer`) inside the Korean.
fn untranslated(korean: &Catalogue, messages: &[String], asn1: bool) -> Vec<String> {
    messages
        .iter()
        .filter(|m| match korean.text(m) {
            None => true,
            Some(ko) => !asn1 && reads_as_english(&ko),
        })
        .cloned()
        .collect()
}

fn assert_all_korean(messages: &[String], asn1: bool) {
    assert!(!messages.is_empty());
    let left = untranslated(&korean(), messages, asn1);
    assert!(left.is_empty(), "no Korean for:\n{}", left.join("\n"));
}

#[test]
fn document_messages() {
    let mut messages = Vec::new();
    let big = vec![b' '; metadata::MAX_DOCUMENT_BYTES + 1];
    let bad_json: [&[u8]; 20] = [
        b"",
        &big,
        b"{\"a\": \xff}",
        b"<!DOCTYPE html><html><body>Sign in</body></html>",
        b"[1, 2]",
        b"\"text\"",
        b"{",
        b"{\"keys\": [1,",
        b"{\"a\" 1}",
        b"{\"a\": 1 x",
        b"{\"a\": [1 x",
        b"{\"a\": 01}",
        b"{\"a\": 1.}",
        b"{\"a\": 1e}",
        b"{\"a\": \"abc",
        b"{\"a\": \"\x01\"}",
        b"{\"a\": \"\\x\"}",
        b"{\"a\": \"\\u12\"}",
        b"{\"a\": \"\\ud800\\u0041\"}",
        b"{\"a\": tru}",
    ];
    for doc in bad_json {
        match metadata::parse(doc) {
            Ok(d) => panic!("read: {d:?}"),
            Err(e) => messages.push(e.to_string()),
        }
    }
    for doc in [
        "{\"a\": \"\\ud800\"}",
        "{\"a\": \"\\udc00\"}",
        "{} x",
        "{\"a\": -}",
        "{\"a\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
    ] {
        if let Err(e) = metadata::parse(doc.as_bytes()) {
            messages.push(e.to_string());
        }
    }
    // Fields of the wrong type: the rest of the document is read, each
    // problem named by its path (as the Metadata page shows them).
    let doc = metadata::parse(
        br#"{"issuer": 1, "allowedAudiences": "x", "keys": [{"keyvalue": []}], "endpoints": 3}"#,
    )
    .expect("read");
    assert!(doc.problems.len() >= 3, "{:?}", doc.problems);
    messages.extend(
        doc.problems
            .iter()
            .map(|p| format!("{}: {}", p.path, p.message)),
    );
    assert_all_korean(&messages, false);
}

#[test]
fn certificate_messages() {
    let pem = include_str!("../../../fixtures/generated/exchange-auth.pem");
    let der = decode_any(pem.as_bytes()).expect("fixture")[0].der.clone();
    let mut trailing = der.clone();
    trailing.extend_from_slice(&[0, 0]);
    let mut wrong_version = der.clone();
    // The version's INTEGER inside [0]: 02 01 02 → 02 01 07.
    if let Some(at) = wrong_version
        .windows(5)
        .position(|w| w == [0xA0, 0x03, 0x02, 0x01, 0x02])
    {
        wrong_version[at + 4] = 0x07;
    }
    let big = vec![b'A'; 1024 * 1024 + 1];
    let cut = format!("{}\n", &pem[..pem.len() / 2]);
    let inputs: Vec<Vec<u8>> = vec![
        Vec::new(),
        big,
        b"-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n".to_vec(),
        cut.into_bytes(),
        b"-----BEGIN CERTIFICATE-----\nMII*\n-----END CERTIFICATE-----\n".to_vec(),
        b"MIIB!x".to_vec(),
        b"MIIBx".to_vec(),
        b"QUJD".to_vec(),
        der[..der.len() - 10].to_vec(),
        trailing,
        wrong_version,
        vec![0x30, 0x03, 0x02, 0x01, 0x01],
        vec![0x30, 0x80, 0x00, 0x00],
        vec![0x30, 0x85, 0x01, 0x00, 0x00, 0x00, 0x00],
        vec![0x30, 0x81, 0x03, 0x02, 0x01, 0x01],
    ];
    let mut messages = Vec::new();
    for input in &inputs {
        match decode_any(input) {
            Ok(c) => panic!("decoded {} certificate(s) from {input:?}", c.len()),
            Err(e) => messages.push(e.to_string()),
        }
    }
    assert_all_korean(&messages, true);
}

#[test]
fn form_messages() {
    let mut messages: Vec<String> = Vec::new();
    let mut add = |r: Result<(), s2s_core::inputs::InputError>| {
        // The pages show the problem beside its field.
        if let Err(e) = r {
            messages.push(e.problem.to_string());
        }
    };
    add(Fqdn::parse("pool", "").map(drop));
    add(Fqdn::parse("pool", "a\nb").map(drop));
    add(Fqdn::parse("pool", "a_b.example.com").map(drop));
    add(Fqdn::parse("pool", "-a.example.com").map(drop));
    add(Fqdn::parse("pool", &"a".repeat(300)).map(drop));
    add(HttpsUrl::parse("URL", "http://x.example.com/").map(drop));
    add(HttpsUrl::parse("URL", "https://u:p@x.example.com/").map(drop));
    add(HttpsUrl::parse("URL", "https://x.example.com/a b").map(drop));
    add(SipUri::parse("test user SIP URI", "kenmyer").map(drop));
    add(SipUri::parse("test user SIP URI", "sip:ken myer@litwareinc.com").map(drop));
    add(WindowsPath::parse("Exchange install path", "Program Files").map(drop));
    add(WindowsPath::parse("Exchange install path", "C:\\a|b").map(drop));
    add(Identity::parse("partner application identity", "Ex;change").map(drop));
    add(LocalDateTime::parse("effective date", "tomorrow").map(drop));
    add(TrustLevel::parse("trust level", "Partial").map(drop));
    for bad in ["12AB", "zz"] {
        if let Err(e) = Sha1Fingerprint::from_thumbprint(bad) {
            messages.push(e.to_string());
        }
    }
    if let Err(e) = Sha1Fingerprint::from_x5t("enh9") {
        messages.push(e.to_string());
    }
    // Notes on what was taken from pasted values, as the pages show them.
    let mut form = TopologyForm::litware_example();
    form.pool = "https://atl-cs-001.litwareinc.com/metadata/json/1".into();
    form.exchange_auth_config = include_str!("../../../fixtures/testout/get-authconfig.txt").into();
    form.skype_certificates =
        include_str!("../../../fixtures/testout/get-cscertificate-oauth.txt").into();
    let checked = form.check();
    assert!(checked.notes.len() >= 2, "{:?}", checked.notes);
    messages.extend(checked.notes);
    let raw = RawPlanInput {
        pool: "https://atl-cs-001.litwareinc.com/metadata/json/1".into(),
        test_user: "kenmyer@litwareinc.com".into(),
        ..RawPlanInput::litware_example()
    };
    let notes = raw.validate().expect("valid").notes;
    assert_eq!(notes.len(), 2, "{notes:?}");
    messages.extend(notes);
    // Skype's certificate: none to assign, a roll too late, none to roll from.
    let thumbprint = "7A787D049AD53D4E628D5D6A8D98D5F9F2F66DCA";
    for raw in [
        RawPlanInput {
            oauth_certificate_missing: true,
            ..RawPlanInput::litware_example()
        },
        RawPlanInput {
            oauth_thumbprint: thumbprint.into(),
            oauth_effective_date: "2026-12-02".into(),
            oauth_current_expiry: "2026-12-02 06:00".into(),
            ..RawPlanInput::litware_example()
        },
        RawPlanInput {
            oauth_certificate_missing: true,
            oauth_thumbprint: thumbprint.into(),
            oauth_effective_date: "2026-12-02".into(),
            ..RawPlanInput::litware_example()
        },
    ] {
        let errors = raw.validate().err().unwrap_or_default();
        assert_eq!(errors.len(), 1, "{errors:?}");
        messages.extend(errors.iter().map(|e| e.problem.to_string()));
    }
    assert_all_korean(&messages, false);
}

#[test]
fn report_messages() {
    let mut messages = Vec::new();
    for text in [
        "",
        "not json",
        "{\"hello\": 1}",
        "{\"version\": 2}",
        "{\"version\": 1}",
        "{\"version\": 1, \"generated_at\": \"x\"}",
        "{\"version\": 1, \"generated_at\": 1, \"extra\": 1}",
        "{\"version\": 1, \"version\": 1}",
        "{\"version\": 1,}",
    ] {
        if let Err(e) = Snapshot::from_json(text) {
            messages.push(e.to_string());
        }
    }
    for link in ["#findings", "#s2s-report-v1.a*b", "#s2s-report-v9.AAAA"] {
        if let Err(e) = Snapshot::from_link_fragment(link) {
            messages.push(e.to_string());
        }
    }
    // Made by the app, which inflates links: one that unpacks past the cap.
    messages.push(
        s2s_core::report::ReportError::InflatesTooLarge {
            max: s2s_core::report::MAX_REPORT_BYTES,
        }
        .to_string(),
    );
    assert_all_korean(&messages, false);
}

/// What x509-cert finds wrong inside a certificate (and inside one of its
/// extensions) is worded by `cert`, and those words have their Korean too:
/// no English is left but the ASN.1 names of types.
#[test]
fn der_messages_read_in_korean() {
    let korean = korean();
    let pem = include_str!("../../../fixtures/generated/certificates/not-ca.pem");
    let der = decode_any(pem.as_bytes()).expect("fixture")[0].der.clone();
    let replaced = |from: &[u8], to: &[u8]| -> Vec<u8> {
        let at = der
            .windows(from.len())
            .position(|w| w == from)
            .unwrap_or_else(|| panic!("{from:02X?} not in the fixture"));
        let mut damaged = der.clone();
        damaged[at..at + to.len()].copy_from_slice(to);
        damaged
    };
    let mut messages = Vec::new();
    for damaged in [
        // version 3 → 8
        replaced(
            &[0xA0, 0x03, 0x02, 0x01, 0x02],
            &[0xA0, 0x03, 0x02, 0x01, 0x07],
        ),
        // the version's INTEGER tagged as a BOOLEAN
        replaced(
            &[0xA0, 0x03, 0x02, 0x01, 0x02],
            &[0xA0, 0x03, 0x01, 0x01, 0x02],
        ),
        // the version's length longer than its content
        replaced(
            &[0xA0, 0x03, 0x02, 0x01, 0x02],
            &[0xA0, 0x03, 0x02, 0x05, 0x02],
        ),
    ] {
        match decode_any(&damaged) {
            Ok(_) => panic!("decoded a damaged certificate"),
            Err(e) => messages.push(e.to_string()),
        }
    }
    let extension = include_str!("../../../fixtures/generated/certificates/bad-key-usage.pem");
    let problems = decode_any(extension.as_bytes()).expect("fixture")[0]
        .summary
        .extension_problems
        .clone();
    assert_eq!(problems.len(), 1, "{problems:?}");
    messages.extend(problems);
    for m in &messages {
        let ko = korean
            .text(m)
            .unwrap_or_else(|| panic!("no Korean for {m}"));
        assert!(!reads_as_english(&ko), "English left in {ko:?} (for {m:?})");
    }
}

/// One Korean term per concept, as the seed has them (issue 22): 저장소
/// 서비스, Exchange 자동 검색 서비스, 비즈니스용 Skype 서버 관리 셸,
/// 섹션/단계; and the wordings a Korean admin reads as translated are gone.
#[test]
fn one_korean_term_per_concept() {
    let json: serde_json::Value =
        serde_json::from_str(include_str!("../../../i18n/ko.json")).expect("ko.json");
    let texts: Vec<&str> = json
        .as_object()
        .expect("tables")
        .values()
        .flat_map(|t| t.as_array().expect("pairs"))
        .filter_map(|pair| pair[1].as_str())
        .collect();
    for avoided in [
        "구역",
        "스토리지 서비스",
        "Skype for Business Server 관리 셸",
        "자동 검색(autodiscover)",
        " autodiscover가",
        "autodiscover 호스트",
        "인증서의 것이 아닙니다",
        "넘겨받",
        "듣는 것이",
        "사용 중인 LyncEnterprise",
        "외부 웹 프록시",
        "서버의 시계",
    ] {
        let found: Vec<&&str> = texts.iter().filter(|k| k.contains(avoided)).collect();
        assert!(found.is_empty(), "{avoided}: {found:?}");
    }
    let catalogue = korean();
    assert_eq!(
        catalogue
            .title("Key $.keys[0]: the published x5t is not the certificate's")
            .as_deref(),
        Some("키 $.keys[0]: 게시된 x5t가 인증서와 일치하지 않습니다")
    );
    assert_eq!(
        catalogue.ui("Skype for Business Server Management Shell"),
        Some("비즈니스용 Skype 서버 관리 셸")
    );
}
