//! nginx from Debian as the reference reverse proxy: started as a foreground
//! child (`daemon off`) with its own prefix, configuration, pid file and
//! logs in a temporary directory, listening on loopback ports, stopped
//! afterwards. It runs as the invoking user; root is needed only to
//! install the package (`./dev bench` does that).
//!
//! Four servers in one nginx, all verifying the upstream's certificate
//! against the bench CA (`proxy_ssl_verify on`, `proxy_ssl_name`):
//! - `plain`: `proxy_pass https://127.0.0.1:PORT` and nginx's defaults, what
//!   the budget names: HTTP/1.0 to the upstream, one connection per request,
//!   TLS sessions resumed (`proxy_ssl_session_reuse on`, the default), so
//!   after the first request nginx skips the certificate exchange
//!   (nginx 1.22's default `proxy_ssl_protocols` is TLSv1 to TLSv1.2, so
//!   this resumes TLS 1.2 sessions: no key exchange at all);
//! - `plain13`: the same with `proxy_ssl_protocols TLSv1.2 TLSv1.3`, so the
//!   upstream's TLS 1.3 is used and each resumption makes a key exchange
//!   (single-use tickets: concurrent requests often make full handshakes);
//! - `keepalive`: the usual tuned setup, an `upstream` block with
//!   `keepalive 64`, HTTP/1.1 and `Connection ""` to the upstream, so TLS
//!   connections to the upstream are reused across requests;
//! - `fresh`: a plain `proxy_pass https://127.0.0.1:PORT` (HTTP/1.0 to the
//!   upstream, one connection per request) with `proxy_ssl_session_reuse
//!   off`, so every request makes a new TCP connection and a full TLS
//!   handshake with certificate verification: the same work s2s does.
//!
//! Both keep `access_log` on (to the temp dir), as s2s logs one line per
//! fetch; `keepalive_requests` is raised so the client's connections are
//! not closed every 1,000 requests (s2s never closes them either).

use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::pki::UPSTREAM_NAME;

pub struct Nginx {
    bin: PathBuf,
    prefix: PathBuf,
    conf: PathBuf,
    child: Child,
    pub keepalive: SocketAddr,
    pub fresh: SocketAddr,
    pub plain: SocketAddr,
    pub plain13: SocketAddr,
}

/// `$NGINX`, else Debian's `/usr/sbin/nginx`, else `nginx` on PATH.
pub fn find() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("NGINX") {
        return Some(PathBuf::from(p));
    }
    let debian = PathBuf::from("/usr/sbin/nginx");
    if debian.is_file() {
        return Some(debian);
    }
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join("nginx"))
            .find(|p| p.is_file())
    })
}

pub fn version(bin: &Path) -> String {
    Command::new(bin)
        .arg("-v")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stderr).trim().to_string())
        .unwrap_or_else(|e| format!("unknown ({e})"))
}

/// A loopback port nothing listens on now (nginx binds it right after).
pub fn free_port() -> Result<SocketAddr, String> {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| format!("no free loopback port: {e}"))
}

fn config(
    dir: &Path,
    upstream: SocketAddr,
    ca: &Path,
    keepalive: SocketAddr,
    fresh: SocketAddr,
    plain: SocketAddr,
    plain13: SocketAddr,
) -> String {
    let d = dir.display();
    let ca = ca.display();
    format!(
        r#"daemon off;
master_process on;
worker_processes auto;
pid {d}/nginx.pid;
error_log {d}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log {d}/access.log;
    client_body_temp_path {d}/client_body;
    proxy_temp_path {d}/proxy;
    fastcgi_temp_path {d}/fastcgi;
    uwsgi_temp_path {d}/uwsgi;
    scgi_temp_path {d}/scgi;
    keepalive_requests 1000000;
    proxy_ssl_trusted_certificate {ca};
    proxy_ssl_verify on;
    proxy_ssl_name {UPSTREAM_NAME};
    proxy_ssl_server_name on;

    upstream metadata {{
        server {upstream};
        keepalive 64;
    }}
    server {{
        listen {keepalive};
        location / {{
            proxy_pass https://metadata;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
        }}
    }}
    server {{
        listen {plain};
        location / {{
            proxy_pass https://{upstream};
        }}
    }}
    server {{
        listen {plain13};
        location / {{
            proxy_pass https://{upstream};
            proxy_ssl_protocols TLSv1.2 TLSv1.3;
        }}
    }}
    server {{
        listen {fresh};
        location / {{
            proxy_pass https://{upstream};
            proxy_ssl_session_reuse off;
        }}
    }}
}}
"#
    )
}

impl Nginx {
    pub fn start(bin: &Path, dir: &Path, upstream: SocketAddr, ca: &Path) -> Result<Nginx, String> {
        let prefix = dir.join("nginx");
        std::fs::create_dir_all(&prefix)
            .map_err(|e| format!("cannot create {}: {e}", prefix.display()))?;
        let (keepalive, fresh, plain, plain13) =
            (free_port()?, free_port()?, free_port()?, free_port()?);
        let conf = prefix.join("nginx.conf");
        std::fs::write(
            &conf,
            config(&prefix, upstream, ca, keepalive, fresh, plain, plain13),
        )
        .map_err(|e| format!("cannot write {}: {e}", conf.display()))?;
        let error_log = prefix.join("error.log");
        let child = Command::new(bin)
            .arg("-p")
            .arg(&prefix)
            .arg("-c")
            .arg(&conf)
            .arg("-e")
            .arg(&error_log)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", bin.display()))?;
        let nginx = Nginx {
            bin: bin.to_path_buf(),
            prefix,
            conf,
            child,
            keepalive,
            fresh,
            plain,
            plain13,
        };
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if [keepalive, fresh, plain, plain13]
                .iter()
                .all(|a| TcpStream::connect(a).is_ok())
            {
                return Ok(nginx);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let log = std::fs::read_to_string(&error_log).unwrap_or_default();
        Err(format!("nginx did not start listening within 5 s: {log}"))
    }
}

impl Nginx {
    /// Lines of nginx's error log at level error or worse (a failed
    /// certificate check or an upstream error would show here).
    pub fn logged_errors(&self) -> Vec<String> {
        let log = std::fs::read_to_string(self.prefix.join("error.log")).unwrap_or_default();
        log.lines()
            .filter(|l| {
                ["[error]", "[crit]", "[alert]", "[emerg]"]
                    .iter()
                    .any(|lvl| l.contains(lvl))
            })
            .map(str::to_string)
            .collect()
    }
}

impl Drop for Nginx {
    /// `nginx -s stop` signals the master through the pid file, and the
    /// master stops its workers; killing only the master would leave them.
    fn drop(&mut self) {
        let _ = Command::new(&self.bin)
            .arg("-p")
            .arg(&self.prefix)
            .arg("-c")
            .arg(&self.conf)
            .args(["-s", "stop"])
            .stdout(Stdio::null())
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
