//! The real `s2s serve` on a real socket, spoken to over plain HTTP/1.1.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

/// A running `s2s serve`, killed when dropped.
pub struct Serving {
    child: Child,
    pub port: u16,
    _dist: tempfile::TempDir,
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Serving {
    /// `s2s serve --listen LISTEN` with a one-file app and `extra` flags;
    /// returns once it printed its address.
    pub fn start_on(listen: &str, extra: &[&str]) -> Serving {
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

    /// The whole answer to one request: `head` is the request line and any
    /// headers; `Host`, `Content-Length` and `Connection: close` are added.
    pub fn exchange(&self, head: &str, host: &str, body: &str) -> String {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connects");
        write!(
            stream,
            "{head}\r\nHost: {host}\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .expect("write");
        let mut answer = String::new();
        stream.read_to_string(&mut answer).expect("read");
        answer
    }

    /// The body of the answer to one request naming the server by address.
    pub fn request(&self, head: &str, body: &str) -> String {
        let answer = self.exchange(head, "127.0.0.1", body);
        answer
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_string())
            .unwrap_or_default()
    }

    /// The status line's code for `GET /healthz` naming `host`.
    pub fn status(&self, host: &str) -> u16 {
        let answer = self.exchange("GET /healthz HTTP/1.1", host, "");
        answer
            .split(' ')
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or_else(|| panic!("no status in {answer:?}"))
    }

    /// Everything said on stderr at start: once a request is answered all
    /// of it is said, and the server is stopped.
    pub fn stderr(mut self) -> String {
        assert_eq!(self.status(&format!("127.0.0.1:{}", self.port)), 200);
        let _ = self.child.kill();
        let mut text = String::new();
        if let Some(mut err) = self.child.stderr.take() {
            let _ = err.read_to_string(&mut text);
        }
        text
    }
}
