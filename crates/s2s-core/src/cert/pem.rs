//! PEM as people paste it: one or several blocks, text between them
//! (openssl's `subject=` lines, comments), base64 wrapped at any width.
//!
//! By hand because `pem-rfc7468` reads RFC 7468's strict form only: one
//! block, no text around it, lines of exactly 64 characters.

use super::CertError;
use crate::encoding;
use crate::keyvalue;

/// The labels a certificate block is written with.
const CERTIFICATE_LABELS: [&str; 3] = ["CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE"];

/// The DER of every certificate block, in order.
pub(super) fn blocks(text: &str) -> Result<Vec<Vec<u8>>, CertError> {
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
        if !CERTIFICATE_LABELS.contains(&label.as_str()) {
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
    let b64 = encoding::standard(der);
    let mut out = String::from("-----BEGIN CERTIFICATE-----\n");
    for line in b64.as_bytes().chunks(64) {
        out.push_str(&String::from_utf8_lossy(line));
        out.push('\n');
    }
    out.push_str("-----END CERTIFICATE-----\n");
    out
}
