//! `s2s inspect`: the real binary on the real published sample and on
//! certificates made with rcgen; output shape and exit codes.

use std::path::Path;
use std::process::{Command, Output};

const REAL_EXCHANGE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../fixtures/real/exchange-online_msdocs-validate-identity-token_metadata-json-1.json"
);

fn s2s(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_s2s"))
        .args(args)
        .output()
        .expect("s2s runs")
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

fn pem_file(dir: &Path, name: &str, not_before: (i32, u8, u8), not_after: (i32, u8, u8)) -> String {
    let mut p = rcgen::CertificateParams::new(vec!["atl-cs-001.litwareinc.com".to_string()])
        .expect("params");
    p.not_before = rcgen::date_time_ymd(not_before.0, not_before.1, not_before.2);
    p.not_after = rcgen::date_time_ymd(not_after.0, not_after.1, not_after.2);
    let key = rcgen::KeyPair::generate().expect("key");
    let pem = p.self_signed(&key).expect("cert").pem();
    let path = dir.join(name);
    std::fs::write(&path, pem).expect("write");
    path.display().to_string()
}

#[test]
fn real_exchange_sample_reports_the_document_and_a_per_key_error() {
    let out = s2s(&[
        "inspect",
        REAL_EXCHANGE,
        "--json",
        "--now",
        "2026-11-26T12:00:00Z",
    ]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "a document without a usable key is a failure"
    );
    let v = json(&out);
    assert_eq!(v["kind"], "metadata");
    assert_eq!(v["service_name"], "00000002-0000-0ff1-ce00-000000000000");
    assert_eq!(v["service_product"], "Exchange Server");
    assert_eq!(v["realm"], "*");
    assert_eq!(v["issuer"], "00000002-0000-0ff1-ce00-000000000000@*");
    let key = &v["keys"][0];
    assert_eq!(key["x5t_published"], "enh9BJrVPU5ijV1qjZjV-fL2bco");
    assert!(key["x5t_computed"].is_null());
    assert!(key["certificate"].is_null());
    assert!(
        key["error"].as_str().unwrap_or("").contains("cut short"),
        "{key}"
    );
    let findings = v["findings"].as_array().expect("findings");
    let has = |id: &str, sev: &str| {
        findings
            .iter()
            .any(|f| f["id"] == id && f["severity"] == sev)
    };
    assert!(has("S2S-KEY-UNREADABLE", "fail"), "{findings:#?}");
    assert!(
        has("S2S-DOC-READ", "pass"),
        "the document itself was read: {findings:#?}"
    );
    assert!(has("S2S-PRINCIPAL-OK", "pass"));
    assert!(findings.iter().all(|f| f["title"].is_string()));

    let text = s2s(&["inspect", REAL_EXCHANGE]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("Exchange Server (00000002-0000-0ff1-ce00-000000000000)"),
        "{text}"
    );
    assert!(text.contains("FAIL  S2S-KEY-UNREADABLE"), "{text}");
}

#[test]
fn certificate_fields_and_exit_codes_by_validity() {
    let dir = tempfile::tempdir().expect("temp");
    let cert = pem_file(dir.path(), "pool.pem", (2025, 1, 1), (2027, 1, 25));
    let now = ["--now", "2026-11-26T12:00:00Z"];

    let out = s2s(&["inspect", &cert, "--json", "--now", "2025-06-01T00:00:00Z"]);
    assert_eq!(out.status.code(), Some(0));
    let v = json(&out);
    assert_eq!(v["kind"], "certificate");
    for field in [
        "subject",
        "issuer",
        "serial",
        "not_before",
        "not_after",
        "sha1_thumbprint",
        "sha256_fingerprint",
        "key_algorithm",
        "key_bits",
        "signature_algorithm",
    ] {
        assert!(!v[field].is_null(), "{field} missing: {v}");
    }
    assert_eq!(v["not_after"], "2027-01-25T00:00:00Z");
    assert_eq!(v["key_algorithm"], "EC");

    // 59 days left: a warning.
    let out = s2s(&["inspect", &cert, "--json", now[0], now[1]]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    let expired = pem_file(dir.path(), "old.pem", (2020, 1, 1), (2026, 1, 1));
    let out = s2s(&["inspect", &expired, now[0], now[1]]);
    assert_eq!(out.status.code(), Some(2));
    // Its validity in words, not as negative days left.
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("(expired "), "{text}");
    assert!(!text.contains("days left"), "{text}");
    let early = pem_file(dir.path(), "new.pem", (2030, 1, 1), (2031, 1, 1));
    let out = s2s(&["inspect", &early, now[0], now[1]]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("(not valid yet)"), "{text}");
}

#[test]
fn unreadable_input_and_usage_errors() {
    let dir = tempfile::tempdir().expect("temp");
    let junk = dir.path().join("junk.bin");
    std::fs::write(&junk, b"this is neither JSON nor a certificate").expect("write");
    let out = s2s(&["inspect", &junk.display().to_string()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a certificate"));

    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{\n  \"realm\": \"*\",\n  \"keys\": [\n").expect("write");
    let out = s2s(&["inspect", &broken.display().to_string()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(err.contains("line 4"), "{err}");

    assert_eq!(
        s2s(&["inspect", "/nonexistent/file.json"]).status.code(),
        Some(3)
    );
    assert_eq!(
        s2s(&["inspect", REAL_EXCHANGE, "--now", "yesterday"])
            .status
            .code(),
        Some(3)
    );
    assert_eq!(s2s(&["inspect"]).status.code(), Some(3));
    assert_eq!(s2s(&["--version"]).status.code(), Some(0));
}
