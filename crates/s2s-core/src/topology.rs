//! What the administrator tells the console about their servers, and what the
//! console observed when it fetched their metadata.

use serde::{Deserialize, Serialize};

use crate::thumbprint::Sha1Fingerprint;
use crate::time::UnixTime;

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
    /// The name in JSON and in the page's ids: `skype`, `exchange`, `both`.
    pub fn id(self) -> &'static str {
        match self {
            Side::Skype => "skype",
            Side::Exchange => "exchange",
            Side::Both => "both",
        }
    }

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

impl Topology {
    /// The host (with a port, if any) of the Skype document's URL.
    pub fn skype_host(&self) -> Option<&str> {
        self.skype_metadata_url.as_deref().and_then(url_host)
    }

    /// The host (with a port, if any) of Exchange's document URL: the host
    /// the live trust probe asks.
    pub fn exchange_host(&self) -> Option<&str> {
        self.exchange_metadata_url.as_deref().and_then(url_host)
    }
}

/// The authority of `scheme://authority/path`.
fn url_host(url: &str) -> Option<&str> {
    let (_, rest) = url.split_once("://")?;
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty()).then_some(host)
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
        /// When the answer arrived, by the fetcher's clock.
        received_at: Option<UnixTime>,
        body: Vec<u8>,
    },
}

/// The fetches of both documents; `None` where not fetched (yet).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Observations {
    pub skype: Option<FetchOutcome>,
    pub exchange: Option<FetchOutcome>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_of_the_metadata_urls() {
        let t = Topology {
            skype_metadata_url: Some("https://atl-cs-001.litwareinc.com/metadata/json/1".into()),
            exchange_metadata_url: Some(
                "https://mail.litwareinc.com:8443/autodiscover/metadata/json/1".into(),
            ),
            ..Topology::default()
        };
        assert_eq!(t.skype_host(), Some("atl-cs-001.litwareinc.com"));
        assert_eq!(t.exchange_host(), Some("mail.litwareinc.com:8443"));
        assert_eq!(Topology::default().exchange_host(), None);
        assert_eq!(url_host("no scheme"), None);
        assert_eq!(url_host("https:///x"), None);
    }
}
