//! One X.509 certificate, decoded into what an administrator checks: who it is
//! for and from, when it is valid, its key and signature, and the fingerprints
//! Windows and metadata documents use.

mod der_words;
mod extensions;
mod pem;
mod summary;

use der::Decode;
use serde::Serialize;
use thiserror::Error;
use x509_cert::Certificate;

use crate::keyvalue::{self, KeyValueError};
use crate::time::UnixTime;

pub use pem::to_pem;

/// Bigger inputs are not a certificate (or a bundle of a few); refusing them
/// keeps a mistaken upload from stalling the page.
pub const MAX_INPUT_BYTES: usize = 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CertError {
    #[error("nothing to decode: the input is empty")]
    Empty,
    #[error("the input is {size} bytes; over 1 MiB is not a certificate")]
    TooLarge { size: usize },
    #[error("PEM block {block} ({label}) is not a certificate block")]
    PemLabel { block: usize, label: String },
    #[error("PEM block {block} has no END line: the paste is cut off")]
    PemUnterminated { block: usize },
    #[error("PEM block {block}: {source}")]
    PemBlock { block: usize, source: KeyValueError },
    #[error("{0}")]
    Encoding(#[from] KeyValueError),
    /// x509-cert refused it; `detail` says what and where, in words.
    #[error("the bytes have the outer shape of DER but are not an X.509 certificate: {detail}")]
    NotX509 { detail: String },
}

/// The public key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublicKeyInfo {
    /// `RSA`, `EC`, `Ed25519`, `Ed448`, `DSA`, or the algorithm's OID.
    pub algorithm: String,
    /// Modulus size for RSA, field size for EC.
    pub bits: Option<u32>,
    /// `P-256`, `P-384`, `P-521`, or the curve's OID.
    pub curve: Option<String>,
}

/// The signature algorithm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignatureInfo {
    /// e.g. `sha256RSA`, the way Windows names it, or the OID.
    pub name: String,
    pub oid: String,
    /// SHA-1 or MD5 (or older): no longer accepted for new trust.
    pub weak_hash: bool,
}

/// Everything the console shows about one certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CertificateSummary {
    pub subject: String,
    pub issuer: String,
    /// Upper-case hex of the serial number (no sign byte), as openssl prints it.
    pub serial: String,
    pub not_before: UnixTime,
    pub not_after: UnixTime,
    pub public_key: PublicKeyInfo,
    pub signature: SignatureInfo,
    /// SHA-1 of the DER bytes, upper-case hex: the Windows thumbprint.
    pub sha1_thumbprint: String,
    /// SHA-256 of the DER bytes, upper-case hex.
    pub sha256_fingerprint: String,
    /// base64url SHA-1, as a metadata document's `x5t`.
    pub x5t: String,
    /// `digitalSignature`, `keyEncipherment`, …; empty when absent.
    pub key_usage: Vec<String>,
    /// Names for well-known purposes (`serverAuth`), OIDs otherwise.
    pub extended_key_usage: Vec<String>,
    /// `DNS:host`, `IP:addr`, `email:…`, `URI:…`, `DirName:…`.
    pub subject_alt_names: Vec<String>,
    /// `Some(true)` for a CA; `None` without the extension.
    pub is_ca: Option<bool>,
    pub path_len: Option<u8>,
    /// Subject and issuer are the same name (self-issued, usually self-signed).
    pub self_issued: bool,
    /// Extensions that could not be read, with why.
    pub extension_problems: Vec<String>,
}

impl CertificateSummary {
    pub fn days_left(&self, now: UnixTime) -> i64 {
        now.days_until(self.not_after)
    }

    /// Whole days since the certificate expired: 0 on the day it did (while
    /// [`Self::days_left`] is already -1 then). Negative while it is valid.
    pub fn days_since_expiry(&self, now: UnixTime) -> i64 {
        self.not_after.days_until(now)
    }

    pub fn is_expired(&self, now: UnixTime) -> bool {
        now > self.not_after
    }

    pub fn is_not_yet_valid(&self, now: UnixTime) -> bool {
        now < self.not_before
    }
}

/// A decoded certificate with the exact bytes it was decoded from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodedCertificate {
    pub der: Vec<u8>,
    pub summary: CertificateSummary,
}

/// Decodes DER bytes. Fingerprints are computed over these bytes as given.
pub fn decode_der(der: &[u8]) -> Result<DecodedCertificate, CertError> {
    if der.len() > MAX_INPUT_BYTES {
        return Err(CertError::TooLarge { size: der.len() });
    }
    keyvalue::check_der_envelope(der)?;
    let certificate = Certificate::from_der(der).map_err(|e| CertError::NotX509 {
        detail: der_words::describe(&e),
    })?;
    Ok(DecodedCertificate {
        der: der.to_vec(),
        summary: summary::of(&certificate, der),
    })
}

/// Decodes what a person pastes or uploads: raw DER, one or several PEM
/// blocks, or bare base64 (as in a metadata document).
pub fn decode_any(input: &[u8]) -> Result<Vec<DecodedCertificate>, CertError> {
    certificates_der(input)?
        .iter()
        .map(|der| decode_der(der))
        .collect()
}

/// The DER of each certificate in a paste (DER, PEM blocks or base64),
/// checked for the outer shape of a certificate but not decoded (for a
/// form that only needs to know a paste holds certificates).
pub fn certificates_der(input: &[u8]) -> Result<Vec<Vec<u8>>, CertError> {
    if input.len() > MAX_INPUT_BYTES {
        return Err(CertError::TooLarge { size: input.len() });
    }
    if input.first() == Some(&0x30) {
        keyvalue::check_der_envelope(input)?;
        return Ok(vec![input.to_vec()]);
    }
    let text = String::from_utf8_lossy(input);
    let text = text.trim();
    if text.is_empty() {
        return Err(CertError::Empty);
    }
    if text.contains("-----BEGIN") {
        return pem::blocks(text);
    }
    Ok(vec![keyvalue::decode_base64(text)?])
}
