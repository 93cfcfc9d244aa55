//! The real `s2s serve` on a real socket: on a network address it answers
//! only to addresses, `localhost` and the names given (DNS rebinding), and
//! says so at start, as it warns about wildcard entries that no network
//! bounds.

mod support;

use support::serving::Serving;

/// `s2s serve --listen 0.0.0.0:0 --plain-http` (plain HTTP off loopback
/// must be asked for) with `extra` flags.
fn start(extra: &[&str]) -> Serving {
    let mut flags = vec!["--plain-http"];
    flags.extend_from_slice(extra);
    Serving::start_on("0.0.0.0:0", &flags)
}

#[test]
fn off_loopback_only_addresses_and_localhost_are_answered_by_default() {
    let serving = start(&[]);
    let port = serving.port;
    assert_eq!(serving.status("rebound.evil.example"), 421);
    assert_eq!(serving.status(&format!("s2s.litwareinc.com:{port}")), 421);
    assert_eq!(serving.status(&format!("127.0.0.1:{port}")), 200);
    assert_eq!(serving.status(&format!("10.20.0.9:{port}")), 200);
    assert_eq!(serving.status(&format!("localhost:{port}")), 200);
    let said = serving.stderr();
    assert!(
        said.contains("answering to its addresses and localhost only")
            && said.contains("--server-name NAME"),
        "{said}"
    );
}

#[test]
fn off_loopback_the_names_given_are_answered() {
    let serving = start(&["--server-name", "s2s.litwareinc.com"]);
    let port = serving.port;
    assert_eq!(serving.status(&format!("s2s.litwareinc.com:{port}")), 200);
    assert_eq!(serving.status(&format!("127.0.0.1:{port}")), 200);
    assert_eq!(serving.status("rebound.evil.example"), 421);
    let said = serving.stderr();
    assert!(
        said.contains("answering to its addresses, localhost and s2s.litwareinc.com"),
        "{said}"
    );
}

/// A `*.domain` entry with no `allowed_networks` is warned about at start;
/// with networks set, or exact names only, nothing is said.
#[test]
fn wildcard_entries_without_networks_are_warned_about() {
    let said = Serving::start_on(
        "127.0.0.1:0",
        &["--allow", "*.litwareinc.com", "--allow", "ex01.contoso.com"],
    )
    .stderr();
    assert!(
        said.contains(
            "s2s: warning: allowed host '*.litwareinc.com' lets the proxy fetch any name under litwareinc.com"
        ) && said.contains("set allowed_networks"),
        "{said}"
    );
    assert!(!said.contains("ex01.contoso.com' lets"), "{said}");

    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("s2s.toml");
    std::fs::write(
        &file,
        "allow = [\"*.litwareinc.com\"]\nallowed_networks = [\"10.20.0.0/16\"]\n",
    )
    .expect("write");
    let file = file.to_string_lossy().into_owned();
    let said = Serving::start_on("127.0.0.1:0", &["--config", &file]).stderr();
    assert!(!said.contains("lets the proxy fetch"), "{said}");
    let said = Serving::start_on("127.0.0.1:0", &["--allow", "ex01.contoso.com"]).stderr();
    assert!(!said.contains("lets the proxy fetch"), "{said}");
}
