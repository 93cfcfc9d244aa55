//! `s2s serve` over HTTPS, with the real binary and real TLS: the console
//! and `/healthz` answer with HSTS and the usual checks; plain HTTP to the
//! TLS port gets no answer; a network address without HTTPS or
//! `--plain-http` is refused; bad certificate and key files are named; and
//! (in the connection loop itself) a client that opens TLS and stalls is
//! dropped.

mod support;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Output, Stdio};
use std::sync::Arc;
use std::time::Duration;

use rustls::pki_types::ServerName;
use support::TestCa;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::process::{Child, Command};

/// A dist directory, and the PEM files of a server certificate for
/// `localhost` and 127.0.0.1 made by `ca`.
struct Files {
    dir: tempfile::TempDir,
}

impl Files {
    fn new(ca: &TestCa) -> Files {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir(dir.path().join("dist")).expect("mkdir");
        std::fs::write(
            dir.path().join("dist/index.html"),
            "<!DOCTYPE html><html><head><title>S2S Console</title></head><body></body></html>",
        )
        .expect("write");
        let (cert, key) = ca.server_cert_pem(&["localhost", "127.0.0.1"]);
        std::fs::write(dir.path().join("cert.pem"), cert).expect("write");
        std::fs::write(dir.path().join("key.pem"), key).expect("write");
        Files { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn write(&self, name: &str, text: &str) -> String {
        std::fs::write(self.path(name), text).expect("write");
        self.arg(name)
    }

    fn arg(&self, name: &str) -> String {
        self.path(name).display().to_string()
    }
}

fn s2s(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_s2s"));
    command.args(args).env("S2S_LOG", "warn").kill_on_drop(true);
    command
}

/// Runs `s2s` to its end (it must not start serving).
async fn run(args: &[&str]) -> Output {
    tokio::time::timeout(Duration::from_secs(30), s2s(args).output())
        .await
        .expect("s2s ends")
        .expect("s2s runs")
}

/// Starts `s2s serve` and reads the address line it prints first.
async fn start(args: &[&str]) -> (Child, String) {
    let mut child = s2s(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("s2s starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    tokio::time::timeout(
        Duration::from_secs(60),
        BufReader::new(stdout).read_line(&mut line),
    )
    .await
    .expect("s2s prints its address")
    .expect("stdout");
    (child, line.trim().to_string())
}

/// The port of a `listening on SCHEME://ADDR/` line, on 127.0.0.1.
fn loopback(line: &str, scheme: &str) -> SocketAddr {
    let addr: SocketAddr = line
        .strip_prefix(&format!("listening on {scheme}://"))
        .and_then(|rest| rest.strip_suffix('/'))
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| panic!("not a {scheme} address line: {line:?}"));
    SocketAddr::from(([127, 0, 0, 1], addr.port()))
}

/// Stops a server and returns what it wrote on stderr.
async fn stop(mut child: Child) -> String {
    let _ = child.start_kill();
    let out = child.wait_with_output().await.expect("s2s stops");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Sends `GET path` naming `host`, asking to close after it, and reads until
/// the server closes (or a read fails, as a TLS stream cut short does).
async fn get(stream: &mut (impl AsyncRead + AsyncWrite + Unpin), path: &str, host: &str) -> String {
    let request = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
    let _ = stream.write_all(request.as_bytes()).await;
    read_until_closed(stream, Duration::from_secs(10))
        .await
        .expect("the server answers and closes")
}

/// What arrives until the peer closes; `None` if it is still open after `wait`.
async fn read_until_closed(
    stream: &mut (impl AsyncRead + Unpin),
    wait: Duration,
) -> Option<String> {
    let mut got = Vec::new();
    let read = async {
        let mut buf = [0u8; 4096];
        while let Ok(n @ 1..) = stream.read(&mut buf).await {
            got.extend_from_slice(&buf[..n]);
        }
    };
    tokio::time::timeout(wait, read).await.ok()?;
    Some(String::from_utf8_lossy(&got).into_owned())
}

/// A TLS client trusting only `ca`, offering HTTP/2 and HTTP/1.1.
fn connector(ca: &TestCa) -> tokio_rustls::TlsConnector {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("versions")
        .with_root_certificates(ca.roots())
        .with_no_client_auth();
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    tokio_rustls::TlsConnector::from(Arc::new(config))
}

async fn https_get(ca: &TestCa, addr: SocketAddr, path: &str, host: &str) -> String {
    let tcp = TcpStream::connect(addr).await.expect("connect");
    let name = ServerName::try_from("localhost").expect("name");
    let mut tls = connector(ca)
        .connect(name, tcp)
        .await
        .expect("TLS handshake with the console");
    // HTTP/1.1 is what the connection loop speaks, so that is what is offered.
    assert_eq!(tls.get_ref().1.alpn_protocol(), Some(&b"http/1.1"[..]));
    get(&mut tls, path, host).await
}

fn header_line(response: &str, name: &str) -> Option<String> {
    let head = response.split("\r\n\r\n").next().unwrap_or_default();
    head.lines()
        .find(|l| {
            l.to_ascii_lowercase()
                .starts_with(&format!("{}:", name.to_ascii_lowercase()))
        })
        .map(|l| l.to_ascii_lowercase())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn https_serves_the_console_with_hsts_and_its_usual_checks() {
    let ca = TestCa::new();
    let files = Files::new(&ca);
    // On a network address: HTTPS needs no --plain-http.
    let (child, line) = start(&[
        "serve",
        "--listen",
        "0.0.0.0:0",
        "--tls-cert",
        &files.arg("cert.pem"),
        "--tls-key",
        &files.arg("key.pem"),
        "--server-name",
        "s2s.litwareinc.com",
        "--dist",
        &files.arg("dist"),
    ])
    .await;
    let addr = loopback(&line, "https");

    let health = https_get(&ca, addr, "/healthz", "localhost").await;
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    assert!(health.ends_with("ok\n"), "{health}");
    assert_eq!(
        header_line(&health, "strict-transport-security").as_deref(),
        Some("strict-transport-security: max-age=31536000"),
        "{health}"
    );

    let page = https_get(&ca, addr, "/", "s2s.litwareinc.com").await;
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(page.contains("<title>S2S Console</title>"), "{page}");
    assert!(
        header_line(&page, "strict-transport-security").is_some(),
        "{page}"
    );
    assert!(
        header_line(&page, "content-security-policy").is_some(),
        "{page}"
    );
    assert_eq!(
        header_line(&page, "x-content-type-options").as_deref(),
        Some("x-content-type-options: nosniff")
    );

    // The Host check holds over TLS too, and its refusal carries HSTS.
    let rebound = https_get(&ca, addr, "/", "rebind.example").await;
    assert!(rebound.starts_with("HTTP/1.1 421"), "{rebound}");
    assert!(header_line(&rebound, "strict-transport-security").is_some());

    // Plain HTTP to the TLS port gets no HTTP answer, only the closed door.
    let mut plain = TcpStream::connect(addr).await.expect("connect");
    let answer = get(&mut plain, "/healthz", "localhost").await;
    assert!(!answer.contains("HTTP/1.1"), "{answer:?}");

    let stderr = stop(child).await;
    assert!(!stderr.contains("plain HTTP"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_network_address_without_https_or_plain_http_is_refused() {
    let ca = TestCa::new();
    let files = Files::new(&ca);
    for listen in ["0.0.0.0:0", "[::]:0"] {
        let out = run(&["serve", "--listen", listen, "--dist", &files.arg("dist")]).await;
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(3), "{stderr}");
        assert!(out.stdout.is_empty(), "it listened");
        assert!(
            stderr.contains(&format!("refusing to serve plain HTTP on {listen}"))
                && stderr.contains("--tls-cert FILE --tls-key FILE")
                && stderr.contains("--plain-http"),
            "{stderr}"
        );
    }
    // The same from the config file.
    let config = files.write("s2s.toml", "listen = \"0.0.0.0:0\"\n");
    let out = run(&["serve", "--config", &config, "--dist", &files.arg("dist")]).await;
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("refusing to serve plain HTTP"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plain_http_on_a_network_address_starts_when_asked_for_and_warns() {
    let ca = TestCa::new();
    let files = Files::new(&ca);
    let (child, line) = start(&[
        "serve",
        "--listen",
        "0.0.0.0:0",
        "--plain-http",
        "--dist",
        &files.arg("dist"),
    ])
    .await;
    let addr = loopback(&line, "http");
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    let health = get(&mut stream, "/healthz", "127.0.0.1").await;
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    // HSTS means nothing over plain HTTP; the proxy in front adds its own.
    assert_eq!(header_line(&health, "strict-transport-security"), None);
    let stderr = stop(child).await;
    assert!(
        stderr.contains("serving plain HTTP (--plain-http)")
            && stderr.contains("reverse proxy that terminates TLS"),
        "{stderr}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_certificate_and_key_files_are_named_at_start() {
    let ca = TestCa::new();
    let files = Files::new(&ca);
    let (other_cert, other_key) = ca.server_cert_pem(&["localhost"]);
    let other_key = files.write("other-key.pem", &other_key);
    let cert_only = files.write("cert-only.pem", &other_cert);
    let key_only = files.write(
        "key-only.pem",
        &std::fs::read_to_string(files.path("key.pem")).expect("key"),
    );
    let not_pem = files.write("not-pem.txt", "this is not a certificate\n");
    let broken = files.write(
        "broken.pem",
        "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n",
    );
    let missing = files.arg("missing.pem");
    let cert = files.arg("cert.pem");
    let key = files.arg("key.pem");
    let cases: [(&str, &str, String); 7] = [
        (
            &missing,
            &key,
            format!("cannot read the TLS certificate file {missing}: "),
        ),
        (
            &cert,
            &missing,
            format!("cannot read the TLS key file {missing}: "),
        ),
        (
            &not_pem,
            &key,
            format!("the TLS certificate file {not_pem} holds no certificate"),
        ),
        (
            &key_only,
            &key,
            format!("the TLS certificate file {key_only} holds no certificate"),
        ),
        (
            &broken,
            &key,
            format!("the TLS certificate file {broken} is not valid PEM"),
        ),
        (
            &cert,
            &cert_only,
            format!("the TLS key file {cert_only} holds no private key"),
        ),
        (
            &cert,
            &other_key,
            format!("the TLS key {other_key} does not belong to the certificate {cert}"),
        ),
    ];
    for (cert, key, expected) in cases {
        let out = run(&[
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--tls-cert",
            cert,
            "--tls-key",
            key,
            "--dist",
            &files.arg("dist"),
        ])
        .await;
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(3), "{cert} {key}: {stderr}");
        assert!(out.stdout.is_empty(), "{cert} {key}: it listened");
        assert!(stderr.contains(&expected), "{expected}\n{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

/// A client that opens a TLS connection and then sends nothing more holds
/// it only as long as a request's headers may take.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stalled_tls_handshake_is_dropped_within_the_time_limit() {
    use s2s_proxy::connections::{ConnectionLimits, serve_https};
    let ca = TestCa::new();
    let files = Files::new(&ca);
    let tls = s2s_proxy::https::TlsFiles {
        cert: files.path("cert.pem"),
        key: files.path("key.pem"),
    }
    .server_config()
    .expect("TLS configuration");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let router = axum::Router::new().route("/healthz", axum::routing::get(|| async { "ok\n" }));
    let limits = ConnectionLimits {
        header_read_timeout: Duration::from_millis(300),
        max_connections: 8,
        ..ConnectionLimits::new(None, 1)
    };
    tokio::spawn(serve_https(
        listener,
        router,
        limits,
        tls,
        std::future::pending(),
    ));

    // Silent after connecting, and stalled inside a ClientHello record.
    let mut silent = TcpStream::connect(addr).await.expect("connect");
    let mut stalled = TcpStream::connect(addr).await.expect("connect");
    stalled
        .write_all(&[0x16, 0x03, 0x01, 0x02, 0x00, 0x01])
        .await
        .expect("write");
    for (what, stream) in [("silent", &mut silent), ("stalled", &mut stalled)] {
        let closed = read_until_closed(stream, Duration::from_secs(5)).await;
        assert!(closed.is_some(), "the {what} connection is still open");
    }
    // Others are still served.
    let health = https_get(&ca, addr, "/healthz", "localhost").await;
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    assert!(header_line(&health, "strict-transport-security").is_some());
}
