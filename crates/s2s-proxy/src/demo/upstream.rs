//! One demo server: TLS on loopback, answering GETs by path as the scenario says.

use std::net::SocketAddr;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::documents::{DemoDocuments, LOGIN_PAGE, WRONG_REALM};
use super::{SIP_DOMAIN, Scenario, ews};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Skype,
    Exchange,
}

/// Longer than the proxy's total time limit.
const SLOW: Duration = Duration::from_secs(15);

struct Answer {
    status: u16,
    content_type: &'static str,
    body: String,
    /// `WWW-Authenticate` values, one header each.
    challenges: Vec<String>,
}

/// The request, as far as the demo servers look at it.
struct Asked {
    path: String,
    /// `Authorization: Bearer` with no token (the trust probe).
    empty_bearer: bool,
}

fn read_request(head: &str) -> Asked {
    let path = head.split_whitespace().nth(1).unwrap_or("/").to_string();
    let empty_bearer = head.lines().skip(1).any(|line| {
        line.split_once(':').is_some_and(|(name, value)| {
            name.trim().eq_ignore_ascii_case("authorization")
                && value.trim().eq_ignore_ascii_case("bearer")
        })
    });
    Asked { path, empty_bearer }
}

fn answer(role: Role, asked: &Asked, scenario: Scenario, docs: &DemoDocuments) -> Answer {
    let path = asked.path.as_str();
    let json = |body: String| Answer {
        status: 200,
        content_type: "application/json; charset=utf-8",
        body,
        challenges: Vec::new(),
    };
    let not_found = Answer {
        status: 404,
        content_type: "text/html",
        body: "<html><body><h1>404 - File or directory not found.</h1></body></html>".into(),
        challenges: Vec::new(),
    };
    match (role, path.to_ascii_lowercase().as_str()) {
        (Role::Skype, "/metadata/json/1") => {
            let realm = if scenario == Scenario::RealmMismatch {
                WRONG_REALM
            } else {
                SIP_DOMAIN
            };
            json(docs.skype(realm, scenario == Scenario::SkypeCertificateExpiring))
        }
        (Role::Exchange, "/autodiscover/metadata/json/1") => match scenario {
            Scenario::ExpiredExchangeCertificate => json(docs.exchange_expired()),
            Scenario::X5tMismatch => json(docs.exchange_x5t_mismatch()),
            Scenario::HtmlLoginPage => Answer {
                status: 200,
                content_type: "text/html; charset=utf-8",
                body: LOGIN_PAGE.into(),
                challenges: Vec::new(),
            },
            Scenario::OversizedDocument => json(docs.exchange_oversized()),
            _ => json(docs.exchange()),
        },
        (Role::Exchange, "/ews/exchange.asmx") => Answer {
            status: 401,
            content_type: "text/html",
            body: String::new(),
            challenges: ews::challenges(scenario, asked.empty_bearer),
        },
        _ => not_found,
    }
}

pub async fn serve(
    identity: (CertificateDer<'static>, PrivateKeyDer<'static>),
    role: Role,
    docs: Arc<DemoDocuments>,
    scenario: Arc<RwLock<Scenario>>,
) -> std::io::Result<SocketAddr> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(std::io::Error::other)?
        .with_no_client_auth()
        .with_single_cert(vec![identity.0], identity.1)
        .map_err(std::io::Error::other)?;
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            let docs = docs.clone();
            let scenario = scenario.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(tcp).await else {
                    return;
                };
                let mut head = Vec::new();
                let mut buf = [0u8; 2048];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    if head.len() > 16 * 1024 {
                        return;
                    }
                    match tls.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                let asked = read_request(&String::from_utf8_lossy(&head));
                let current = scenario.read().map(|s| *s).unwrap_or(Scenario::Healthy);
                if role == Role::Exchange && current == Scenario::SlowUpstream {
                    tokio::time::sleep(SLOW).await;
                }
                let a = answer(role, &asked, current, &docs);
                let date = httpdate::fmt_http_date(std::time::SystemTime::now());
                let server = if role == Role::Exchange {
                    "Microsoft-IIS/10.0"
                } else {
                    "Microsoft-HTTPAPI/2.0"
                };
                let reason = match a.status {
                    200 => "OK",
                    401 => "Unauthorized",
                    _ => "Not Found",
                };
                let mut head = format!(
                    "HTTP/1.1 {} {reason}\r\nContent-Type: {}\r\nContent-Length: {}\r\nDate: {date}\r\nServer: {server}\r\n",
                    a.status,
                    a.content_type,
                    a.body.len()
                );
                for c in &a.challenges {
                    head.push_str(&format!("WWW-Authenticate: {c}\r\n"));
                }
                head.push_str("Connection: close\r\n\r\n");
                let _ = tls.write_all(head.as_bytes()).await;
                let _ = tls.write_all(a.body.as_bytes()).await;
                let _ = tls.shutdown().await;
            });
        }
    });
    Ok(addr)
}
