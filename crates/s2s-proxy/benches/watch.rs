//! The watch's benchmark (`./dev bench`, or `cargo bench -p s2s-proxy --bench
//! watch`): a spawned `s2s serve` (release build) in demo mode watching 200
//! deployments, all on the demo's upstreams (real TLS on loopback, real
//! documents, the trust probe). Prints each round's time as s2s logs it, the
//! CPU one round costs, peak and current memory, and how soon a demo
//! scenario switch shows in `/metrics`. Asserts nothing.
//!
//! Settings: `S2S_BIN` (default the one cargo built for this bench),
//! `S2S_BENCH_DEPLOYMENTS` (default 200), `S2S_BENCH_ROUNDS` (default 5).

#[path = "proxy/process.rs"]
#[allow(dead_code)]
mod process;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

const ROUND_BUDGET: Duration = Duration::from_secs(10);
const MEMORY_BUDGET_MIB: f64 = 64.0;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("watch bench: {e}");
            ExitCode::FAILURE
        }
    }
}

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The config: the demo (no allowlist) with `count` deployments in all, the
/// demo's own `litwareinc` first; a day's interval, so only the switches
/// this bench sends start rounds.
fn config(dist: &Path, count: usize) -> String {
    let mut text = format!(
        "dist = {:?}\nwatch_interval = 86400\n",
        dist.display().to_string()
    );
    for i in 1..count {
        text.push_str(&format!(
            "[[deployment]]\nname = \"bench-{i:03}\"\npool = \"atl-cs-001.litwareinc.com\"\nexchange = \"autodiscover.litwareinc.com\"\nsip_domain = \"litwareinc.com\"\n"
        ));
    }
    text
}

/// `ms` of every `watch round finished` line s2s logged so far.
fn rounds_logged(log: &Path) -> Vec<u64> {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    text.lines()
        .filter(|l| l.contains("watch round finished"))
        .filter_map(|l| {
            let plain = strip_ansi(l);
            plain
                .split_whitespace()
                .find_map(|w| w.strip_prefix("ms="))
                .and_then(|v| v.parse().ok())
        })
        .collect()
}

/// The log without its colour codes (`ESC [ … m`).
fn strip_ansi(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn wait_for_rounds(log: &Path, count: usize, limit: Duration) -> Result<Vec<u64>, String> {
    let started = Instant::now();
    loop {
        let rounds = rounds_logged(log);
        if rounds.len() >= count {
            return Ok(rounds);
        }
        if started.elapsed() > limit {
            return Err(format!(
                "{count} watch rounds not finished after {} s; log: {}",
                limit.as_secs(),
                std::fs::read_to_string(log).unwrap_or_default()
            ));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn request(addr: SocketAddr, head: &str, body: &str) -> Result<String, String> {
    let mut stream = TcpStream::connect(addr).map_err(|e| format!("connect {addr}: {e}"))?;
    write!(
        stream,
        "{head}\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .map_err(|e| e.to_string())?;
    let mut answer = String::new();
    stream
        .read_to_string(&mut answer)
        .map_err(|e| e.to_string())?;
    Ok(answer)
}

fn switch(addr: SocketAddr, scenario: &str) -> Result<(), String> {
    let answer = request(
        addr,
        "POST /api/v1/demo/scenario HTTP/1.1\r\nContent-Type: application/json\r\nX-S2S-Console: 1",
        &format!("{{\"scenario\":\"{scenario}\"}}"),
    )?;
    if answer.starts_with("HTTP/1.1 200") {
        Ok(())
    } else {
        Err(format!("the scenario switch was refused: {answer}"))
    }
}

/// CPU seconds the process used so far (user + system), from /proc/PID/stat.
fn cpu_seconds(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / clock_ticks())
}

fn clock_ticks() -> f64 {
    std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(100.0)
}

fn median(v: &mut [u64]) -> u64 {
    v.sort_unstable();
    v.get(v.len() / 2).copied().unwrap_or(0)
}

fn run() -> Result<(), String> {
    let count = setting("S2S_BENCH_DEPLOYMENTS", 200).max(1);
    let rounds = setting("S2S_BENCH_ROUNDS", 5).max(1);
    let bin = std::env::var("S2S_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(env!("CARGO_BIN_EXE_s2s")));
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(&dist).map_err(|e| e.to_string())?;
    std::fs::write(dist.join("index.html"), "<html></html>").map_err(|e| e.to_string())?;
    let config_path = dir.path().join("s2s.toml");
    std::fs::write(&config_path, config(&dist, count)).map_err(|e| e.to_string())?;
    let log = dir.path().join("s2s.log");
    let s2s = process::S2s::spawn(&bin, &config_path, &log)?;
    let pid = s2s.pid();
    let idle_kib = process::status_kib(pid, "VmRSS").unwrap_or(0);

    println!(
        "watch: {count} deployments on the demo's upstreams (3 fetches each: both documents and the trust probe)"
    );
    // The first round starts with the server.
    let mut times = wait_for_rounds(&log, 1, Duration::from_secs(120))?;
    let mut cpu = Vec::new();
    for n in 1..=rounds {
        let before = cpu_seconds(pid).unwrap_or(0.0);
        switch(s2s.addr, "healthy")?;
        times = wait_for_rounds(&log, n + 1, Duration::from_secs(120))?;
        cpu.push(cpu_seconds(pid).unwrap_or(0.0) - before);
    }
    let mut measured: Vec<u64> = times.iter().skip(1).copied().collect();
    let worst = measured.iter().copied().max().unwrap_or(0);
    let p50 = median(&mut measured);
    let cpu_mean = cpu.iter().sum::<f64>() / cpu.len().max(1) as f64;
    println!(
        "  one round: p50 {p50} ms, max {worst} ms over {rounds} rounds (first, at start: {} ms); budget {} s: {}",
        times.first().copied().unwrap_or(0),
        ROUND_BUDGET.as_secs(),
        if Duration::from_millis(worst) <= ROUND_BUDGET {
            "within budget"
        } else {
            "OVER budget"
        }
    );
    println!(
        "  CPU per round: {cpu_mean:.2} s (user + system, on 2 cores), {:.1} ms per deployment",
        cpu_mean * 1000.0 / count as f64
    );
    let peak = process::status_kib(pid, "VmHWM").unwrap_or(0) as f64 / 1024.0;
    println!(
        "  peak RSS (VmHWM) {peak:.1} MiB (budget {MEMORY_BUDGET_MIB:.0} MiB): {}; {:.1} MiB at start, {:.1} MiB after the rounds",
        if peak <= MEMORY_BUDGET_MIB {
            "within budget"
        } else {
            "OVER budget"
        },
        idle_kib as f64 / 1024.0,
        process::status_kib(pid, "VmRSS").unwrap_or(0) as f64 / 1024.0
    );

    // Every deployment was really watched: both its documents read.
    let scrape = request(s2s.addr, "GET /metrics HTTP/1.1", "")?;
    let up = scrape
        .lines()
        .filter(|l| l.starts_with("s2s_document_up{") && l.ends_with("} 1"))
        .count();
    println!("  documents read at the last round: {up} of {}", 2 * count);
    if up != 2 * count {
        return Err(format!(
            "only {up} of {} documents were read: {scrape}",
            2 * count
        ));
    }

    // How soon a switch shows: litwareinc's Exchange trust direction breaks.
    let broken = "s2s_trust_ok{deployment=\"litwareinc\",direction=\"skype_trusts_exchange\"} 0";
    let started = Instant::now();
    switch(s2s.addr, "expired-exchange-certificate")?;
    loop {
        let scrape = request(s2s.addr, "GET /metrics HTTP/1.1", "")?;
        if scrape.contains(broken) {
            println!(
                "  demo switch to expired-exchange-certificate seen in /metrics after {} ms (acceptance: within 5 s)",
                started.elapsed().as_millis()
            );
            break;
        }
        if started.elapsed() > Duration::from_secs(60) {
            return Err("the switch did not show in /metrics within 60 s".into());
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    Ok(())
}
