//! The proxy's benchmark (`./dev bench`, or `cargo bench -p s2s-proxy --bench
//! proxy`): in one run, against one loopback TLS upstream and with one HTTP
//! client, a direct fetch of the upstream, a fetch through a spawned `s2s
//! serve` (release build) and through nginx as a `proxy_pass` reverse proxy,
//! at 1, 8 and 64 concurrent clients; then s2s's peak memory with 1,000
//! fetches at once to an upstream that never finishes its answer. Prints
//! figures and how they compare with DESIGN.md's budgets; asserts nothing.
//!
//! Settings: `S2S_BENCH_SECONDS` (measured seconds per run, default 2),
//! `S2S_BIN` (the s2s binary; default the one cargo built for this bench),
//! `NGINX` (default /usr/sbin/nginx); for profiling one case,
//! `S2S_BENCH_LEVELS` (e.g. `64`) and `S2S_BENCH_TARGETS` (targets whose
//! label contains this text), which leave out the ratios they need.

mod client;
mod memory;
mod nginx;
mod pki;
mod process;
mod stats;
mod upstream;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use client::{Expect, Target};
use rustls::pki_types::ServerName;
use stats::Figures;

const LEVELS: [usize; 3] = [1, 8, 64];
const WARMUP: Duration = Duration::from_millis(500);
/// The memory scenario: this many fetches at once, each ending at s2s's
/// total time limit, shortened for the bench so the run stays short.
const SLOW_FETCHES: usize = 1000;
const SLOW_TIMEOUT_SECONDS: u64 = 2;
const MEMORY_BUDGET_MIB: f64 = 64.0;

const DIRECT: &str = "direct (https, keep-alive)";
const S2S_RESUMED: &str = "s2s /api/v1/fetch (reuse allowed)";
const S2S_FRESH: &str = "s2s /api/v1/fetch?fresh=1 (full handshake)";
const NGINX_PLAIN: &str = "nginx, plain proxy_pass (TLS resumed)";
const NGINX_PLAIN13: &str = "nginx, plain proxy_pass + TLS 1.3";
const NGINX_FRESH: &str = "nginx, new TLS connection per request";
const NGINX_KEEPALIVE: &str = "nginx, upstream keep-alive";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("proxy bench: {e}");
            ExitCode::FAILURE
        }
    }
}

fn runtime() -> Result<tokio::runtime::Runtime, String> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start a runtime: {e}"))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// An `s2s serve` configuration allowing exactly the upstream's address and
/// port, trusting the bench CA, without the per-client rate limit (one
/// client address makes every request here) and with room for every
/// concurrent fetch (so nothing is refused as busy).
fn s2s_config(dir: &Path, upstream_port: u16, ca: &Path, extra_limits: &str) -> String {
    format!(
        "listen = \"127.0.0.1:0\"\nallow = [\"127.0.0.1:{upstream_port}\"]\nca_file = {ca:?}\ndist = {dist:?}\n[limits]\nmax_concurrent_fetches = {SLOW_FETCHES}\nrate_limit_per_minute = 0\n{extra_limits}",
        ca = ca.display().to_string(),
        dist = dir.join("dist").display().to_string(),
    )
}

fn s2s_bin() -> PathBuf {
    std::env::var_os("S2S_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_s2s")))
}

fn fetch_path(upstream_port: u16) -> String {
    let url = format!(
        "https://127.0.0.1:{upstream_port}{}",
        upstream::METADATA_PATH
    );
    let encoded: String = url::form_urlencoded::byte_serialize(url.as_bytes()).collect();
    format!("/api/v1/fetch?url={encoded}")
}

/// What both parts share: the temp dir, the CA, the upstreams, the runtimes.
struct Setup {
    dir: tempfile::TempDir,
    pki: pki::Pki,
    doc: hyper::body::Bytes,
    ca_path: PathBuf,
    up: std::net::SocketAddr,
    slow: std::net::SocketAddr,
    bin: PathBuf,
    client_rt: tokio::runtime::Runtime,
    /// Kept alive: the upstreams run on it.
    _upstream_rt: tokio::runtime::Runtime,
}

fn setup() -> Result<Setup, String> {
    let dir = tempfile::Builder::new()
        .prefix("s2s-proxy-bench-")
        .tempdir()
        .map_err(|e| format!("cannot make a temp dir: {e}"))?;
    // nginx's workers run as another user when started by root: they must
    // be able to enter the directory.
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755))
            .map_err(|e| format!("cannot open up {}: {e}", dir.path().display()))?;
    }
    let pki = pki::make()?;
    let doc = upstream::document()?;
    let ca_path = dir.path().join("ca.pem");
    write(&ca_path, &pki.ca_pem)?;
    std::fs::create_dir_all(dir.path().join("dist"))
        .map_err(|e| format!("cannot make the dist dir: {e}"))?;
    write(&dir.path().join("dist/index.html"), "<html></html>")?;
    // The upstreams get their own threads, the client its own.
    let upstream_rt = runtime()?;
    let (up, slow) = upstream_rt.block_on(async {
        let up = upstream::serve_metadata(pki.server.clone(), doc.clone()).await?;
        let slow = upstream::serve_never_finishing(pki.server.clone()).await?;
        Ok::<_, String>((up, slow))
    })?;
    Ok(Setup {
        dir,
        pki,
        doc,
        ca_path,
        up,
        slow,
        bin: s2s_bin(),
        client_rt: runtime()?,
        _upstream_rt: upstream_rt,
    })
}

fn run() -> Result<(), String> {
    let part = std::env::var("S2S_BENCH_PART").unwrap_or_default();
    let s = setup()?;
    if part.is_empty() || part == "throughput" {
        throughput(&s)?;
    }
    if part.is_empty() || part == "memory" {
        memory_peak(&s)?;
    }
    Ok(())
}

fn throughput(s: &Setup) -> Result<(), String> {
    let window = std::env::var("S2S_BENCH_SECONDS")
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .filter(|s| *s > 0.0 && *s < 600.0)
        .map(Duration::from_secs_f64)
        .unwrap_or(Duration::from_secs(2));
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let nginx_bin = nginx::find();
    println!(
        "proxy benchmark: {cores} cores; upstream https://127.0.0.1:{} (hyper + rustls, HTTP/1.1 keep-alive), {} byte document; {:.1} s measured per run after {:.1} s warm-up",
        s.up.port(),
        s.doc.len(),
        window.as_secs_f64(),
        WARMUP.as_secs_f64()
    );
    println!(
        "  client: hyper HTTP/1.1, one keep-alive connection per client, TCP_NODELAY; {}",
        match &nginx_bin {
            Some(bin) => nginx::version(bin),
            None => "nginx not found (./dev bench installs Debian's nginx)".into(),
        }
    );

    let dir = s.dir.path();
    let s2s_toml = dir.join("s2s.toml");
    write(&s2s_toml, &s2s_config(dir, s.up.port(), &s.ca_path, ""))?;
    let s2s = process::S2s::spawn(&s.bin, &s2s_toml, &dir.join("s2s.log"))?;
    let nginx = match &nginx_bin {
        Some(bin) => Some(nginx::Nginx::start(bin, dir, s.up, &s.ca_path)?),
        None => None,
    };
    println!(
        "  s2s: {} (pid {}) at {}; nginx: {}",
        s.bin.display(),
        s2s.pid(),
        s2s.addr,
        nginx
            .as_ref()
            .map(|n| format!(
                "{} (plain proxy_pass), {} (upstream keep-alive), {} (new TLS connection per request)",
                n.plain, n.keepalive, n.fresh
            ))
            .unwrap_or_else(|| "-".into())
    );

    let tls = tokio_rustls::TlsConnector::from(pki::client_config(s.pki.roots.clone())?);
    let upstream_name = ServerName::try_from(pki::UPSTREAM_NAME)
        .map_err(|e| format!("server name: {e}"))?
        .to_owned();
    let document = |label: &str, addr| Target {
        label: label.to_string(),
        addr,
        tls: None,
        path: upstream::METADATA_PATH.to_string(),
        host: pki::UPSTREAM_NAME.to_string(),
        expect: Expect::Document(s.doc.len()),
    };
    let mut targets = vec![
        Target {
            tls: Some((tls, upstream_name)),
            ..document(DIRECT, s.up)
        },
        Target {
            label: S2S_RESUMED.into(),
            addr: s2s.addr,
            tls: None,
            path: fetch_path(s.up.port()),
            host: s2s.addr.to_string(),
            expect: Expect::Report { resumed: true },
        },
        Target {
            label: S2S_FRESH.into(),
            addr: s2s.addr,
            tls: None,
            path: format!("{}&fresh=1", fetch_path(s.up.port())),
            host: s2s.addr.to_string(),
            expect: Expect::Report { resumed: false },
        },
    ];
    if let Some(n) = &nginx {
        targets.push(document(NGINX_PLAIN, n.plain));
        targets.push(document(NGINX_PLAIN13, n.plain13));
        targets.push(document(NGINX_FRESH, n.fresh));
        targets.push(document(NGINX_KEEPALIVE, n.keepalive));
    }
    if let Ok(only) = std::env::var("S2S_BENCH_TARGETS") {
        targets.retain(|t| t.label.contains(only.as_str()));
    }
    let targets: Vec<Arc<Target>> = targets.into_iter().map(Arc::new).collect();
    let levels: Vec<usize> = std::env::var("S2S_BENCH_LEVELS")
        .ok()
        .map(|l| l.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| LEVELS.to_vec());
    s.client_rt.block_on(sanity_check(&targets, &s.doc))?;
    upstream::take_handshakes();

    println!("\n{}", stats::TABLE_HEAD);
    let mut results: Vec<(usize, Vec<Figures>)> = Vec::new();
    for clients in levels {
        let mut row = Vec::new();
        for t in &targets {
            let sample = s
                .client_rt
                .block_on(client::load(t.clone(), clients, WARMUP, window));
            let f = stats::figures(sample);
            println!(
                "{}   upstream handshakes: {}",
                stats::row(&t.label, clients, &f),
                upstream::take_handshakes()
            );
            row.push(f);
        }
        results.push((clients, row));
    }
    if let Some(n) = &nginx {
        let errors = n.logged_errors();
        if !errors.is_empty() {
            println!(
                "  nginx logged {} errors, the first: {}",
                errors.len(),
                errors[0]
            );
        }
    }
    println!(
        "  (s2s peak RSS during these runs: {:.1} MiB)",
        process::status_kib(s2s.pid(), "VmHWM").unwrap_or(0) as f64 / 1024.0
    );

    println!(
        "\nratios (s2s resolves, checks and pins the address for every fetch; within 30 s of a full handshake it may reuse an open connection to that address or resume a TLS session with it, and reports the chain verified then and its age; with fresh=1, as the app asks, it opens a new connection with a full handshake; nginx 1.22's default proxy_ssl_protocols leave out TLS 1.3, so its plain proxy_pass resumes TLS 1.2 sessions, with no key exchange):"
    );
    for (clients, row) in &results {
        let figures = |label: &str| {
            targets
                .iter()
                .position(|t| t.label == label)
                .and_then(|i| row.get(i))
        };
        let (Some(direct), Some(resumed), Some(fresh)) =
            (figures(DIRECT), figures(S2S_RESUMED), figures(S2S_FRESH))
        else {
            continue;
        };
        let pairs = [
            (
                "nginx (plain proxy_pass)",
                resumed,
                figures(NGINX_PLAIN),
                true,
            ),
            (
                "nginx (new TLS conn), both full",
                fresh,
                figures(NGINX_FRESH),
                false,
            ),
            (
                "nginx (upstream keep-alive)",
                resumed,
                figures(NGINX_KEEPALIVE),
                false,
            ),
            ("direct", resumed, Some(direct), false),
        ];
        for (label, ours, theirs, budget) in pairs {
            if let Some(theirs) = theirs {
                println!(
                    "{}",
                    stats::ratio_line(label, *clients, ours, theirs, budget)
                );
            }
        }
    }
    Ok(())
}

fn memory_peak(s: &Setup) -> Result<(), String> {
    // A separate s2s, so its peak is this scenario's.
    let dir = s.dir.path();
    let slow_toml = dir.join("s2s-slow.toml");
    write(
        &slow_toml,
        &s2s_config(
            dir,
            s.slow.port(),
            &s.ca_path,
            &format!("total_timeout_seconds = {SLOW_TIMEOUT_SECONDS}\n"),
        ),
    )?;
    let s2s = process::S2s::spawn(&s.bin, &slow_toml, &dir.join("s2s-slow.log"))?;
    let limit = process::open_files_limit().unwrap_or(0);
    if limit < 3 * SLOW_FETCHES as u64 {
        println!(
            "\nwarning: the open files limit is {limit}; {SLOW_FETCHES} fetches need about {} (ulimit -n 8192)",
            3 * SLOW_FETCHES
        );
    }
    println!(
        "\ns2s memory: {SLOW_FETCHES} fetches at once to an upstream that sends its headers and never the body (bench config: total_timeout_seconds = {SLOW_TIMEOUT_SECONDS}, max_concurrent_fetches = {SLOW_FETCHES}, rate_limit_per_minute = 0)"
    );
    let out = s
        .client_rt
        .block_on(memory::run(&s2s, &fetch_path(s.slow.port()), SLOW_FETCHES));
    out.print(SLOW_FETCHES, MEMORY_BUDGET_MIB);
    Ok(())
}

/// Each target answers correctly, checked in full, before anything is
/// timed; an s2s target twice, its second report from a resumed session or
/// not, as the target's label says.
async fn sanity_check(targets: &[Arc<Target>], doc: &[u8]) -> Result<(), String> {
    for t in targets {
        let rounds = match t.expect {
            Expect::Document(_) => 1,
            Expect::Report { .. } => 2,
        };
        for round in 1..=rounds {
            let body = client::fetch_once(t).await?;
            let ok = match t.expect {
                Expect::Document(_) => body.as_ref() == doc,
                Expect::Report { resumed } => {
                    let report: s2s_core::api::FetchReport = serde_json::from_slice(&body)
                        .map_err(|e| format!("{}: not a fetch report: {e}", t.label))?;
                    if let Some(e) = &report.error {
                        return Err(format!("{}: {}: {}", t.label, e.code, e.message));
                    }
                    let was_resumed = report
                        .tls
                        .as_ref()
                        .is_some_and(|tls| tls.resumed_chain_age_seconds.is_some());
                    if round == 2 && was_resumed != resumed {
                        return Err(format!(
                            "{}: the second fetch was {}resumed",
                            t.label,
                            if was_resumed { "" } else { "not " }
                        ));
                    }
                    report.status == Some(200) && report.body_bytes() == doc
                }
            };
            if !ok {
                return Err(format!(
                    "{}: the answer is not the upstream's document",
                    t.label
                ));
            }
        }
    }
    Ok(())
}
