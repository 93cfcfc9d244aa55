//! The server as a router, driven with `oneshot`: headers, routes, API errors;
//! and over a socket where what hyper writes is the point (Content-Length).

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use http_body_util::BodyExt;
use s2s_proxy::assets::Assets;
use s2s_proxy::config::{AllowedHost, Mode, ServerConfig};
use s2s_proxy::server::{AppState, app};
use tower::ServiceExt;

const BOOTSTRAP: &str = "\nimport init from '/s2s-console-0123456789abcdef.js';\nawait init();\n";

/// `<temp>/dist`, removed with the temp dir when dropped.
struct DistDir(tempfile::TempDir);

impl DistDir {
    fn path(&self) -> std::path::PathBuf {
        self.0.path().join("dist")
    }
}

/// A dist directory shaped like Trunk's output, with a file beside it that
/// must never be served.
fn dist() -> DistDir {
    let parent = tempfile::tempdir().expect("temp dir");
    std::fs::write(parent.path().join("secret.txt"), "SECRET").expect("write");
    std::fs::create_dir(parent.path().join("dist")).expect("mkdir");
    let dir = DistDir(parent);
    let index = format!(
        "<!DOCTYPE html><html><head><script type=\"module\">{BOOTSTRAP}</script></head><body></body></html>"
    );
    std::fs::write(dir.path().join("index.html"), index).expect("write");
    std::fs::write(
        dir.path().join("s2s-console-0123456789abcdef.js"),
        "export default 1;",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("s2s-console-0123456789abcdef_bg.wasm"),
        b"\0asm\x01\0\0\0",
    )
    .expect("write");
    std::fs::create_dir(dir.path().join("public")).expect("mkdir");
    std::fs::write(dir.path().join("public/favicon.svg"), "<svg/>").expect("write");
    dir
}

fn router(config: ServerConfig) -> (axum::Router, DistDir) {
    let dir = dist();
    let assets = Assets::load(&dir.path()).expect("assets load");
    (app(AppState::new(config, assets)), dir)
}

/// A request as the console sends it (with `X-S2S-Console: 1`).
async fn send(router: axum::Router, method: Method, uri: &str) -> axum::response::Response {
    let req = Request::builder()
        .method(method)
        .uri(uri)
        .header("x-s2s-console", "1")
        .body(Body::empty())
        .expect("request");
    router.oneshot(req).await.expect("infallible")
}

async fn body_text(resp: axum::response::Response) -> String {
    let bytes = resp.into_body().collect().await.expect("body").to_bytes();
    String::from_utf8_lossy(&bytes).into_owned()
}

fn header<'a>(resp: &'a axum::response::Response, name: &str) -> &'a str {
    resp.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    for (method, uri) in [
        (Method::GET, "/"),
        (Method::GET, "/certificates"),
        (Method::GET, "/s2s-console-0123456789abcdef.js"),
        (Method::GET, "/missing.js"),
        (Method::GET, "/healthz"),
        (Method::GET, "/api/v1/config"),
        (Method::GET, "/api/v1/nothing"),
        (Method::POST, "/api/v1/config"),
        (Method::POST, "/"),
    ] {
        let (r, _dir) = router(ServerConfig::demo());
        let resp = send(r, method.clone(), uri).await;
        let csp = header(&resp, "content-security-policy");
        assert!(
            csp.contains("frame-ancestors 'none'"),
            "{method} {uri}: {csp}"
        );
        assert!(
            csp.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"),
            "{method} {uri}: {csp}"
        );
        assert!(!csp.contains("unsafe-inline"), "{method} {uri}: {csp}");
        assert_eq!(
            header(&resp, "x-content-type-options"),
            "nosniff",
            "{method} {uri}"
        );
        assert_eq!(
            header(&resp, "referrer-policy"),
            "no-referrer",
            "{method} {uri}"
        );
    }
}

#[tokio::test]
async fn csp_allows_exactly_the_served_bootstrap_script() {
    use base64::Engine;
    use sha2::Digest;
    let expected =
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(BOOTSTRAP));
    let (r, _dir) = router(ServerConfig::demo());
    let resp = send(r, Method::GET, "/").await;
    let csp = header(&resp, "content-security-policy").to_string();
    assert!(csp.contains(&format!("'sha256-{expected}'")), "{csp}");
    assert_eq!(csp.matches("'sha256-").count(), 1, "{csp}");
}

async fn send_with(
    router: axum::Router,
    uri: &str,
    accept_encoding: &str,
) -> axum::response::Response {
    let req = Request::builder()
        .uri(uri)
        .header("accept-encoding", accept_encoding)
        .body(Body::empty())
        .expect("request");
    router.oneshot(req).await.expect("infallible")
}

/// A script long enough to compress, written over the fixture's.
fn with_long_script(dir: &DistDir) -> String {
    let script = format!("export default '{}';", "s2s ".repeat(500));
    std::fs::write(dir.path().join("s2s-console-0123456789abcdef.js"), &script).expect("write");
    script
}

const SCRIPT: &str = "/s2s-console-0123456789abcdef.js";

fn unbrotli(bytes: &[u8]) -> Vec<u8> {
    let mut plain = Vec::new();
    brotli::BrotliDecompress(&mut &bytes[..], &mut plain).expect("brotli decodes");
    plain
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut plain = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(bytes), &mut plain)
        .expect("gunzip");
    plain
}

/// The app's files go in brotli to browsers that take it, gzipped to those
/// that take only gzip, and as they are to the others; every answer says it
/// varies with Accept-Encoding and keeps the file's type, caching and
/// security headers.
#[tokio::test]
async fn files_go_in_brotli_or_gzip_as_the_browser_accepts() {
    let dir = dist();
    let script = with_long_script(&dir);
    let r = app(AppState::new(
        ServerConfig::demo(),
        Assets::load(&dir.path()).expect("assets load"),
    ));

    // What Chromium and Firefox send.
    let br = send_with(r.clone(), SCRIPT, "gzip, deflate, br, zstd").await;
    assert_eq!(br.status(), StatusCode::OK);
    assert_eq!(header(&br, "content-encoding"), "br");
    assert_eq!(header(&br, "vary"), "accept-encoding");
    assert_eq!(
        header(&br, "content-type"),
        "text/javascript; charset=utf-8"
    );
    assert_eq!(
        header(&br, "cache-control"),
        "public, max-age=31536000, immutable"
    );
    assert!(header(&br, "content-security-policy").contains("frame-ancestors 'none'"));
    assert_eq!(header(&br, "x-content-type-options"), "nosniff");
    // The length hyper writes as Content-Length (see the socket test below).
    let length = axum::body::HttpBody::size_hint(br.body()).exact();
    let br_bytes = br.into_body().collect().await.expect("body").to_bytes();
    assert_eq!(length, Some(br_bytes.len() as u64));
    assert_eq!(unbrotli(&br_bytes), script.as_bytes());

    let gzip = send_with(r.clone(), SCRIPT, "gzip").await;
    assert_eq!(header(&gzip, "content-encoding"), "gzip");
    assert_eq!(header(&gzip, "vary"), "accept-encoding");
    assert_eq!(
        header(&gzip, "cache-control"),
        "public, max-age=31536000, immutable"
    );
    let gz_bytes = gzip.into_body().collect().await.expect("body").to_bytes();
    assert_eq!(gunzip(&gz_bytes), script.as_bytes());
    assert!(
        gz_bytes.len() < script.len() / 4,
        "{} bytes",
        gz_bytes.len()
    );
    assert!(
        br_bytes.len() < gz_bytes.len(),
        "br {} bytes, gzip {}",
        br_bytes.len(),
        gz_bytes.len()
    );

    // Weights decide; on a tie the smaller, brotli.
    for (accept, expected) in [
        ("br, gzip;q=0.8, deflate", "br"),
        ("BR;Q=0.5, GZIP;Q=0.5", "br"),
        ("gzip;q=1, br;q=0.5", "gzip"),
        ("br;q=0, gzip", "gzip"),
        ("br; q=0.0, *", "gzip"),
        ("*", "br"),
        ("gzip;q=0, *;q=0.1", "br"),
        ("br;q=0.5, identity;q=0.1", "br"),
    ] {
        let resp = send_with(r.clone(), SCRIPT, accept).await;
        assert_eq!(header(&resp, "content-encoding"), expected, "{accept:?}");
    }

    for refused in [
        "",
        "identity",
        "deflate",
        "br;q=0",
        "gzip;q=0",
        "gzip; q=0.0, br;Q=0",
        "*;q=0",
        "br;q=0.5, identity",
    ] {
        let plain = send_with(r.clone(), SCRIPT, refused).await;
        assert_eq!(header(&plain, "content-encoding"), "", "{refused:?}");
        assert_eq!(header(&plain, "vary"), "accept-encoding");
        assert_eq!(body_text(plain).await, script, "{refused:?}");
    }

    // A file neither would make smaller is served as it is, whatever the
    // browser takes.
    let tiny = send_with(r, "/s2s-console-0123456789abcdef_bg.wasm", "br, gzip").await;
    assert_eq!(header(&tiny, "content-encoding"), "");
    assert_eq!(header(&tiny, "vary"), "");
}

/// On the wire: Content-Length is the length of the encoding sent, and HEAD
/// answers with the same headers and no body.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn compressed_files_have_their_own_length_and_head_says_the_same() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let dir = dist();
    let script = with_long_script(&dir);
    let router = app(AppState::new(
        ServerConfig::demo(),
        Assets::load(&dir.path()).expect("assets load"),
    ));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let limits = s2s_proxy::connections::ConnectionLimits::new(None, 8);
    tokio::spawn(s2s_proxy::connections::serve(
        listener,
        router,
        limits,
        std::future::pending(),
    ));

    // The response's head (lower-cased names) and its body.
    let ask = async |method: &str, accept: &str| {
        let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
        let request = format!(
            "{method} {SCRIPT} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: {accept}\r\nConnection: close\r\n\r\n"
        );
        stream.write_all(request.as_bytes()).await.expect("write");
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).await.expect("read");
        let end = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("end of head");
        let head = String::from_utf8_lossy(&raw[..end]).to_ascii_lowercase();
        (head, raw[end + 4..].to_vec())
    };
    let length = |head: &str| -> usize {
        head.lines()
            .find_map(|l| l.strip_prefix("content-length: "))
            .and_then(|v| v.trim().parse().ok())
            .expect("content-length")
    };

    let (head, body) = ask("GET", "gzip, deflate, br").await;
    assert!(head.starts_with("http/1.1 200"), "{head}");
    assert!(head.contains("\r\ncontent-encoding: br\r\n"), "{head}");
    assert!(head.contains("\r\nvary: accept-encoding\r\n"), "{head}");
    assert_eq!(length(&head), body.len());
    assert_eq!(unbrotli(&body), script.as_bytes());

    let (head_only, nothing) = ask("HEAD", "gzip, deflate, br").await;
    assert!(
        head_only.contains("\r\ncontent-encoding: br\r\n"),
        "{head_only}"
    );
    assert_eq!(length(&head_only), body.len());
    assert!(nothing.is_empty());

    let (head, body) = ask("GET", "gzip").await;
    assert!(head.contains("\r\ncontent-encoding: gzip\r\n"), "{head}");
    assert_eq!(length(&head), body.len());
    assert_eq!(gunzip(&body), script.as_bytes());

    let (head, body) = ask("GET", "identity").await;
    assert!(!head.contains("content-encoding"), "{head}");
    assert_eq!(length(&head), script.len());
    assert_eq!(body, script.as_bytes());
}

#[tokio::test]
async fn hashed_assets_are_immutable_and_the_page_is_not() {
    let (r, _dir) = router(ServerConfig::demo());
    let wasm = send(
        r.clone(),
        Method::GET,
        "/s2s-console-0123456789abcdef_bg.wasm",
    )
    .await;
    assert_eq!(wasm.status(), StatusCode::OK);
    assert_eq!(header(&wasm, "content-type"), "application/wasm");
    assert_eq!(
        header(&wasm, "cache-control"),
        "public, max-age=31536000, immutable"
    );

    let page = send(r.clone(), Method::GET, "/").await;
    assert_eq!(page.status(), StatusCode::OK);
    assert_eq!(header(&page, "cache-control"), "no-cache");
    assert!(header(&page, "content-type").starts_with("text/html"));

    let icon = send(r, Method::GET, "/public/favicon.svg").await;
    assert_eq!(header(&icon, "cache-control"), "no-cache");
    assert_eq!(header(&icon, "content-type"), "image/svg+xml");
}

#[tokio::test]
async fn app_routes_get_the_page_and_missing_files_get_404() {
    let (r, _dir) = router(ServerConfig::demo());
    let route = send(r.clone(), Method::GET, "/test-results").await;
    assert_eq!(route.status(), StatusCode::OK);
    assert!(body_text(route).await.contains("<script type=\"module\">"));

    let missing = send(r.clone(), Method::GET, "/missing-0123456789abcdef.js").await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);

    // Only files that were in dist/ at start exist: nothing beside it is reachable.
    for uri in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/public/../../secret.txt",
        "//secret.txt",
    ] {
        let resp = send(r.clone(), Method::GET, uri).await;
        assert_eq!(resp.status(), StatusCode::NOT_FOUND, "{uri}");
        assert!(!body_text(resp).await.contains("SECRET"), "{uri}");
    }

    let head = send(r.clone(), Method::HEAD, "/").await;
    assert_eq!(head.status(), StatusCode::OK);

    let post = send(r, Method::POST, "/").await;
    assert_eq!(post.status(), StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn healthz_answers() {
    let (r, _dir) = router(ServerConfig::demo());
    let resp = send(r, Method::GET, "/healthz").await;
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(body_text(resp).await, "ok\n");
}

#[tokio::test]
async fn config_reports_mode_version_and_hosts() {
    let (r, _dir) = router(ServerConfig::demo());
    let resp = send(r, Method::GET, "/api/v1/config").await;
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(header(&resp, "content-type"), "application/json");
    let json: serde_json::Value = serde_json::from_str(&body_text(resp).await).expect("json");
    assert_eq!(json["mode"], "demo");
    assert_eq!(json["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(
        json["allowed_hosts"],
        serde_json::json!(["atl-cs-001.litwareinc.com", "autodiscover.litwareinc.com"])
    );
    assert_eq!(json["limits"]["total_timeout_ms"], 10_000);
    assert_eq!(json["limits"]["connect_timeout_ms"], 5_000);
    assert_eq!(json["limits"]["max_body_bytes"], 512 * 1024);
    assert_eq!(json["limits"]["max_concurrent_fetches"], 32);

    let live = ServerConfig {
        mode: Mode::ReadOnly,
        max_concurrent_fetches: 5,
        ..ServerConfig::live(vec![
            AllowedHost::suffix("contoso.com"),
            AllowedHost::parse("lab.contoso.com:8443").expect("valid"),
            AllowedHost::parse("10.1.2.3:8443").expect("valid"),
            AllowedHost::parse("[fd00::5]").expect("valid"),
        ])
    };
    let (r, _dir) = router(live);
    let json: serde_json::Value =
        serde_json::from_str(&body_text(send(r, Method::GET, "/api/v1/config").await).await)
            .expect("json");
    assert_eq!(json["mode"], "read-only");
    assert_eq!(
        json["allowed_hosts"],
        serde_json::json!([
            "*.contoso.com",
            "lab.contoso.com:8443",
            "10.1.2.3:8443",
            "[fd00::5]"
        ])
    );
    assert_eq!(json["limits"]["max_concurrent_fetches"], 5);
}

#[tokio::test]
async fn unknown_api_paths_are_json_errors_not_the_page() {
    for uri in [
        "/api",
        "/api/",
        "/api/v1",
        "/api/v1/fetchx",
        "/api/v2/config",
        "/api/v1/config/extra",
    ] {
        let (r, _dir) = router(ServerConfig::demo());
        let resp = send(r, Method::GET, uri).await;
        assert_eq!(resp.status(), StatusCode::NOT_FOUND, "{uri}");
        assert_eq!(header(&resp, "content-type"), "application/json", "{uri}");
        let json: serde_json::Value = serde_json::from_str(&body_text(resp).await).expect("json");
        assert_eq!(json["error"]["code"], "not_found", "{uri}");
        assert!(
            json["error"]["message"]
                .as_str()
                .unwrap_or("")
                .contains(uri.trim_end_matches('/')),
            "{uri}"
        );
    }
    let (r, _dir) = router(ServerConfig::demo());
    let resp = send(r.clone(), Method::DELETE, "/api/v1/config").await;
    assert_eq!(resp.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(header(&resp, "allow"), "GET, HEAD");
    let json: serde_json::Value = serde_json::from_str(&body_text(resp).await).expect("json");
    assert_eq!(json["error"]["code"], "method_not_allowed");
    assert_eq!(json["error"]["message"], "/api/v1/config only answers GET");
    let resp = send(r, Method::PUT, "/api/v1/demo/scenario").await;
    assert_eq!(header(&resp, "allow"), "GET, HEAD, POST");
    let json: serde_json::Value = serde_json::from_str(&body_text(resp).await).expect("json");
    assert_eq!(
        json["error"]["message"],
        "/api/v1/demo/scenario only answers GET and POST"
    );
}

#[test]
fn a_dist_without_index_is_refused_with_a_hint() {
    let dir = tempfile::tempdir().expect("temp dir");
    let err = Assets::load(dir.path())
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.contains("not built"), "{err}");
    assert!(err.contains("./dev serve"), "{err}");
}

/// DNS rebinding: a page on another site that points its name at this
/// server sends that name as `Host`. Unless the name is given, such a
/// request is refused, with the security headers, before any route;
/// addresses and `localhost` are answered.
#[tokio::test]
async fn requests_naming_another_host_are_refused() {
    let (served, _dir) = router(ServerConfig::demo());
    let with_host = |host: &str, uri: &str| {
        Request::builder()
            .uri(uri)
            .header("host", host)
            .header("x-s2s-console", "1")
            .body(Body::empty())
            .expect("request")
    };
    for uri in [
        "/api/v1/config",
        "/",
        "/api/v1/fetch?url=https://atl-cs-001.litwareinc.com/metadata/json/1",
    ] {
        let resp = served
            .clone()
            .oneshot(with_host("rebound.evil.example:8080", uri))
            .await
            .expect("infallible");
        assert_eq!(resp.status(), StatusCode::MISDIRECTED_REQUEST, "{uri}");
        assert!(!header(&resp, "content-security-policy").is_empty());
        let body = body_text(resp).await;
        assert!(body.contains("\"code\":\"host_not_served\""), "{body}");
        assert!(!body.contains("allowed_hosts"), "{body}");
    }
    for host in [
        "127.0.0.1:8080",
        "10.20.0.9:8080",
        "localhost:8080",
        "[::1]:8080",
    ] {
        let resp = served
            .clone()
            .oneshot(with_host(host, "/api/v1/config"))
            .await
            .expect("infallible");
        assert_eq!(resp.status(), StatusCode::OK, "{host}");
    }
    // A Host that is not text names nothing here.
    let garbled = Request::builder()
        .uri("/api/v1/config")
        .header(
            "host",
            axum::http::HeaderValue::from_bytes(b"127.0.0.1\xff").expect("header bytes"),
        )
        .body(Body::empty())
        .expect("request");
    let resp = served.clone().oneshot(garbled).await.expect("infallible");
    assert_eq!(resp.status(), StatusCode::MISDIRECTED_REQUEST);
    // The same server with a name given answers to it.
    let named = ServerConfig {
        served_names: s2s_proxy::served_names::ServedNames::new(
            &["s2s.litwareinc.com".to_string()],
        ),
        ..ServerConfig::demo()
    };
    let (named_router, _named_dir) = router(named);
    let resp = named_router
        .oneshot(with_host("s2s.litwareinc.com:8080", "/api/v1/config"))
        .await
        .expect("infallible");
    assert_eq!(resp.status(), StatusCode::OK);
}

/// Another site's page cannot use the API through the admin's browser (an
/// `<img>` or a form needs no permission); the console's own pages, a
/// typed address and scripts without the header are served.
#[tokio::test]
async fn the_api_refuses_requests_from_other_sites() {
    let (router, _dir) = router(ServerConfig::demo());
    for (site, uri, status) in [
        ("cross-site", "/api/v1/config", StatusCode::FORBIDDEN),
        (
            "same-site",
            "/api/v1/fetch?url=https://atl-cs-001.litwareinc.com/metadata/json/1",
            StatusCode::FORBIDDEN,
        ),
        ("same-origin", "/api/v1/config", StatusCode::OK),
        ("none", "/api/v1/config", StatusCode::OK),
        // The page itself may be linked to from anywhere.
        ("cross-site", "/", StatusCode::OK),
    ] {
        let resp = router
            .clone()
            .oneshot(
                Request::builder()
                    .uri(uri)
                    .header("sec-fetch-site", site)
                    .header("x-s2s-console", "1")
                    .body(Body::empty())
                    .expect("request"),
            )
            .await
            .expect("infallible");
        assert_eq!(resp.status(), status, "{site} {uri}");
        if status == StatusCode::FORBIDDEN {
            assert!(!header(&resp, "content-security-policy").is_empty());
            let body = body_text(resp).await;
            assert!(body.contains("\"code\":\"cross_site\""), "{body}");
        }
    }
    let plain = send(router, Method::GET, "/api/v1/config").await;
    assert_eq!(plain.status(), StatusCode::OK);
}

/// Browsers send no `Sec-Fetch-Site` to plain HTTP on a network address, so
/// every API request must carry `X-S2S-Console: 1`, which a page on another
/// site cannot add without a CORS preflight (never granted): an `<img>` or
/// a form pointed at the API is refused, whatever the path or method.
#[tokio::test]
async fn the_api_answers_only_requests_with_the_console_header() {
    let (router, _dir) = router(ServerConfig::demo());
    for (method, uri) in [
        (Method::GET, "/api/v1/config"),
        (
            Method::GET,
            "/api/v1/fetch?url=https://atl-cs-001.litwareinc.com/metadata/json/1",
        ),
        (
            Method::GET,
            "/api/v1/probe/exchange-trust?host=autodiscover.litwareinc.com",
        ),
        (Method::POST, "/api/v1/demo/scenario"),
        (Method::GET, "/api/v1/nothing"),
    ] {
        for value in [None, Some("0"), Some("yes")] {
            let mut req = Request::builder().method(method.clone()).uri(uri);
            if let Some(v) = value {
                req = req.header("x-s2s-console", v);
            }
            let resp = router
                .clone()
                .oneshot(req.body(Body::empty()).expect("request"))
                .await
                .expect("infallible");
            assert_eq!(
                resp.status(),
                StatusCode::FORBIDDEN,
                "{method} {uri} {value:?}"
            );
            assert!(!header(&resp, "content-security-policy").is_empty());
            let body = body_text(resp).await;
            assert!(
                body.contains("\"code\":\"console_header_missing\""),
                "{body}"
            );
            assert!(body.contains("X-S2S-Console: 1"), "{body}");
        }
    }
    // Nothing of the API is kept in a cache, answers and refusals alike.
    let refused = router
        .clone()
        .oneshot(
            Request::builder()
                .uri("/api/v1/config")
                .body(Body::empty())
                .expect("request"),
        )
        .await
        .expect("infallible");
    assert_eq!(header(&refused, "cache-control"), "no-store");
    for uri in ["/api/v1/config", "/api/v1/nothing"] {
        let answered = send(router.clone(), Method::GET, uri).await;
        assert_eq!(header(&answered, "cache-control"), "no-store", "{uri}");
    }
    // The console's pages and files need no header.
    let page = router
        .clone()
        .oneshot(
            Request::builder()
                .uri("/")
                .body(Body::empty())
                .expect("request"),
        )
        .await
        .expect("infallible");
    assert_eq!(page.status(), StatusCode::OK);
    let health = router
        .oneshot(
            Request::builder()
                .uri("/healthz")
                .body(Body::empty())
                .expect("request"),
        )
        .await
        .expect("infallible");
    assert_eq!(health.status(), StatusCode::OK);
}
