//! `s2s read`: saved command output read into facts and findings, as text
//! or JSON, with the exit codes of `s2s check`.

use std::path::PathBuf;
use std::process::Command;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures")).join(name)
}

fn s2s(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_s2s"))
        .args(args)
        .output()
        .expect("s2s runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn path(name: &str) -> String {
    fixture(name).display().to_string()
}

#[test]
fn a_401_with_2000004_fails_with_the_realm_finding_in_json() {
    let (code, out, err) = s2s(&[
        "read",
        &path("testout/test-csexstorage-401-2000004-verbose.txt"),
        &path("testout/get-accepteddomain.txt"),
        "--sip-domain",
        "litwareinc.com",
        "--json",
    ]);
    assert_eq!(code, 2, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["command"], "Test-CsExStorageConnectivity");
    assert_eq!(v["commands"][1], "Get-AcceptedDomain");
    assert_eq!(v["facts"]["diagnostics"][0]["code"], 2000004);
    assert_eq!(v["facts"]["accepted_domains"][1], "*.litwareinc.com");
    let ids: Vec<&str> = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["id"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        ids,
        ["S2S-TEST-REALM-NOT-ACCEPTED", "S2S-TEST-SKYPE-NOT-TRUSTED"]
    );
    assert_eq!(v["findings"][0]["severity"], "fail");
    assert!(
        v["findings"][0]["title"]
            .as_str()
            .is_some_and(|t| t.contains("2000004"))
    );
}

#[test]
fn the_real_proxy_capture_gives_the_proxy_finding_as_text() {
    let (code, out, _) = s2s(&[
        "read",
        &path("real/test-oauthconnectivity_ews_403_via-proxy_github.txt"),
    ]);
    assert_eq!(code, 2);
    assert!(out.contains("Recognised: Test-OAuthConnectivity"), "{out}");
    assert!(
        out.contains("Proxy:      http://10.38.161.34:8080/"),
        "{out}"
    );
    assert!(out.contains("FAIL  S2S-TEST-PROXY"), "{out}");
}

#[test]
fn a_passing_test_exits_zero_and_utf16_files_are_read() {
    let (code, out, _) = s2s(&["read", &path("testout/test-csexstorage-passed-verbose.txt")]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("PASS  S2S-TEST-PASSED"), "{out}");
    // The optional next steps that use the trust.
    let (_, json, _) = s2s(&[
        "read",
        &path("testout/test-csexstorage-passed-verbose.txt"),
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(
        v["findings"][0]["fix_steps"],
        serde_json::json!(["skype-exchange-archiving", "skype-unified-contact-store"])
    );

    // Windows PowerShell's `>` writes UTF-16 with a byte-order mark. The
    // output lists Skype's application twice, the enabled one and a disabled
    // extra; without the enabled one, the disabled one is the trust, broken.
    let full =
        std::fs::read_to_string(fixture("testout/get-partnerapplication.txt")).expect("fixture");
    let records: Vec<&str> = full.split("\n\n").collect();
    assert_eq!(records.len(), 3, "header and two applications");
    let text = [records[0], records[2]].join("\n\n");
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("apps.txt");
    std::fs::write(&file, bytes).expect("write");
    let (code, out, _) = s2s(&["read", &file.display().to_string()]);
    assert_eq!(code, 2, "a disabled application is a failure: {out}");
    assert!(out.contains("FAIL  S2S-PARTNER-DISABLED"), "{out}");
    assert!(
        out.contains("LyncEnterprise-4b2f0d7c-1e9a-4c3b-a6d5-7f8e9a0b1c22 (DISABLED)"),
        "{out}"
    );
}

#[test]
fn unrecognised_text_and_missing_files_exit_three() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("notes.txt");
    std::fs::write(&file, "buy milk\n").expect("write");
    let (code, out, _) = s2s(&["read", &file.display().to_string(), "--json"]);
    assert_eq!(code, 3);
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["unrecognised"], true);
    assert_eq!(v["findings"][0]["id"], "S2S-TEST-UNRECOGNISED");

    let (code, _, err) = s2s(&["read", "/nonexistent/output.txt"]);
    assert_eq!(code, 3);
    assert!(err.contains("cannot read /nonexistent/output.txt"), "{err}");
}

/// A reader that stops early (`s2s read … --json | head`) ends the output
/// quietly: no panic on the closed pipe.
#[test]
fn a_reader_that_stops_early_is_no_error() {
    use std::io::Read;
    let dir = tempfile::tempdir().expect("temp");
    let one = std::fs::read_to_string(fixture("testout/test-csexstorage-401-2000004-verbose.txt"))
        .expect("fixture");
    // Large enough that the output outgrows the pipe's buffer.
    let big = dir.path().join("many.txt");
    std::fs::write(&big, one.repeat(200)).expect("write");
    let mut child = Command::new(env!("CARGO_BIN_EXE_s2s"))
        .args(["read", &big.display().to_string(), "--json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("s2s runs");
    let mut head = [0u8; 64];
    let mut stdout = child.stdout.take().expect("stdout");
    stdout.read_exact(&mut head).expect("some output");
    drop(stdout);
    let out = child.wait_with_output().expect("s2s ends");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_ne!(out.status.code(), Some(101), "{err}");
}

/// A hybrid Exchange's partner applications: SfBOnline and Exchange Online
/// are information (exit 0); with another pool given, this pool's
/// application reads a stale metadata URL: a failure (exit 2).
#[test]
fn hybrid_neighbours_are_information_and_a_moved_pool_is_a_failure() {
    let file = path("testout/get-partnerapplication-hybrid.txt");
    let (code, out, err) = s2s(&[
        "read",
        &file,
        "--pool",
        "atl-cs-001.litwareinc.com",
        "--json",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let found: Vec<(&str, &str)> = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["id"].as_str().unwrap_or(""),
                f["severity"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("S2S-PARTNER-SKYPE-ONLINE", "info"),
            ("S2S-PARTNER-EXCHANGE-ONLINE", "info"),
            ("S2S-PARTNER-URL-CURRENT", "pass"),
        ]
    );
    assert_eq!(
        v["facts"]["partner_applications"][1]["use_auth_server"],
        true
    );

    let (code, out, _) = s2s(&[
        "read",
        &file,
        "--pool",
        "https://atl-cs-002.litwareinc.com/metadata/json/1",
    ]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("FAIL  S2S-PARTNER-STALE-URL"), "{out}");
    assert!(!out.contains("S2S-PARTNER-DUPLICATE"), "{out}");
    assert!(!out.contains("S2S-PARTNER-DISABLED"), "{out}");
}
