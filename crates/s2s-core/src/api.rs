//! The JSON that the `s2s` server sends and the app reads. Both sides use these
//! types, so the wire format cannot drift between them.

use serde::{Deserialize, Serialize};

/// How the server was started.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    /// Simulated Skype and Exchange servers inside the process; the default.
    Demo,
    /// Fetches real servers on the allowlist.
    Live,
    /// Reports only: no live fetch of any kind.
    ReadOnly,
}

impl Mode {
    /// How the mode is named to a person.
    pub fn label(self) -> &'static str {
        match self {
            Mode::Demo => "Demo",
            Mode::Live => "Live",
            Mode::ReadOnly => "Read-only",
        }
    }
}

/// `GET /api/v1/config`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerInfo {
    pub mode: Mode,
    /// Version of the `s2s` server.
    pub version: String,
    /// The hosts the proxy may fetch: exact names or `*.suffix`.
    pub allowed_hosts: Vec<String>,
    /// The proxy's limits, for the UI to explain a timeout or a cut body.
    #[serde(default)]
    pub limits: Limits,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    pub connect_timeout_ms: u64,
    pub total_timeout_ms: u64,
    pub max_body_bytes: u64,
    pub max_concurrent_fetches: u64,
}

/// The body of every API error: `{"error": {"code": "...", "message": "..."}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiErrorBody {
    pub error: ApiErrorDetail,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiErrorDetail {
    /// Stable, machine-readable (`not_found`, `host_not_allowed`, ...).
    pub code: String,
    /// A sentence for a person: what is wrong and what to do.
    pub message: String,
}

/// One step of a fetch, in the order they happen: `resolve`, `connect`,
/// `tls`, `http`. A fetch stops at the first step that fails.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FetchStep {
    pub name: String,
    pub ok: bool,
    /// Milliseconds the step took.
    pub ms: f64,
    /// What happened, for a person (`atl-cs-001.litwareinc.com → 10.0.0.5`).
    pub detail: String,
}

/// The TLS session the server offered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TlsSession {
    pub version: String,
    pub cipher: String,
    /// The server's certificates as sent, leaf first, base64 DER.
    pub peer_chain: Vec<String>,
    /// Set when the TLS session was resumed: no chain was sent this time,
    /// and `peer_chain` is the one the session's full handshake presented
    /// and verified this many seconds ago.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resumed_chain_age_seconds: Option<u64>,
}

/// Everything the server saw fetching one URL (`GET /api/v1/fetch`, and the
/// fetches of `s2s check`). HTTP errors of the remote server are results;
/// `error` is set only when no complete answer was had.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FetchReport {
    pub url: String,
    pub steps: Vec<FetchStep>,
    pub error: Option<ApiErrorDetail>,
    pub status: Option<u16>,
    /// The headers that matter, lower-case names: `content-type`, `date`,
    /// `server`, `x-ms-diagnostics`, `www-authenticate`, `location`.
    pub headers: std::collections::BTreeMap<String, String>,
    pub tls: Option<TlsSession>,
    /// The body as received, as text (invalid UTF-8 replaced).
    pub body: Option<String>,
    /// The exact bytes, base64, when they are not valid UTF-8.
    pub body_base64: Option<String>,
    /// The body was longer than the limit and was cut off.
    pub truncated: bool,
    /// TLS certificate verification was switched off for this host.
    pub insecure: bool,
}

impl FetchReport {
    /// The body's exact bytes.
    pub fn body_bytes(&self) -> Vec<u8> {
        use base64::Engine;
        if let Some(Ok(bytes)) = self
            .body_base64
            .as_ref()
            .map(|b64| base64::engine::general_purpose::STANDARD.decode(b64))
        {
            return bytes;
        }
        self.body.clone().unwrap_or_default().into_bytes()
    }

    /// What the diagnosis needs from this fetch.
    pub fn outcome(&self) -> crate::topology::FetchOutcome {
        match (self.status, &self.error) {
            (Some(status), None) => crate::topology::FetchOutcome::Response {
                status,
                content_type: self.headers.get("content-type").cloned(),
                date: self.headers.get("date").cloned(),
                body: self.body_bytes(),
            },
            (_, error) => crate::topology::FetchOutcome::Failed {
                reason: error
                    .as_ref()
                    .map(|e| e.message.clone())
                    .unwrap_or_else(|| "no answer".to_string()),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_use_their_documented_names() {
        let json =
            serde_json::to_string(&[Mode::Demo, Mode::Live, Mode::ReadOnly]).unwrap_or_default();
        assert_eq!(json, r#"["demo","live","read-only"]"#);
    }

    #[test]
    fn server_info_round_trips() {
        let text = r#"{"mode":"read-only","version":"0.1.0","allowed_hosts":["*.contoso.com"],"limits":{"connect_timeout_ms":5000,"total_timeout_ms":10000,"max_body_bytes":524288,"max_concurrent_fetches":32}}"#;
        let info: ServerInfo = serde_json::from_str(text).expect("parses");
        assert_eq!(info.mode, Mode::ReadOnly);
        assert_eq!(info.limits.max_body_bytes, 524_288);
        assert_eq!(serde_json::to_string(&info).ok().as_deref(), Some(text));
    }

    #[test]
    fn unknown_mode_is_an_error_not_a_default() {
        let text = r#"{"mode":"admin","version":"0.1.0","allowed_hosts":[]}"#;
        assert!(serde_json::from_str::<ServerInfo>(text).is_err());
    }
}
