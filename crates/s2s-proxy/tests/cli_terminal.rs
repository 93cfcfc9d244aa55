//! Text a server or a file supplies reaches the terminal with its control
//! characters made visible (text output, error messages) or escaped (JSON
//! output, which still reads back to the same value): an escape sequence in
//! a realm or a subject cannot drive the admin's terminal.

use std::process::{Command, Output};

/// ESC ] 0 ; … BEL retitles a terminal, ESC [ 2 J clears it, U+009B is CSI
/// in its one-character (C1) form.
const HOSTILE: &str = "litware\u{1b}]0;owned\u{7}\u{1b}[2J\u{9b}31m.com";

fn s2s(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_s2s"))
        .args(args)
        .output()
        .expect("s2s runs")
}

fn has_controls(bytes: &[u8]) -> bool {
    String::from_utf8_lossy(bytes)
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
}

fn hostile_document(dir: &std::path::Path) -> String {
    let doc = serde_json::json!({
        "id": "_ef16ed2b-0000-4000-8000-000000000000",
        "version": "1.0",
        "realm": HOSTILE,
        "serviceName": "00000004-0000-0ff1-ce00-000000000000",
        "issuer": format!("00000004-0000-0ff1-ce00-000000000000@{HOSTILE}"),
        "keys": [{"usage": "signing", "keyvalue": {"type": "x509Certificate", "value": "MIIH..."}}],
    });
    let path = dir.join("hostile.json");
    std::fs::write(&path, doc.to_string()).expect("write");
    path.display().to_string()
}

#[test]
fn inspect_text_shows_escapes_instead_of_sending_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = hostile_document(dir.path());
    let out = s2s(&["inspect", &file, "--now", "2027-06-01T00:00:00Z"]);
    assert!(!out.stdout.is_empty());
    assert!(
        !has_controls(&out.stdout),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("litware␛]0;owned␇␛[2J\u{fffd}31m.com"),
        "{text}"
    );
}

#[test]
fn inspect_json_escapes_them_and_keeps_the_value() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = hostile_document(dir.path());
    let out = s2s(&["inspect", &file, "--json", "--now", "2027-06-01T00:00:00Z"]);
    assert!(
        !has_controls(&out.stdout),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["realm"], HOSTILE);
}

#[test]
fn read_and_error_messages_too() {
    let dir = tempfile::tempdir().expect("tempdir");
    let paste = dir.path().join("paste.txt");
    // A partner application's name is printed as pasted.
    std::fs::write(
        &paste,
        format!(
            "Name                  : LyncEnterprise-{HOSTILE}\r\n\
             Enabled               : True\r\n\
             ApplicationIdentifier : 00000004-0000-0ff1-ce00-000000000000\r\n\
             AuthMetadataUrl       : https://atl-cs-001.litwareinc.com/metadata/json/1\r\n\
             Realm                 : litwareinc.com\r\n"
        ),
    )
    .expect("write");
    let out = s2s(&["read", &paste.display().to_string()]);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("␛[2J"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(
        !has_controls(&out.stdout),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // A file name is quoted in the error message of a file that is not there.
    let missing = dir.path().join(format!("no{HOSTILE}.json"));
    let out = s2s(&["inspect", &missing.display().to_string()]);
    assert_eq!(out.status.code(), Some(s2s_proxy::cli::EXIT_USAGE));
    assert!(!out.stderr.is_empty());
    assert!(
        !has_controls(&out.stderr),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
