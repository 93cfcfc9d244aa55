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
        let text = r#"{"mode":"read-only","version":"0.1.0","allowed_hosts":["*.contoso.com"]}"#;
        let info: ServerInfo = serde_json::from_str(text).expect("parses");
        assert_eq!(info.mode, Mode::ReadOnly);
        assert_eq!(serde_json::to_string(&info).ok().as_deref(), Some(text));
    }

    #[test]
    fn unknown_mode_is_an_error_not_a_default() {
        let text = r#"{"mode":"admin","version":"0.1.0","allowed_hosts":[]}"#;
        assert!(serde_json::from_str::<ServerInfo>(text).is_err());
    }
}
