//! Inspection of one saved file: a metadata document or certificates, read
//! into the shape `s2s inspect --json` prints (and the console can show).

use serde::Serialize;

use crate::analysis::{SideAnalysis, analyze_document};
use crate::cert::{self, CertError, CertificateSummary, DecodedCertificate};
use crate::findings::{self, Finding, Severity};
use crate::metadata::{self, DocumentError};
use crate::principal::{self, EXCHANGE, SKYPE};
use crate::time::UnixTime;
use crate::topology::Side;

/// What a file turned out to be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Inspection {
    Metadata(DocumentReport),
    Certificate(CertificateReport),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentReport {
    pub name: Option<String>,
    pub service_name: Option<String>,
    pub service_product: Option<&'static str>,
    pub realm: Option<String>,
    pub issuer: Option<String>,
    pub allowed_audiences: Vec<String>,
    pub keys: Vec<KeyReport>,
    pub endpoints: Vec<EndpointReport>,
    /// Fields the console does not know, as `path: value`.
    pub unknown_fields: Vec<String>,
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeyReport {
    pub path: String,
    pub usage: Option<String>,
    pub x5t_published: Option<String>,
    pub x5t_computed: Option<String>,
    /// Why the key's certificate cannot be read.
    pub error: Option<String>,
    pub certificate: Option<CertificateReport>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EndpointReport {
    pub location: Option<String>,
    pub protocol: Option<String>,
    pub usage: Option<String>,
}

/// A certificate's summary with times as RFC 3339 and days left.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CertificateReport {
    pub subject: String,
    pub issuer: String,
    pub serial: String,
    pub not_before: String,
    pub not_after: String,
    /// Negative once expired.
    pub days_left: i64,
    /// Its validity has not begun yet.
    pub not_yet_valid: bool,
    pub key_algorithm: String,
    pub key_bits: Option<u32>,
    pub key_curve: Option<String>,
    pub signature_algorithm: String,
    pub weak_signature: bool,
    pub sha1_thumbprint: String,
    pub sha256_fingerprint: String,
    pub x5t: String,
    pub key_usage: Vec<String>,
    pub extended_key_usage: Vec<String>,
    pub subject_alt_names: Vec<String>,
    pub is_ca: Option<bool>,
    pub self_issued: bool,
    /// Findings about this certificate on its own (for a file of
    /// certificates; a document's findings are on the document).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<Finding>,
}

/// Why a file could be neither read as a document nor as a certificate.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InspectError {
    #[error("not a metadata document: {0}")]
    Document(DocumentError),
    #[error("not a certificate: {0}")]
    Certificate(CertError),
}

impl CertificateReport {
    pub fn new(summary: &CertificateSummary, now: UnixTime) -> Self {
        CertificateReport {
            subject: summary.subject.clone(),
            issuer: summary.issuer.clone(),
            serial: summary.serial.clone(),
            not_before: summary.not_before.to_rfc3339(),
            not_after: summary.not_after.to_rfc3339(),
            days_left: summary.days_left(now),
            not_yet_valid: now < summary.not_before,
            key_algorithm: summary.public_key.algorithm.clone(),
            key_bits: summary.public_key.bits,
            key_curve: summary.public_key.curve.clone(),
            signature_algorithm: summary.signature.name.clone(),
            weak_signature: summary.signature.weak_hash,
            sha1_thumbprint: summary.sha1_thumbprint.clone(),
            sha256_fingerprint: summary.sha256_fingerprint.clone(),
            x5t: summary.x5t.clone(),
            key_usage: summary.key_usage.clone(),
            extended_key_usage: summary.extended_key_usage.clone(),
            subject_alt_names: summary.subject_alt_names.clone(),
            is_ca: summary.is_ca,
            self_issued: summary.self_issued,
            findings: Vec::new(),
        }
    }
}

/// Reads a file: JSON is taken as a metadata document, anything else as
/// certificates (DER, PEM, base64).
pub fn inspect(bytes: &[u8], now: UnixTime) -> Result<Vec<Inspection>, InspectError> {
    let text_start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .map(|i| &bytes[i..])
        .unwrap_or_default();
    let text_start = text_start
        .strip_prefix("\u{feff}".as_bytes())
        .unwrap_or(text_start);
    if text_start.first() == Some(&b'{') || text_start.first() == Some(&b'[') {
        let doc = metadata::parse(bytes).map_err(InspectError::Document)?;
        return Ok(vec![Inspection::Metadata(document_report(doc, now))]);
    }
    let certs = cert::decode_any(bytes).map_err(InspectError::Certificate)?;
    Ok(certs
        .iter()
        .map(|c| Inspection::Certificate(certificate_report(c, now)))
        .collect())
}

fn role_of(service_name: Option<&str>) -> Option<Side> {
    match service_name {
        Some(id) if id.eq_ignore_ascii_case(SKYPE.id) => Some(Side::Skype),
        Some(id) if id.eq_ignore_ascii_case(EXCHANGE.id) => Some(Side::Exchange),
        _ => None,
    }
}

fn document_report(doc: metadata::MetadataDocument, now: UnixTime) -> DocumentReport {
    let service_name = doc.service_name.clone().or_else(|| {
        doc.issuer
            .as_deref()
            .and_then(|i| i.split_once('@'))
            .map(|(id, _)| id.to_string())
    });
    let role = role_of(service_name.as_deref());
    let side = role.unwrap_or(Side::Both);
    let analysis: SideAnalysis = analyze_document(side, doc);
    let mut found = Vec::new();
    findings::diagnose_side(&analysis, role, None, now, &mut found);
    findings::sort(&mut found);
    let Some(doc) = analysis.document() else {
        // analyze_document always holds the document it was given.
        return DocumentReport {
            name: None,
            service_name,
            service_product: None,
            realm: None,
            issuer: None,
            allowed_audiences: Vec::new(),
            keys: Vec::new(),
            endpoints: Vec::new(),
            unknown_fields: Vec::new(),
            findings: found,
        };
    };
    DocumentReport {
        name: doc.name.clone(),
        service_product: service_name
            .as_deref()
            .and_then(principal::lookup)
            .map(|p| p.product),
        service_name,
        realm: doc.realm().map(|(r, _)| r.to_string()),
        issuer: doc.issuer.clone(),
        allowed_audiences: doc.allowed_audiences.clone(),
        keys: analysis
            .keys
            .iter()
            .map(|k| KeyReport {
                path: k.key.path.clone(),
                usage: k.key.usage.clone(),
                x5t_published: k.key.x5t_published.clone(),
                x5t_computed: k.key.x5t_computed(),
                error: k.certificate.as_ref().err().map(|e| e.to_string()),
                certificate: k
                    .certificate
                    .as_ref()
                    .ok()
                    .map(|c| CertificateReport::new(&c.summary, now)),
            })
            .collect(),
        endpoints: doc
            .endpoints
            .iter()
            .map(|e| EndpointReport {
                location: e.location.clone(),
                protocol: e.protocol.clone(),
                usage: e.usage.clone(),
            })
            .collect(),
        unknown_fields: doc
            .unknown_fields
            .iter()
            .map(|u| format!("{}: {}", u.path, u.value))
            .collect(),
        findings: found,
    }
}

fn certificate_report(c: &DecodedCertificate, now: UnixTime) -> CertificateReport {
    let mut report = CertificateReport::new(&c.summary, now);
    report.findings = findings::certificate_alone(&c.summary, now);
    report
}

/// The worst severity of everything inspected.
pub fn worst(inspections: &[Inspection]) -> Severity {
    inspections
        .iter()
        .map(|i| match i {
            Inspection::Metadata(d) => findings::worst(&d.findings),
            Inspection::Certificate(c) => findings::worst(&c.findings),
        })
        .max()
        .unwrap_or(Severity::Pass)
}
