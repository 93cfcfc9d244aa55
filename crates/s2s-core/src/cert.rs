//! One X.509 certificate, decoded into what an administrator checks: who it is
//! for and from, when it is valid, its key and signature, and the fingerprints
//! Windows and metadata documents use.

use crate::b64::{self, Alphabet};
use serde::Serialize;
use sha2::{Digest, Sha256};
use thiserror::Error;

use crate::asn1::{self, Asn1Error, Reader, Tlv};
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
    let summary = summarize(der).map_err(|e| CertError::NotX509 {
        detail: e.to_string(),
    })?;
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
    let b64 = b64::encode(der, Alphabet::Standard, true);
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

/// The parts of `Certificate` and `TBSCertificate` (RFC 5280 §4.1) that the
/// summary is made of; extensions stay raw until read one by one.
struct Parts<'a> {
    serial: Tlv<'a>,
    issuer: Tlv<'a>,
    not_before: Tlv<'a>,
    not_after: Tlv<'a>,
    subject: Tlv<'a>,
    key_algorithm: Tlv<'a>,
    key: Tlv<'a>,
    extensions: Option<Tlv<'a>>,
    signature_algorithm: String,
}

fn parts(der: &[u8]) -> Result<Parts<'_>, Asn1Error> {
    const SEQ: &str = "SEQUENCE";
    let mut outer = Reader::new(der);
    let cert = outer.expect(asn1::SEQUENCE, SEQ, "certificate")?;
    outer.finish("certificate")?;
    let mut cert = cert.reader();
    let tbs = cert.expect(asn1::SEQUENCE, SEQ, "tbsCertificate")?;
    let signature_algorithm =
        algorithm(&cert.expect(asn1::SEQUENCE, SEQ, "signatureAlgorithm")?)?.0;
    cert.expect(asn1::BIT_STRING, "BIT STRING", "signatureValue")?
        .bit_string("signatureValue")?;
    cert.finish("certificate")?;

    let mut tbs = tbs.reader();
    if let Some(version) = tbs.optional(asn1::context_constructed(0), "version")? {
        let mut v = version.reader();
        let number = v
            .expect(asn1::INTEGER, "INTEGER", "version")?
            .small_uint("version")?;
        v.finish("version")?;
        if number > 2 {
            return Err(Asn1Error::BadValue {
                what: "version",
                at: version.at,
                why: "X.509 knows versions 1 to 3 only",
            });
        }
    }
    let serial = tbs.expect(asn1::INTEGER, "INTEGER", "serialNumber")?;
    serial.unsigned_bytes("serialNumber")?;
    tbs.expect(asn1::SEQUENCE, SEQ, "signature")?;
    let issuer = tbs.expect(asn1::SEQUENCE, SEQ, "issuer")?;
    let validity = tbs.expect(asn1::SEQUENCE, SEQ, "validity")?;
    let mut times = validity.reader();
    let not_before = times.any("notBefore")?;
    let not_after = times.any("notAfter")?;
    times.finish("validity")?;
    let subject = tbs.expect(asn1::SEQUENCE, SEQ, "subject")?;
    let spki = tbs.expect(asn1::SEQUENCE, SEQ, "subjectPublicKeyInfo")?;
    let mut spki = spki.reader();
    let key_algorithm = spki.expect(asn1::SEQUENCE, SEQ, "public key algorithm")?;
    let key = spki.expect(asn1::BIT_STRING, "BIT STRING", "subjectPublicKey")?;
    spki.finish("subjectPublicKeyInfo")?;
    tbs.optional(asn1::context_primitive(1), "issuerUniqueID")?;
    tbs.optional(asn1::context_primitive(2), "subjectUniqueID")?;
    let extensions = tbs.optional(asn1::context_constructed(3), "extensions")?;
    tbs.finish("tbsCertificate")?;
    Ok(Parts {
        serial,
        issuer,
        not_before,
        not_after,
        subject,
        key_algorithm,
        key,
        extensions,
        signature_algorithm,
    })
}

/// `AlgorithmIdentifier`: the OID and the parameters, if any.
fn algorithm<'a>(tlv: &Tlv<'a>) -> Result<(String, Option<Tlv<'a>>), Asn1Error> {
    let mut fields = tlv.reader();
    let oid = fields
        .expect(asn1::OID, "OBJECT IDENTIFIER", "algorithm")?
        .oid("algorithm")?;
    let parameters = if fields.is_empty() {
        None
    } else {
        Some(fields.any("algorithm parameters")?)
    };
    fields.finish("algorithm")?;
    Ok((oid, parameters))
}

fn summarize(der: &[u8]) -> Result<CertificateSummary, Asn1Error> {
    let parts = parts(der)?;
    let sha1 = Sha1Fingerprint::of(der);
    let (name, weak_hash) = names::signature_algorithm(&parts.signature_algorithm);
    let mut summary = CertificateSummary {
        subject: names::format_name(&parts.subject)?,
        issuer: names::format_name(&parts.issuer)?,
        serial: upper_hex(parts.serial.unsigned_bytes("serialNumber")?),
        not_before: parts.not_before.time("notBefore")?,
        not_after: parts.not_after.time("notAfter")?,
        public_key: public_key(&parts.key_algorithm, &parts.key)?,
        signature: SignatureInfo {
            name,
            oid: parts.signature_algorithm,
            weak_hash,
        },
        sha1_thumbprint: sha1.thumbprint(),
        sha256_fingerprint: upper_hex(&Sha256::digest(der)),
        x5t: sha1.x5t(),
        key_usage: Vec::new(),
        extended_key_usage: Vec::new(),
        subject_alt_names: Vec::new(),
        is_ca: None,
        path_len: None,
        self_issued: parts.subject.raw == parts.issuer.raw,
        extension_problems: Vec::new(),
    };
    if let Some(extensions) = parts.extensions {
        let mut wrapper = extensions.reader();
        let list = wrapper.expect(asn1::SEQUENCE, "SEQUENCE", "extensions")?;
        wrapper.finish("extensions")?;
        let mut list = list.reader();
        while !list.is_empty() {
            let ext = list.expect(asn1::SEQUENCE, "SEQUENCE", "extension")?;
            let mut fields = ext.reader();
            let id = fields
                .expect(asn1::OID, "OBJECT IDENTIFIER", "extnID")?
                .oid("extnID")?;
            if let Some(critical) = fields.optional(asn1::BOOLEAN, "critical")? {
                critical.boolean("critical")?;
            }
            let value = fields.expect(asn1::OCTET_STRING, "OCTET STRING", "extnValue")?;
            fields.finish("extension")?;
            // A damaged extension is reported, not fatal: the rest of the
            // certificate is still worth showing.
            if let Err(e) = read_extension(&id, &value, &mut summary) {
                summary
                    .extension_problems
                    .push(format!("extension {}: {e}", names::extension_name(&id)));
            }
        }
    }
    Ok(summary)
}

fn read_extension(
    id: &str,
    value: &Tlv,
    summary: &mut CertificateSummary,
) -> Result<(), Asn1Error> {
    let mut outer = value.reader();
    let what = match id {
        names::OID_KEY_USAGE => "keyUsage",
        names::OID_EXT_KEY_USAGE => "extKeyUsage",
        names::OID_SUBJECT_ALT_NAME => "subjectAltName",
        names::OID_BASIC_CONSTRAINTS => "basicConstraints",
        _ => return Ok(()),
    };
    let inner = outer.any(what)?;
    outer.finish(what)?;
    match id {
        names::OID_KEY_USAGE => {
            if inner.tag != asn1::BIT_STRING {
                return Err(unexpected(&inner, "BIT STRING", what));
            }
            summary.key_usage = key_usages(inner.bit_string(what)?);
        }
        names::OID_EXT_KEY_USAGE => {
            let mut list = sequence(&inner, what)?;
            let mut ekus = Vec::new();
            while !list.is_empty() {
                let oid = list.expect(asn1::OID, "OBJECT IDENTIFIER", "key purpose")?;
                ekus.push(names::eku_name(&oid.oid("key purpose")?));
            }
            summary.extended_key_usage = ekus;
        }
        names::OID_SUBJECT_ALT_NAME => {
            let mut list = sequence(&inner, what)?;
            let mut sans = Vec::new();
            while !list.is_empty() {
                sans.push(general_name(&list.any("GeneralName")?)?);
            }
            summary.subject_alt_names = sans;
        }
        _ => {
            let mut fields = sequence(&inner, what)?;
            let ca = match fields.optional(asn1::BOOLEAN, "cA")? {
                Some(flag) => flag.boolean("cA")?,
                None => false,
            };
            let path_len = match fields.optional(asn1::INTEGER, "pathLenConstraint")? {
                Some(n) => Some(u8::try_from(n.small_uint("pathLenConstraint")?).map_err(
                    |_| Asn1Error::BadValue {
                        what: "pathLenConstraint",
                        at: n.at,
                        why: "over 255",
                    },
                )?),
                None => None,
            };
            fields.finish(what)?;
            summary.is_ca = Some(ca);
            summary.path_len = path_len;
        }
    }
    Ok(())
}

fn unexpected(tlv: &Tlv, expected: &'static str, what: &'static str) -> Asn1Error {
    Asn1Error::UnexpectedTag {
        what,
        expected,
        found: tlv.tag,
        at: tlv.at,
    }
}

fn sequence<'a>(tlv: &Tlv<'a>, what: &'static str) -> Result<Reader<'a>, Asn1Error> {
    if tlv.tag == asn1::SEQUENCE {
        Ok(tlv.reader())
    } else {
        Err(unexpected(tlv, "SEQUENCE", what))
    }
}

/// KeyUsage bits, most significant bit of the first byte first (RFC 5280 §4.2.1.3).
fn key_usages(bits: &[u8]) -> Vec<String> {
    const NAMES: [&str; 9] = [
        "digitalSignature",
        "nonRepudiation",
        "keyEncipherment",
        "dataEncipherment",
        "keyAgreement",
        "keyCertSign",
        "cRLSign",
        "encipherOnly",
        "decipherOnly",
    ];
    NAMES
        .iter()
        .enumerate()
        .filter(|(i, _)| bits.get(i / 8).is_some_and(|b| b & (0x80 >> (i % 8)) != 0))
        .map(|(_, name)| (*name).to_string())
        .collect()
}

fn general_name(name: &Tlv) -> Result<String, Asn1Error> {
    let text = |prefix: &str| format!("{prefix}:{}", String::from_utf8_lossy(name.content));
    Ok(match name.tag {
        0xA0 => format!("othername:{}", names::other_name(name)?),
        0x81 => text("email"),
        0x82 => text("DNS"),
        0x86 => text("URI"),
        0x87 => format!("IP:{}", names::format_ip(name.content)),
        0xA4 => {
            let mut inner = name.reader();
            let dn = inner.expect(asn1::SEQUENCE, "SEQUENCE", "directoryName")?;
            inner.finish("directoryName")?;
            format!("DirName:{}", names::format_name(&dn)?)
        }
        0x88 => format!("RID:{}", name.oid("registeredID")?),
        0xA5 => "EdiPartyName".to_string(),
        0xA3 => "X400Address".to_string(),
        other => {
            return Err(Asn1Error::BadValue {
                what: "GeneralName",
                at: name.at,
                why: if other & 0x1F > 8 {
                    "unknown GeneralName choice"
                } else {
                    "GeneralName with the wrong form (primitive or constructed)"
                },
            });
        }
    })
}

fn public_key(algorithm_id: &Tlv, key: &Tlv) -> Result<PublicKeyInfo, Asn1Error> {
    let (oid, parameters) = algorithm(algorithm_id)?;
    let key_bytes = key.bit_string("subjectPublicKey")?;
    if oid == names::OID_RSA_ENCRYPTION {
        // A damaged RSA key leaves the size unknown rather than failing the
        // certificate (it is shown, with what could be read).
        let bits = rsa_modulus_bits(key_bytes);
        return Ok(PublicKeyInfo {
            algorithm: "RSA".into(),
            bits,
            curve: None,
        });
    }
    if oid == names::OID_EC_PUBLIC_KEY {
        let curve_oid = parameters
            .filter(|p| p.tag == asn1::OID)
            .and_then(|p| p.oid("curve").ok());
        let (curve, bits) = match curve_oid {
            Some(c) => names::curve(&c),
            None => ("unknown curve".to_string(), None),
        };
        return Ok(PublicKeyInfo {
            algorithm: "EC".into(),
            bits,
            curve: Some(curve),
        });
    }
    let (algorithm, bits) = names::other_key_algorithm(&oid);
    Ok(PublicKeyInfo {
        algorithm,
        bits,
        curve: None,
    })
}

/// `RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }`.
fn rsa_modulus_bits(key: &[u8]) -> Option<u32> {
    let mut outer = Reader::new(key);
    let seq = outer
        .expect(asn1::SEQUENCE, "SEQUENCE", "RSAPublicKey")
        .ok()?;
    outer.finish("RSAPublicKey").ok()?;
    let mut fields = seq.reader();
    let modulus = fields.expect(asn1::INTEGER, "INTEGER", "modulus").ok()?;
    fields
        .expect(asn1::INTEGER, "INTEGER", "publicExponent")
        .ok()?;
    fields.finish("RSAPublicKey").ok()?;
    let m = modulus.content;
    let start = m.iter().position(|b| *b != 0).unwrap_or(m.len());
    let m = &m[start..];
    Some(match m.first() {
        Some(&lead) => (m.len() as u32)
            .saturating_mul(8)
            .saturating_sub(lead.leading_zeros()),
        None => 0,
    })
}
