//! One X.509 certificate, decoded into what an administrator checks: who it is
//! for and from, when it is valid, its key and signature, and the fingerprints
//! Windows and metadata documents use.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use der::Decode;
use der::asn1::{ObjectIdentifier, UintRef};
use serde::Serialize;
use sha2::{Digest, Sha256};
use thiserror::Error;
use x509_cert::Certificate;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::{
    BasicConstraints, ExtendedKeyUsage, KeyUsage, KeyUsages, SubjectAltName,
};

use crate::keyvalue::{self, KeyValueError};
use crate::names;
use crate::thumbprint::Sha1Fingerprint;
use crate::time::UnixTime;

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
    let cert = Certificate::from_der(der).map_err(|e| CertError::NotX509 {
        detail: e.to_string(),
    })?;
    let summary = summarize(&cert, der);
    Ok(DecodedCertificate {
        der: der.to_vec(),
        summary,
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
/// checked for the outer shape of a certificate but not decoded. Cheap: it
/// does not need the X.509 decoder (which weighs on the WASM download).
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
        return pem_blocks(text);
    }
    Ok(vec![keyvalue::decode_base64(text)?])
}

/// The DER of every `CERTIFICATE` block. Text between blocks (openssl's
/// `subject=` lines, comments) is ignored.
fn pem_blocks(text: &str) -> Result<Vec<Vec<u8>>, CertError> {
    let mut blocks = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("-----BEGIN ") {
        let block = blocks.len() + 1;
        let after = &rest[start + "-----BEGIN ".len()..];
        let Some(label_end) = after.find("-----") else {
            return Err(CertError::PemUnterminated { block });
        };
        let label = after[..label_end].trim().to_string();
        let body_start = &after[label_end + 5..];
        let end_marker = format!("-----END {label}-----");
        let Some(body_end) = body_start.find(&end_marker) else {
            return Err(CertError::PemUnterminated { block });
        };
        if label != "CERTIFICATE" && label != "X509 CERTIFICATE" && label != "TRUSTED CERTIFICATE" {
            return Err(CertError::PemLabel { block, label });
        }
        let der = keyvalue::decode_base64(&body_start[..body_end])
            .map_err(|source| CertError::PemBlock { block, source })?;
        blocks.push(der);
        rest = &body_start[body_end + end_marker.len()..];
    }
    Ok(blocks)
}

/// Encodes DER as a PEM block (64 characters a line).
pub fn to_pem(der: &[u8]) -> String {
    let b64 = STANDARD.encode(der);
    let mut out = String::from("-----BEGIN CERTIFICATE-----\n");
    for chunk in b64.as_bytes().chunks(64) {
        out.push_str(&String::from_utf8_lossy(chunk));
        out.push('\n');
    }
    out.push_str("-----END CERTIFICATE-----\n");
    out
}

fn upper_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

fn summarize(cert: &Certificate, der: &[u8]) -> CertificateSummary {
    let tbs = &cert.tbs_certificate;
    let serial = tbs.serial_number.as_bytes();
    // DER integers carry a 0x00 sign byte before a high bit; openssl and
    // Windows do not show it.
    let serial = match serial {
        [0, rest @ ..] if !rest.is_empty() => rest,
        s => s,
    };
    let sha1 = Sha1Fingerprint::of(der);
    let mut summary = CertificateSummary {
        subject: names::format_name(&tbs.subject),
        issuer: names::format_name(&tbs.issuer),
        serial: upper_hex(serial),
        not_before: unix(&tbs.validity.not_before),
        not_after: unix(&tbs.validity.not_after),
        public_key: public_key(&tbs.subject_public_key_info),
        signature: signature(&cert.signature_algorithm.oid),
        sha1_thumbprint: sha1.thumbprint(),
        sha256_fingerprint: upper_hex(&Sha256::digest(der)),
        x5t: sha1.x5t(),
        key_usage: Vec::new(),
        extended_key_usage: Vec::new(),
        subject_alt_names: Vec::new(),
        is_ca: None,
        path_len: None,
        self_issued: tbs.subject == tbs.issuer,
        extension_problems: Vec::new(),
    };
    for ext in tbs.extensions.iter().flatten() {
        let value = ext.extn_value.as_bytes();
        let id = ext.extn_id;
        let result = if id == names::OID_KEY_USAGE {
            KeyUsage::from_der(value).map(|ku| summary.key_usage = key_usages(&ku))
        } else if id == names::OID_EXT_KEY_USAGE {
            ExtendedKeyUsage::from_der(value).map(|eku| {
                summary.extended_key_usage = eku.0.iter().map(names::eku_name).collect();
            })
        } else if id == names::OID_SUBJECT_ALT_NAME {
            SubjectAltName::from_der(value).map(|san| {
                summary.subject_alt_names = san.0.iter().map(general_name).collect();
            })
        } else if id == names::OID_BASIC_CONSTRAINTS {
            BasicConstraints::from_der(value).map(|bc| {
                summary.is_ca = Some(bc.ca);
                summary.path_len = bc.path_len_constraint;
            })
        } else {
            Ok(())
        };
        if let Err(e) = result {
            summary
                .extension_problems
                .push(format!("extension {}: {e}", names::extension_name(&id)));
        }
    }
    summary
}

fn unix(time: &x509_cert::time::Time) -> UnixTime {
    let secs = time.to_unix_duration().as_secs();
    UnixTime(i64::try_from(secs).unwrap_or(i64::MAX))
}

fn key_usages(ku: &KeyUsage) -> Vec<String> {
    const NAMES: [(KeyUsages, &str); 9] = [
        (KeyUsages::DigitalSignature, "digitalSignature"),
        (KeyUsages::NonRepudiation, "nonRepudiation"),
        (KeyUsages::KeyEncipherment, "keyEncipherment"),
        (KeyUsages::DataEncipherment, "dataEncipherment"),
        (KeyUsages::KeyAgreement, "keyAgreement"),
        (KeyUsages::KeyCertSign, "keyCertSign"),
        (KeyUsages::CRLSign, "cRLSign"),
        (KeyUsages::EncipherOnly, "encipherOnly"),
        (KeyUsages::DecipherOnly, "decipherOnly"),
    ];
    NAMES
        .iter()
        .filter(|(flag, _)| ku.0.contains(*flag))
        .map(|(_, name)| (*name).to_string())
        .collect()
}

fn general_name(name: &GeneralName) -> String {
    match name {
        GeneralName::DnsName(n) => format!("DNS:{}", n.as_str()),
        GeneralName::Rfc822Name(n) => format!("email:{}", n.as_str()),
        GeneralName::UniformResourceIdentifier(n) => format!("URI:{}", n.as_str()),
        GeneralName::IpAddress(ip) => format!("IP:{}", names::format_ip(ip.as_bytes())),
        GeneralName::DirectoryName(n) => format!("DirName:{}", names::format_name(n)),
        GeneralName::RegisteredId(oid) => format!("RID:{oid}"),
        GeneralName::OtherName(other) => {
            format!("othername:{}", names::other_name(other))
        }
        GeneralName::EdiPartyName(_) => "EdiPartyName".to_string(),
    }
}

fn public_key(spki: &x509_cert::spki::SubjectPublicKeyInfoOwned) -> PublicKeyInfo {
    let oid = spki.algorithm.oid;
    let key_bytes = spki.subject_public_key.raw_bytes();
    if oid == names::OID_RSA_ENCRYPTION {
        #[derive(der::Sequence)]
        struct RsaPublicKey<'a> {
            modulus: UintRef<'a>,
            _exponent: UintRef<'a>,
        }
        let bits = RsaPublicKey::from_der(key_bytes).ok().map(|k| {
            // Bits of the modulus: a damaged key may have an empty or zero one.
            let m = k.modulus.as_bytes();
            match m.first() {
                Some(&lead) => (m.len() as u32)
                    .saturating_mul(8)
                    .saturating_sub(lead.leading_zeros()),
                None => 0,
            }
        });
        return PublicKeyInfo {
            algorithm: "RSA".into(),
            bits,
            curve: None,
        };
    }
    if oid == names::OID_EC_PUBLIC_KEY {
        let curve_oid = spki
            .algorithm
            .parameters
            .as_ref()
            .and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
        let (curve, bits) = match curve_oid {
            Some(c) => names::curve(&c),
            None => ("unknown curve".to_string(), None),
        };
        return PublicKeyInfo {
            algorithm: "EC".into(),
            bits,
            curve: Some(curve),
        };
    }
    let (algorithm, bits) = names::other_key_algorithm(&oid);
    PublicKeyInfo {
        algorithm,
        bits,
        curve: None,
    }
}

fn signature(oid: &ObjectIdentifier) -> SignatureInfo {
    let (name, weak_hash) = names::signature_algorithm(oid);
    SignatureInfo {
        name,
        oid: oid.to_string(),
        weak_hash,
    }
}
