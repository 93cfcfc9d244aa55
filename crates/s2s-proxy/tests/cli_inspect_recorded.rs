//! `s2s inspect --json` gives the same fields and values, and the same exit
//! code, as the binary built before the move to x509-cert, serde_json and
//! base64 did, for every fixture (outputs recorded then: recorded/README.md).

use std::path::Path;
use std::process::Command;

const RECORDED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/recorded/inspect");
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
/// The clock the outputs were recorded with (days left depend on it).
const NOW: &str = "2027-06-01T00:00:00Z";

/// Files whose error message is worded differently now, because x509-cert
/// or serde_json (not the hand-written readers) says what is wrong: the
/// file, and the message it gives now. Everything else in their output is
/// compared.
const REWORDED: [(&str, &str); 6] = [
    (
        "fixtures/generated/certificates/wrong-version.der",
        "not a certificate: the bytes have the outer shape of DER but are not an X.509 certificate: value not allowed for INTEGER (at byte 9)",
    ),
    // Command output (`[PS] C:\…`): `[` opens an array, then no value.
    (
        "fixtures/real/test-oauthconnectivity_ews_403_via-proxy_github.txt",
        NOT_JSON_AT_2,
    ),
    (
        "fixtures/testout/configure-enterprisepartnerapplication.txt",
        NOT_JSON_AT_2,
    ),
    ("fixtures/testout/get-accepteddomain.txt", NOT_JSON_AT_2),
    ("fixtures/testout/get-authconfig.txt", NOT_JSON_AT_2),
    ("fixtures/testout/get-partnerapplication.txt", NOT_JSON_AT_2),
];
/// Was "… expected a value (an object, array, string, number, true, false
/// or null) but found 'P' (line 1, column 2)".
const NOT_JSON_AT_2: &str =
    "not a metadata document: the document is not valid JSON: expected value (line 1, column 2)";

fn recorded_files() -> Vec<(String, i32)> {
    let index = std::fs::read_to_string(Path::new(RECORDED).join("exit_codes.tsv"))
        .expect("recorded/inspect/exit_codes.tsv");
    index
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(path, code)| (path.to_string(), code.parse().expect("exit code")))
        .collect()
}

#[test]
fn every_fixture_inspects_as_recorded() {
    let files = recorded_files();
    assert!(files.len() >= 50, "only {} recorded files", files.len());
    let mut differences = Vec::new();
    for (file, recorded_code) in &files {
        let out = Command::new(env!("CARGO_BIN_EXE_s2s"))
            .args(["inspect", &format!("{ROOT}/{file}"), "--json", "--now", NOW])
            .output()
            .expect("s2s runs");
        let recorded_text = std::fs::read_to_string(
            Path::new(RECORDED).join(format!("{}.json", file.replace('/', "_"))),
        )
        .expect("recorded output");
        let mut recorded: serde_json::Value =
            serde_json::from_str(&recorded_text).expect("recorded output is JSON");
        if let Some((_, message)) = REWORDED.iter().find(|(f, _)| f == file) {
            recorded["error"] = serde_json::Value::from(*message);
        }
        let now: serde_json::Value = match serde_json::from_slice(&out.stdout) {
            Ok(v) => v,
            Err(e) => {
                differences.push(format!("{file}: output is not JSON ({e})"));
                continue;
            }
        };
        if now != recorded {
            differences.push(format!(
                "{file}:\n  recorded: {recorded}\n  now:      {now}"
            ));
        }
        if out.status.code() != Some(*recorded_code) {
            differences.push(format!(
                "{file}: exit code {:?}, recorded {recorded_code}",
                out.status.code()
            ));
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}
