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
    /// Hosts whose TLS certificates the operator told the proxy not to
    /// verify (`insecure_skip_verify`): shown, never hidden. Left out when
    /// there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unverified_tls_hosts: Vec<String>,
    /// How many deployments the server watches (`/api/v1/deployments`),
    /// and how often.
    #[serde(default)]
    pub watched_deployments: u64,
    #[serde(default)]
    pub watch_interval_seconds: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    pub connect_timeout_ms: u64,
    pub total_timeout_ms: u64,
    pub max_body_bytes: u64,
    pub max_concurrent_fetches: u64,
}

/// One deployment the server watches (`GET /api/v1/deployments` answers
/// them all, in its config file's order, the demo's own first): its names
/// and how it stood at its last watch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WatchedDeployment {
    pub name: String,
    pub pool: String,
    pub exchange: String,
    #[serde(default)]
    pub sip_domain: Option<String>,
    #[serde(default)]
    pub exchange_servers: Vec<String>,
    /// When its last watch finished; absent until the first did, and so
    /// are the two below.
    #[serde(default)]
    pub checked_at: Option<crate::time::UnixTime>,
    #[serde(default)]
    pub verdict: Option<crate::findings::Severity>,
    /// See [`crate::trust_status::TrustStatus::first_expiry`].
    #[serde(default)]
    pub first_expiry: Option<crate::time::UnixTime>,
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
    /// When the answer arrived, by the s2s server's clock (RFC 3339): with
    /// the answer's `Date` it gives the remote server's clock offset, so two
    /// fetches made minutes apart still compare the clocks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_at: Option<String>,
}

impl FetchReport {
    /// The body's exact bytes.
    pub fn body_bytes(&self) -> Vec<u8> {
        use crate::encoding::{Variant, decode};
        if let Some(Ok(bytes)) = self
            .body_base64
            .as_ref()
            .map(|b64| decode(b64, Variant::Standard))
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
                received_at: self
                    .received_at
                    .as_deref()
                    .and_then(|t| crate::time::UnixTime::parse_rfc3339(t).ok()),
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
    use crate::decode;

    #[test]
    fn modes_use_their_documented_names() {
        let json =
            serde_json::to_string(&[Mode::Demo, Mode::Live, Mode::ReadOnly]).unwrap_or_default();
        assert_eq!(json, r#"["demo","live","read-only"]"#);
    }

    /// `GET /api/v1/config` as the server writes it.
    const SERVER_INFO: &str = r#"{"mode":"read-only","version":"0.1.0","allowed_hosts":["*.contoso.com"],"limits":{"connect_timeout_ms":5000,"total_timeout_ms":10000,"max_body_bytes":524288,"max_concurrent_fetches":32},"watched_deployments":2,"watch_interval_seconds":300}"#;

    #[test]
    fn server_info_round_trips() {
        let text = SERVER_INFO;
        let info: ServerInfo = serde_json::from_str(text).expect("parses");
        assert_eq!(info.mode, Mode::ReadOnly);
        assert_eq!(info.limits.max_body_bytes, 524_288);
        assert_eq!(
            (info.watched_deployments, info.watch_interval_seconds),
            (2, 300)
        );
        assert_eq!(serde_json::to_string(&info).ok().as_deref(), Some(text));
        // A server from before the watch says nothing of it: none watched.
        let older: ServerInfo = serde_json::from_str(
            r#"{"mode":"live","version":"0.1.0","allowed_hosts":[],"limits":{"connect_timeout_ms":5000,"total_timeout_ms":10000,"max_body_bytes":524288,"max_concurrent_fetches":32}}"#,
        )
        .expect("parses");
        assert_eq!(older.watched_deployments, 0);
    }

    #[test]
    fn unknown_mode_is_an_error_not_a_default() {
        let text = r#"{"mode":"admin","version":"0.1.0","allowed_hosts":[]}"#;
        assert!(serde_json::from_str::<ServerInfo>(text).is_err());
    }

    #[test]
    fn server_info_reads_with_paths_in_errors() {
        let old = r#"{"mode":"demo","version":"0.1.0","allowed_hosts":[]}"#;
        assert_eq!(
            decode::from_str::<ServerInfo>(old).map(|i| i.limits),
            Ok(Limits::default())
        );
        assert_eq!(
            decode::from_str::<ServerInfo>(
                r#"{"mode":"admin","version":"0.1.0","allowed_hosts":[]}"#
            )
            .map_err(|e| e.to_string()),
            Err("$.mode at line 1 column 15: unknown variant `admin`, expected one of `demo`, `live`, `read-only`".into())
        );
        let error = r#"{"error":{"code":"not_found","message":"No such page."}}"#;
        assert_eq!(
            decode::from_str::<ApiErrorBody>(error),
            Ok(ApiErrorBody {
                error: ApiErrorDetail {
                    code: "not_found".into(),
                    message: "No such page.".into(),
                }
            })
        );
    }

    fn sample_report(resumed: Option<u64>) -> FetchReport {
        FetchReport {
            url: "https://atl-cs-001.litwareinc.com/metadata/json/1".into(),
            steps: vec![
                FetchStep {
                    name: "resolve".into(),
                    ok: true,
                    ms: 0.25,
                    detail: "atl-cs-001.litwareinc.com → 127.0.0.1".into(),
                },
                FetchStep {
                    name: "http".into(),
                    ok: false,
                    ms: 1250.0,
                    detail: "HTTP 401 \"Unauthorized\"\n\twith\u{1} control".into(),
                },
            ],
            error: Some(ApiErrorDetail {
                code: "upstream_status".into(),
                message: "The server answered 401.".into(),
            }),
            status: Some(401),
            headers: [
                ("content-type", "application/json"),
                ("www-authenticate", "Bearer realm=\"x\""),
            ]
            .into_iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect(),
            tls: Some(TlsSession {
                version: "TLSv1.3".into(),
                cipher: "TLS13_AES_256_GCM_SHA384".into(),
                peer_chain: vec!["MIIB".into(), "MIIC".into()],
                resumed_chain_age_seconds: resumed,
            }),
            body: Some("{\"keys\":[]}".into()),
            body_base64: None,
            truncated: false,
            insecure: true,
            received_at: None,
        }
    }

    #[test]
    fn fetch_reports_round_trip_and_leave_out_what_is_absent() {
        for report in [
            sample_report(None),
            sample_report(Some(42)),
            FetchReport {
                steps: Vec::new(),
                error: None,
                status: None,
                tls: None,
                body: None,
                body_base64: Some("AAEC".into()),
                truncated: true,
                ..sample_report(None)
            },
            FetchReport {
                received_at: Some("2026-11-26T12:00:01Z".into()),
                ..sample_report(None)
            },
        ] {
            let text = serde_json::to_string(&report).expect("writes");
            assert_eq!(
                text.contains("resumed_chain_age_seconds"),
                report
                    .tls
                    .as_ref()
                    .is_some_and(|t| t.resumed_chain_age_seconds.is_some())
            );
            assert_eq!(text.contains("received_at"), report.received_at.is_some());
            assert_eq!(decode::from_str::<FetchReport>(&text), Ok(report));
        }
    }

    #[test]
    fn a_damaged_fetch_report_names_the_member() {
        let mut v = serde_json::to_value(sample_report(None)).expect("writes");
        v["steps"][1] = serde_json::Value::from("oops");
        let text = serde_json::to_string_pretty(&v).expect("writes");
        assert_eq!(
            decode::from_str::<FetchReport>(&text).map_err(|e| e.to_string()),
            Err("$.steps[1] at line 10 column 10: invalid type: string \"oops\", expected struct FetchStep".into())
        );
    }
}
