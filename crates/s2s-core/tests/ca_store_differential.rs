//! Differential test: every certificate in the system CA store (Debian's
//! `ca-certificates`, `/etc/ssl/certs`) decoded here must give the serial,
//! validity and fingerprints that `openssl x509` reports for the same file.

use std::path::{Path, PathBuf};
use std::process::Command;

use s2s_core::cert::decode_any;
use s2s_core::time::UnixTime;

const STORE: &str = "/etc/ssl/certs";

/// `Jun  4 11:04:38 2015 GMT` (openssl's default date format).
fn openssl_date(text: &str) -> UnixTime {
    let parts: Vec<&str> = text.split_whitespace().collect();
    assert_eq!(parts.len(), 5, "unexpected openssl date {text:?}");
    let month = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    .iter()
    .position(|m| *m == parts[0])
    .unwrap_or_else(|| panic!("month in {text:?}")) as i64
        + 1;
    let day: i64 = parts[1].parse().expect("day");
    let hms: Vec<i64> = parts[2]
        .split(':')
        .map(|p| p.parse().expect("time"))
        .collect();
    let year: i64 = parts[3].parse().expect("year");
    let date = time::Date::from_calendar_date(
        i32::try_from(year).expect("year"),
        time::Month::try_from(u8::try_from(month).expect("month")).expect("month"),
        u8::try_from(day).expect("day"),
    )
    .expect("openssl prints real dates");
    UnixTime(date.midnight().assume_utc().unix_timestamp() + hms[0] * 3600 + hms[1] * 60 + hms[2])
}

fn openssl(file: &Path, digest: &str) -> Vec<(String, String)> {
    let out = Command::new("openssl")
        .args([
            "x509",
            "-noout",
            "-serial",
            "-startdate",
            "-enddate",
            "-fingerprint",
            digest,
            "-in",
        ])
        .arg(file)
        .output()
        .expect("openssl runs (./dev installs it)");
    assert!(out.status.success(), "openssl failed on {}", file.display());
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("openssl printed no {name}"))
}

fn store_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(STORE)
        .expect("the system CA store exists (./dev installs ca-certificates)")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "pem"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_store_certificate_matches_openssl() {
    let files = store_files();
    // Debian ships well over a hundred roots; far fewer means the store is
    // missing, and the test would prove nothing.
    assert!(
        files.len() >= 100,
        "only {} certificates in {STORE}",
        files.len()
    );
    for file in &files {
        let bytes = std::fs::read(file).expect("readable");
        let certs = decode_any(&bytes).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        assert_eq!(certs.len(), 1, "{}", file.display());
        let c = &certs[0].summary;
        let sha1 = openssl(file, "-sha1");
        let sha256 = openssl(file, "-sha256");
        let name = file.display();
        assert_eq!(c.serial, field(&sha1, "serial"), "{name}: serial");
        assert_eq!(
            c.not_before,
            openssl_date(field(&sha1, "notBefore")),
            "{name}: notBefore"
        );
        assert_eq!(
            c.not_after,
            openssl_date(field(&sha1, "notAfter")),
            "{name}: notAfter"
        );
        assert_eq!(
            c.sha1_thumbprint,
            field(&sha1, "sha1 Fingerprint").replace(':', ""),
            "{name}: SHA-1"
        );
        assert_eq!(
            c.sha256_fingerprint,
            field(&sha256, "sha256 Fingerprint").replace(':', ""),
            "{name}: SHA-256"
        );
        // Roots are self-issued CAs; a store certificate that decodes without
        // these would point at a decoding bug.
        assert!(
            c.self_issued,
            "{name}: not self-issued: {} / {}",
            c.subject, c.issuer
        );
        assert!(!c.subject.is_empty(), "{name}: empty subject");
        assert!(
            c.extension_problems.is_empty(),
            "{name}: {:?}",
            c.extension_problems
        );
    }
}
