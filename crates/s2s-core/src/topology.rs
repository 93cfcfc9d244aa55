//! What the administrator tells the console about their servers, and what the
//! console observed when it fetched their metadata.

use serde::{Deserialize, Serialize};

use crate::thumbprint::Sha1Fingerprint;

/// The two roles in the trust.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Side {
    /// Skype for Business Server / Lync Server pool.
    Skype,
    /// Exchange Server.
    Exchange,
    /// Concerns both servers at once.
    Both,
}

impl Side {
    pub fn label(self) -> &'static str {
        match self {
            Side::Skype => "Skype for Business",
            Side::Exchange => "Exchange",
            Side::Both => "Both sides",
        }
    }
}

/// A thumbprint the administrator pasted, and which server's certificate it
/// names (`Get-CsCertificate -Type OAuthTokenIssuer` is Skype's,
/// `Get-AuthConfig` is Exchange's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastedThumbprint {
    pub side: Side,
    /// Where it came from, e.g. `Get-AuthConfig CurrentCertificateThumbprint`.
    pub source: String,
    pub value: Sha1Fingerprint,
}

/// The administrator's description of the deployment. Everything is optional:
/// checks that need a missing value are skipped, not failed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Topology {
    /// The Skype document's URL (`https://<pool>/metadata/json/1`).
    pub skype_metadata_url: Option<String>,
    /// Exchange's (`https://<autodiscover>/autodiscover/metadata/json/1`).
    pub exchange_metadata_url: Option<String>,
    /// The default SIP domain, which Skype's OAuth realm defaults to.
    pub sip_domain: Option<String>,
    pub pasted_thumbprints: Vec<PastedThumbprint>,
}

/// What a fetch of one metadata URL gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchOutcome {
    /// No HTTP answer: DNS, connection, TLS or timeout, with the reason.
    Failed { reason: String },
    /// An HTTP answer, whatever its status.
    Response {
        status: u16,
        content_type: Option<String>,
        /// The `Date` header, as sent.
        date: Option<String>,
        body: Vec<u8>,
    },
}

/// The fetches of both documents; `None` where not fetched (yet).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Observations {
    pub skype: Option<FetchOutcome>,
    pub exchange: Option<FetchOutcome>,
}
