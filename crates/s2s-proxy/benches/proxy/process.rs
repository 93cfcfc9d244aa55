//! A spawned `s2s serve` (the release binary), and what /proc says about a
//! process: peak and current resident memory, open sockets.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

pub struct S2s {
    child: Child,
    /// Kept open: s2s printed its address here and may not expect a closed pipe.
    _stdout: BufReader<ChildStdout>,
    pub addr: SocketAddr,
}

impl S2s {
    /// Starts `bin serve --config config`, logging to `log`, and waits for
    /// the address it prints first (`listening on http://ADDR/`).
    pub fn spawn(bin: &Path, config: &Path, log: &Path) -> Result<S2s, String> {
        let log_file = std::fs::File::create(log)
            .map_err(|e| format!("cannot create {}: {e}", log.display()))?;
        let mut child = Command::new(bin)
            .arg("serve")
            .arg("--config")
            .arg(config)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(log_file)
            .spawn()
            .map_err(|e| {
                format!(
                    "cannot start {}: {e} (build it: cargo build --release -p s2s-proxy)",
                    bin.display()
                )
            })?;
        let Some(stdout) = child.stdout.take() else {
            let _ = child.kill();
            return Err("s2s has no stdout".into());
        };
        let mut stdout = BufReader::new(stdout);
        // The first line s2s prints is its address; a wrapper given as
        // S2S_BIN (a profiler) may print before it.
        let mut line = String::new();
        let mut addr = None;
        for _ in 0..20 {
            line.clear();
            if stdout.read_line(&mut line).unwrap_or(0) == 0 {
                break;
            }
            addr = line
                .trim()
                .strip_prefix("listening on http://")
                .and_then(|rest| rest.trim_end_matches('/').parse().ok());
            if addr.is_some() {
                break;
            }
        }
        match addr {
            Some(addr) => Ok(S2s {
                child,
                _stdout: stdout,
                addr,
            }),
            None => {
                let _ = child.kill();
                let _ = child.wait();
                let log_text = std::fs::read_to_string(log).unwrap_or_default();
                Err(format!("s2s did not start (printed {line:?}): {log_text}"))
            }
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for S2s {
    /// SIGTERM first (s2s shuts down gracefully, and a profiler wrapping it
    /// gets to write its data), SIGKILL if it has not exited in 5 s.
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .stderr(Stdio::null())
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A `kB` line of /proc/PID/status (`VmHWM`: peak resident set; `VmRSS`: now).
pub fn status_kib(pid: u32, key: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// The process's open sockets: file descriptors that link to `socket:[…]`.
pub fn sockets(pid: u32) -> Option<usize> {
    let fds = std::fs::read_dir(format!("/proc/{pid}/fd")).ok()?;
    Some(
        fds.filter_map(Result::ok)
            .filter_map(|fd| std::fs::read_link(fd.path()).ok())
            .filter(|target| target.to_string_lossy().starts_with("socket:"))
            .count(),
    )
}

/// The soft limit on open files of this process (inherited by s2s).
pub fn open_files_limit() -> Option<u64> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    limits
        .lines()
        .find(|l| l.starts_with("Max open files"))?
        .split_whitespace()
        .nth(3)?
        .parse()
        .ok()
}
