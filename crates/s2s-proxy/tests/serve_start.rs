//! The real `s2s serve` on a real socket: on a network address it answers
//! only to addresses, `localhost` and the names given (DNS rebinding), and
//! says so at start, as it warns about wildcard entries that no network
//! bounds.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

/// A running `s2s serve`, killed when dropped.
struct Serving {
    child: Child,
    port: u16,
    _dist: tempfile::TempDir,
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Serving {
    /// `s2s serve --listen 0.0.0.0:0 --plain-http` (plain HTTP off loopback
    /// must be asked for) with `extra` flags.
    fn start(extra: &[&str]) -> Serving {
        let mut flags = vec!["--plain-http"];
        flags.extend_from_slice(extra);
        Serving::start_on("0.0.0.0:0", &flags)
    }

    fn start_on(listen: &str, extra: &[&str]) -> Serving {
        let dist = tempfile::tempdir().expect("temp");
        std::fs::write(dist.path().join("index.html"), "<html></html>").expect("write");
        let mut child = Command::new(env!("CARGO_BIN_EXE_s2s"))
            .args(["serve", "--listen", listen, "--dist"])
            .arg(dist.path())
            .args(extra)
            .env("S2S_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("s2s starts");
        let mut first = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut first)
            .expect("a line");
        let port = first
            .trim()
            .trim_end_matches('/')
            .rsplit(':')
            .next()
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no port in {first:?}"));
        Serving {
            child,
            port,
            _dist: dist,
        }
    }

    /// The status line's code for `GET /healthz` naming `host`.
    fn status(&self, host: &str) -> u16 {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connects");
        write!(
            stream,
            "GET /healthz HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )
        .expect("write");
        let mut answer = String::new();
        stream.read_to_string(&mut answer).expect("read");
        answer
            .split(' ')
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or_else(|| panic!("no status in {answer:?}"))
    }

    /// Everything said on stderr at start: once a request is answered all
    /// of it is said, and the server is stopped.
    fn stderr(mut self) -> String {
        assert_eq!(self.status(&format!("127.0.0.1:{}", self.port)), 200);
        let _ = self.child.kill();
        let mut text = String::new();
        if let Some(mut err) = self.child.stderr.take() {
            let _ = err.read_to_string(&mut text);
        }
        text
    }
}

#[test]
fn off_loopback_only_addresses_and_localhost_are_answered_by_default() {
    let serving = Serving::start(&[]);
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
    let serving = Serving::start(&["--server-name", "s2s.litwareinc.com"]);
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
