//! One side's fetch, read into what the console shows and checks: the
//! document (or why there is none) and each key's certificate (or why not).

use crate::cert::{CertError, DecodedCertificate, decode_der};
use crate::metadata::{self, DocumentError, MetadataDocument, PublishedKey};
use crate::time::UnixTime;
use crate::topology::{FetchOutcome, Side};

/// How far reading a side's document got.
#[derive(Debug, Clone, PartialEq)]
pub enum DocumentState {
    NotFetched,
    FetchFailed {
        reason: String,
    },
    HttpError {
        status: u16,
        content_type: Option<String>,
    },
    Unreadable(DocumentError),
    Read(Box<MetadataDocument>),
}

/// A published key and its certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyAnalysis {
    pub key: PublishedKey,
    pub certificate: Result<DecodedCertificate, CertError>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SideAnalysis {
    pub side: Side,
    pub url: Option<String>,
    pub state: DocumentState,
    pub keys: Vec<KeyAnalysis>,
    /// The response's `Date` header, when it could be read.
    pub server_date: Option<UnixTime>,
    /// When the answer arrived, by the fetcher's clock.
    pub received_at: Option<UnixTime>,
}

impl SideAnalysis {
    pub fn document(&self) -> Option<&MetadataDocument> {
        match &self.state {
            DocumentState::Read(doc) => Some(doc),
            _ => None,
        }
    }

    /// Certificates that decoded, with their key.
    pub fn certificates(&self) -> impl Iterator<Item = (&PublishedKey, &DecodedCertificate)> {
        self.keys
            .iter()
            .filter_map(|k| k.certificate.as_ref().ok().map(|c| (&k.key, c)))
    }

    /// Certificates of signing keys (a key without a usage signs, as
    /// Exchange's do).
    pub fn signing_certificates(
        &self,
    ) -> impl Iterator<Item = (&PublishedKey, &DecodedCertificate)> {
        self.certificates()
            .filter(|(k, _)| k.usage.is_none() || k.is_signing())
    }

    /// The signing certificate valid at `now` that lasts longest: after a
    /// renewal the new one, which an older, expiring or expired certificate
    /// still published beside it does not stop.
    pub fn longest_valid_certificate(
        &self,
        now: crate::time::UnixTime,
    ) -> Option<&crate::cert::CertificateSummary> {
        self.signing_certificates()
            .map(|(_, c)| &c.summary)
            .filter(|c| !c.is_expired(now) && !c.is_not_yet_valid(now))
            .max_by_key(|c| c.not_after)
    }

    /// The document was read and publishes no signing certificate valid at
    /// `now`: nothing can verify this side's tokens. For Skype, assigning an
    /// OAuthTokenIssuer certificate is then the plan's first step.
    pub fn publishes_no_usable_key(&self, now: crate::time::UnixTime) -> bool {
        self.document().is_some() && self.longest_valid_certificate(now).is_none()
    }
}

/// Reads one side. A document is read only from a 2xx answer: an error page
/// is reported as the HTTP error it is.
pub fn analyze(side: Side, url: Option<&str>, outcome: Option<&FetchOutcome>) -> SideAnalysis {
    let mut analysis = SideAnalysis {
        side,
        url: url.map(str::to_string),
        state: DocumentState::NotFetched,
        keys: Vec::new(),
        server_date: None,
        received_at: None,
    };
    let Some(outcome) = outcome else {
        return analysis;
    };
    match outcome {
        FetchOutcome::Failed { reason } => {
            analysis.state = DocumentState::FetchFailed {
                reason: reason.clone(),
            };
        }
        FetchOutcome::Response {
            status,
            content_type,
            date,
            received_at,
            body,
        } => {
            analysis.server_date = date
                .as_deref()
                .and_then(|d| UnixTime::parse_http_date(d).ok());
            analysis.received_at = *received_at;
            if !(200..300).contains(status) {
                analysis.state = DocumentState::HttpError {
                    status: *status,
                    content_type: content_type.clone(),
                };
                return analysis;
            }
            match metadata::parse(body) {
                Ok(doc) => {
                    analysis.keys = doc.keys.iter().map(analyze_key).collect();
                    analysis.state = DocumentState::Read(Box::new(doc));
                }
                Err(e) => analysis.state = DocumentState::Unreadable(e),
            }
        }
    }
    analysis
}

/// Reads a document that did not come from a fetch (a saved file).
pub fn analyze_document(side: Side, doc: MetadataDocument) -> SideAnalysis {
    SideAnalysis {
        side,
        url: None,
        keys: doc.keys.iter().map(analyze_key).collect(),
        state: DocumentState::Read(Box::new(doc)),
        server_date: None,
        received_at: None,
    }
}

fn analyze_key(key: &PublishedKey) -> KeyAnalysis {
    let certificate = match &key.der {
        Ok(der) => decode_der(der),
        Err(e) => Err(CertError::Encoding(e.clone())),
    };
    KeyAnalysis {
        key: key.clone(),
        certificate,
    }
}
