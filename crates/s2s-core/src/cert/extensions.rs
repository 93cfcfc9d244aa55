//! The four extensions an administrator checks (key usage, extended key
//! usage, alternative names, CA constraints). Each is decoded on its own, so
//! a damaged one is reported beside the certificate instead of refusing it.

use der::Decode;
use x509_cert::ext::Extension;
use x509_cert::ext::pkix::{
    BasicConstraints, ExtendedKeyUsage, KeyUsage, KeyUsages, SubjectAltName,
};

use super::{CertificateSummary, der_words};
use crate::names;

pub(super) fn read(extension: &Extension, summary: &mut CertificateSummary) {
    let id = extension.extn_id.to_string();
    let value = extension.extn_value.as_bytes();
    let read = match id.as_str() {
        names::OID_KEY_USAGE => KeyUsage::from_der(value).map(|ku| {
            summary.key_usage = key_usages(&ku);
        }),
        names::OID_EXT_KEY_USAGE => ExtendedKeyUsage::from_der(value).map(|eku| {
            summary.extended_key_usage = eku
                .0
                .iter()
                .map(|o| names::eku_name(&o.to_string()))
                .collect();
        }),
        names::OID_SUBJECT_ALT_NAME => SubjectAltName::from_der(value).map(|san| {
            summary.subject_alt_names = san.0.iter().map(names::general_name).collect();
        }),
        names::OID_BASIC_CONSTRAINTS => BasicConstraints::from_der(value).map(|bc| {
            summary.is_ca = Some(bc.ca);
            summary.path_len = bc.path_len_constraint;
        }),
        _ => Ok(()),
    };
    if let Err(e) = read {
        summary.extension_problems.push(format!(
            "extension {}: {}",
            names::extension_name(&id),
            der_words::describe(&e)
        ));
    }
}

/// In RFC 5280 §4.2.1.3's order.
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
