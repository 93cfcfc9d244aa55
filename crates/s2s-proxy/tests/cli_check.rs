//! `s2s check` against real TLS servers on loopback serving Skype- and
//! Exchange-shaped documents: the documented exit codes for ok, warn, fail
//! and usage errors.

mod support;

use std::collections::HashMap;
use std::process::Output;

use support::{Answer, TestCa, tls_server};

const SKYPE_DOC: &[u8] = include_bytes!("../../../fixtures/generated/skype-metadata.json");
const EXCHANGE_DOC: &[u8] = include_bytes!("../../../fixtures/generated/exchange-metadata.json");
const EXCHANGE_THUMBPRINT_FILE: &str =
    include_str!("../../../fixtures/generated/exchange-auth.pem");

struct Pair {
    ca_file: String,
    pool: String,
    exchange: String,
    _dir: tempfile::TempDir,
}

async fn servers(exchange_doc: &[u8]) -> Pair {
    let ca = TestCa::new();
    let dir = tempfile::tempdir().expect("temp");
    let ca_file = ca.write_pem(dir.path());
    let skype = tls_server(
        ca.server_cert(&["localhost"]),
        HashMap::from([("/metadata/json/1".to_string(), Answer::json(SKYPE_DOC))]),
    )
    .await;
    let exchange = tls_server(
        ca.server_cert(&["localhost"]),
        HashMap::from([
            (
                "/autodiscover/metadata/json/1".to_string(),
                Answer::json(exchange_doc),
            ),
            ("/EWS/Exchange.asmx".to_string(), ews_challenge()),
        ]),
    )
    .await;
    Pair {
        ca_file,
        pool: format!("localhost:{}", skype.port()),
        exchange: format!("localhost:{}", exchange.port()),
        _dir: dir,
    }
}

/// Exchange's answer to the trust probe: it trusts Skype (and, as most
/// Exchange servers do, the ACS principal for any realm).
fn ews_challenge() -> Answer {
    Answer {
        status: 401,
        headers: vec![
            (
                "WWW-Authenticate".into(),
                r#"Bearer client_id="00000002-0000-0ff1-ce00-000000000000", trusted_issuers="00000001-0000-0000-c000-000000000000@*,00000004-0000-0ff1-ce00-000000000000@litwareinc.com", error="invalid_token""#.into(),
            ),
            ("WWW-Authenticate".into(), "NTLM".into()),
        ],
        body: Vec::new(),
        endless: false,
        body_delay: None,
    }
}

async fn s2s(args: &[&str]) -> Output {
    tokio::process::Command::new(env!("CARGO_BIN_EXE_s2s"))
        .args(args)
        .output()
        .await
        .expect("s2s runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

async fn check(pair: &Pair, now: &str, extra: &[&str]) -> Output {
    let mut args = vec![
        "check",
        "--pool",
        &pair.pool,
        "--exchange",
        &pair.exchange,
        "--ca-file",
        &pair.ca_file,
        "--sip-domain",
        "litwareinc.com",
        "--now",
        now,
    ];
    args.extend_from_slice(extra);
    s2s(&args).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn healthy_pair_exits_0_with_every_step_shown() {
    let pair = servers(EXCHANGE_DOC).await;
    let out = check(&pair, "2027-01-01T00:00:00Z", &["--json"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    // The probe's note that Exchange also trusts ACS makes it "info".
    assert_eq!(v["verdict"], "info");
    assert_eq!(v["probe"]["status"], 401);
    assert_eq!(v["probe"]["oauth_offered"], true);
    assert_eq!(
        v["probe"]["trusted_issuers"][1]["product"],
        "Skype for Business Server"
    );
    let probe_steps = v["probe"]["steps"].as_array().map(Vec::len);
    assert_eq!(probe_steps, Some(4));
    let found = |v: &serde_json::Value, id: &str| {
        v["findings"]
            .as_array()
            .is_some_and(|f| f.iter().any(|f| f["id"] == id))
    };
    assert!(found(&v, "S2S-PROBE-TRUSTS-SKYPE"), "{v}");
    // Without the probe: the documents alone, all passing.
    let out = check(&pair, "2027-01-01T00:00:00Z", &["--json", "--no-probe"]).await;
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["verdict"], "pass");
    assert!(v["probe"].is_null());
    assert!(!found(&v, "S2S-PROBE-TRUSTS-SKYPE"));
    for side in ["skype", "exchange"] {
        let steps: Vec<&str> = v[side]["steps"]
            .as_array()
            .expect("steps")
            .iter()
            .filter_map(|s| s["name"].as_str())
            .collect();
        assert_eq!(steps, ["resolve", "connect", "tls", "http"], "{side}");
        assert_eq!(v[side]["status"], 200);
    }
    let ids: Vec<&str> = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["id"].as_str())
        .collect();
    assert!(
        ids.contains(&"S2S-REALM-SIP-OK") && ids.contains(&"S2S-CERT-DISTINCT"),
        "{ids:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expiring_expired_and_thumbprints() {
    let pair = servers(EXCHANGE_DOC).await;
    // The Skype certificate expires 2028-11-25: 41 days left is a warning.
    let out = check(&pair, "2028-10-15T00:00:00Z", &[]).await;
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("WARN  S2S-CERT-EXPIRING"),
        "{}",
        stdout(&out)
    );
    // And after it, a failure.
    let out = check(&pair, "2029-01-01T00:00:00Z", &[]).await;
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stdout(&out).contains("FAIL  S2S-CERT-EXPIRED"),
        "{}",
        stdout(&out)
    );

    // The Exchange certificate's thumbprint is found; another is not.
    let der = s2s_core::cert::decode_any(EXCHANGE_THUMBPRINT_FILE.as_bytes()).expect("pem");
    let thumb = der[0].summary.sha1_thumbprint.clone();
    let out = check(&pair, "2027-01-01T00:00:00Z", &["--thumbprint", &thumb]).await;
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let out = check(
        &pair,
        "2027-01-01T00:00:00Z",
        &["--thumbprint", &"AB".repeat(20)],
    )
    .await;
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).contains("S2S-THUMBPRINT-NOT-PUBLISHED"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn broken_exchange_document_and_unreachable_and_untrusted() {
    let pair = servers(b"<!DOCTYPE html><html><title>Outlook</title></html>").await;
    let out = check(&pair, "2027-01-01T00:00:00Z", &[]).await;
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stdout(&out).contains("S2S-DOC-NOT-JSON"),
        "{}",
        stdout(&out)
    );

    // Nothing listens on the Exchange port any more.
    let closed = support::closed_port().port();
    let gone = Pair {
        exchange: format!("localhost:{closed}"),
        ..pair
    };
    let out = check(&gone, "2027-01-01T00:00:00Z", &["--json"]).await;
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["exchange"]["error"]["code"], "connection_refused", "{v}");
    assert_eq!(v["exchange"]["steps"][1]["ok"], false);

    // Without the CA file the servers are not trusted, and the reason says so.
    let out = s2s(&[
        "check",
        "--pool",
        &gone.pool,
        "--exchange",
        &gone.exchange,
        "--json",
    ])
    .await;
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["skype"]["error"]["code"], "tls_untrusted", "{v}");
    assert!(
        v["skype"]["error"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("not issued by a trusted CA")
    );
}

/// The sample line of `name` with exactly these labels, as written.
fn sample<'a>(text: &'a str, name: &str, labels: &str) -> Option<&'a str> {
    let start = format!("{name}{{{labels}}} ");
    text.lines().find_map(|l| l.strip_prefix(start.as_str()))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn prometheus_format_for_the_textfile_collector() {
    let pair = servers(EXCHANGE_DOC).await;
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("s2s.prom");
    let file_arg = file.to_string_lossy().into_owned();
    let out = check(
        &pair,
        "2027-01-01T00:00:00Z",
        &[
            "--format",
            "prometheus",
            "--output",
            &file_arg,
            "--deployment",
            "lab-1",
        ],
    )
    .await;
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(out.stdout.is_empty(), "--output writes nothing to stdout");
    let text = std::fs::read_to_string(&file).expect("written");
    assert!(text.ends_with("# EOF\n"), "{text}");
    for (name, labels, value) in [
        ("s2s_document_up", r#"deployment="lab-1",side="skype""#, "1"),
        (
            "s2s_document_up",
            r#"deployment="lab-1",side="exchange""#,
            "1",
        ),
        (
            "s2s_trust_ok",
            r#"deployment="lab-1",direction="skype_trusts_exchange""#,
            "1",
        ),
        (
            "s2s_trust_ok",
            r#"deployment="lab-1",direction="exchange_trusts_skype""#,
            "1",
        ),
        (
            "s2s_findings",
            r#"deployment="lab-1",side="skype",severity="fail""#,
            "0",
        ),
        (
            "s2s_fetch_duration_seconds_count",
            r#"deployment="lab-1",side="skype""#,
            "1",
        ),
    ] {
        assert_eq!(
            sample(&text, name, labels),
            Some(value),
            "{name}{{{labels}}}: {text}"
        );
    }
    // Every published signing key and both TLS leaves, with their expiry.
    let der = s2s_core::cert::decode_any(EXCHANGE_THUMBPRINT_FILE.as_bytes()).expect("pem");
    let exchange_key = format!(
        r#"deployment="lab-1",side="exchange",source="metadata",thumbprint="{}""#,
        der[0].summary.sha1_thumbprint
    );
    assert_eq!(
        sample(
            &text,
            "s2s_certificate_not_after_timestamp_seconds",
            &exchange_key
        ),
        Some(der[0].summary.not_after.0.to_string().as_str()),
        "{text}"
    );
    let tls = text
        .lines()
        .filter(|l| {
            l.starts_with("s2s_certificate_not_after_timestamp_seconds{")
                && l.contains(r#"source="tls""#)
        })
        .count();
    assert_eq!(tls, 2, "{text}");
    let promtool = std::env::var("S2S_PROMTOOL").unwrap_or_else(|_| "promtool".into());
    let lint = std::process::Command::new(promtool)
        .args(["check", "metrics"])
        .stdin(std::fs::File::open(&file).expect("open"))
        .output()
        .expect("promtool (Debian package prometheus; ./dev tools installs it) runs");
    assert!(
        lint.status.success(),
        "{}{}",
        String::from_utf8_lossy(&lint.stdout),
        String::from_utf8_lossy(&lint.stderr)
    );

    // Once Skype's certificate expired: exit 2, Exchange no longer trusts
    // Skype; the default label is the pool's host; stdout without --output.
    let out = check(&pair, "2029-01-01T00:00:00Z", &["--format", "prometheus"]).await;
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out);
    assert_eq!(
        sample(
            &text,
            "s2s_trust_ok",
            r#"deployment="localhost",direction="exchange_trusts_skype""#
        ),
        Some("0"),
        "{text}"
    );

    let out = check(
        &pair,
        "2027-01-01T00:00:00Z",
        &["--format", "prometheus", "--deployment", "a b"],
    )
    .await;
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--deployment 'a b'"));
    // A pool name too long for a label still checks, in every format: the
    // label made from it is cut to fit.
    let long = format!("{}.litwareinc.invalid", "a".repeat(63));
    for format in ["text", "prometheus"] {
        let out = s2s(&[
            "check",
            "--pool",
            &long,
            "--exchange",
            &long,
            "--no-probe",
            "--format",
            format,
        ])
        .await;
        assert_eq!(out.status.code(), Some(2), "{format}: {}", stdout(&out));
    }
    let out = check(
        &pair,
        "2027-01-01T00:00:00Z",
        &[
            "--format",
            "prometheus",
            "--output",
            "/nonexistent/dir/s2s.prom",
        ],
    )
    .await;
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("cannot write /nonexistent/dir/s2s.prom")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn usage_errors_exit_3() {
    for args in [
        vec!["check"],
        vec![
            "check",
            "--pool",
            "a",
            "--exchange",
            "b",
            "--thumbprint",
            "xyz",
        ],
        vec![
            "check",
            "--pool",
            "a",
            "--exchange",
            "b",
            "--now",
            "tomorrow",
        ],
        vec![
            "check",
            "--pool",
            "a",
            "--exchange",
            "b",
            "--ca-file",
            "/nonexistent.pem",
        ],
        vec!["check", "--pool", " ", "--exchange", "b"],
        // Beyond what a fetch may take (it overflowed the clock before).
        vec![
            "check",
            "--pool",
            "a",
            "--exchange",
            "b",
            "--timeout",
            "18446744073709551615",
        ],
    ] {
        assert_eq!(s2s(&args).await.status.code(), Some(3), "{args:?}");
    }
}
