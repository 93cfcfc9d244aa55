//! Peak memory of s2s with many fetches at once to an upstream that never
//! finishes its answer: every request must get an answer from s2s (a
//! result, or a timeout or busy error), and once the clients are gone s2s
//! must hold no more sockets than before.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;

use crate::process::{self, S2s};

#[derive(Debug, Default)]
pub struct Outcome {
    pub answered: usize,
    pub timed_out: usize,
    pub busy: usize,
    /// Other answers, by error code.
    pub other: Vec<String>,
    /// Requests s2s never answered (the client gave up or lost the connection).
    pub unanswered: usize,
    pub took: Duration,
    pub rss_before_kib: u64,
    pub peak_kib: u64,
    pub sockets_before: usize,
    pub sockets_after: usize,
    /// How long the sockets took to return to the baseline (None: they did not).
    pub settled_in: Option<Duration>,
}

impl Outcome {
    /// The lines `./dev bench` shows: who got what answer, peak memory
    /// against the budget, sockets before and after.
    pub fn print(&self, concurrent: usize, budget_mib: f64) {
        let all = self.answered + self.timed_out + self.busy + self.other.len();
        println!(
            "  {all} of {concurrent} answered by s2s in {:.2} s: {} results, {} timed out, {} busy, {} other{}, {} unanswered",
            self.took.as_secs_f64(),
            self.answered,
            self.timed_out,
            self.busy,
            self.other.len(),
            if self.other.is_empty() {
                String::new()
            } else {
                format!(
                    " ({})",
                    self.other
                        .iter()
                        .take(3)
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            },
            self.unanswered
        );
        let peak_mib = self.peak_kib as f64 / 1024.0;
        println!(
            "  peak RSS (VmHWM) {peak_mib:.1} MiB (budget {budget_mib:.0} MiB): {}; {:.1} MiB before the fetches",
            if peak_mib <= budget_mib {
                "within budget"
            } else {
                "OVER budget"
            },
            self.rss_before_kib as f64 / 1024.0
        );
        println!(
            "  s2s sockets: {} before, {} after the clients left: {}",
            self.sockets_before,
            self.sockets_after,
            match self.settled_in {
                Some(t) => format!(
                    "back to the baseline within {:.2} s, no leak",
                    t.as_secs_f64()
                ),
                None => "NOT back to the baseline after 10 s (leak)".into(),
            }
        );
    }
}

enum Answer {
    Result,
    Timeout,
    Busy,
    Other(String),
    None,
}

async fn one(addr: SocketAddr, path: String) -> Answer {
    let attempt = async {
        let tcp = TcpStream::connect(addr).await.ok()?;
        let _ = tcp.set_nodelay(true);
        let (mut sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(tcp))
            .await
            .ok()?;
        tokio::spawn(async move {
            let _ = conn.await;
        });
        let req = hyper::Request::get(path)
            .header("x-s2s-console", "1")
            .header(hyper::header::HOST, addr.to_string())
            .body(Empty::<Bytes>::new())
            .ok()?;
        let resp = sender.send_request(req).await.ok()?;
        let status = resp.status();
        let body = resp.into_body().collect().await.ok()?.to_bytes();
        let json: serde_json::Value = serde_json::from_slice(&body).ok()?;
        let code = json["error"]["code"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        Some(match (status.as_u16(), code.as_str()) {
            (200, "") => Answer::Result,
            (200, "timeout") => Answer::Timeout,
            (503, "busy") => Answer::Busy,
            (s, c) => Answer::Other(format!("HTTP {s} {c}")),
        })
    };
    // Far beyond s2s's own limit: only a request s2s never answers ends here.
    tokio::time::timeout(Duration::from_secs(60), attempt)
        .await
        .ok()
        .flatten()
        .unwrap_or(Answer::None)
}

pub async fn run(s2s: &S2s, path: &str, concurrent: usize) -> Outcome {
    let pid = s2s.pid();
    let mut out = Outcome {
        rss_before_kib: process::status_kib(pid, "VmRSS").unwrap_or(0),
        sockets_before: process::sockets(pid).unwrap_or(0),
        ..Outcome::default()
    };
    let started = Instant::now();
    let tasks: Vec<_> = (0..concurrent)
        .map(|_| tokio::spawn(one(s2s.addr, path.to_string())))
        .collect();
    for t in tasks {
        match t.await.unwrap_or(Answer::None) {
            Answer::Result => out.answered += 1,
            Answer::Timeout => out.timed_out += 1,
            Answer::Busy => out.busy += 1,
            Answer::Other(code) => out.other.push(code),
            Answer::None => out.unanswered += 1,
        }
    }
    out.took = started.elapsed();
    out.peak_kib = process::status_kib(pid, "VmHWM").unwrap_or(0);
    // Every client connection is closed by now (each task dropped its own);
    // give s2s a moment to notice, then compare with the baseline.
    let settle_from = Instant::now();
    loop {
        out.sockets_after = process::sockets(pid).unwrap_or(usize::MAX);
        if out.sockets_after <= out.sockets_before {
            out.settled_in = Some(settle_from.elapsed());
            break;
        }
        if settle_from.elapsed() > Duration::from_secs(10) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    out
}
