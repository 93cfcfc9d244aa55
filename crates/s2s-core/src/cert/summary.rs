//! From x509-cert's `Certificate` to the summary the console and the CLI
//! show: names as Windows writes them, fingerprints over the bytes as
//! received.

use der::asn1::{ObjectIdentifier, UintRef};
use der::{Decode, Sequence};
use sha2::{Digest, Sha256};
use x509_cert::Certificate;
use x509_cert::spki::SubjectPublicKeyInfoOwned;
use x509_cert::time::Time;

use super::{CertificateSummary, PublicKeyInfo, SignatureInfo, extensions};
use crate::names;
use crate::thumbprint::Sha1Fingerprint;
use crate::time::UnixTime;

pub(super) fn of(certificate: &Certificate, der: &[u8]) -> CertificateSummary {
    let tbs = &certificate.tbs_certificate;
    let sha1 = Sha1Fingerprint::of(der);
    let signature_oid = certificate.signature_algorithm.oid.to_string();
    let (signature_name, weak_hash) = names::signature_algorithm(&signature_oid);
    let mut summary = CertificateSummary {
        subject: names::format_name(&tbs.subject),
        issuer: names::format_name(&tbs.issuer),
        serial: serial(tbs.serial_number.as_bytes()),
        not_before: unix(&tbs.validity.not_before),
        not_after: unix(&tbs.validity.not_after),
        public_key: public_key(&tbs.subject_public_key_info),
        signature: SignatureInfo {
            name: signature_name,
            oid: signature_oid,
            weak_hash,
        },
        sha1_thumbprint: sha1.thumbprint(),
        sha256_fingerprint: names::upper_hex(&Sha256::digest(der)),
        x5t: sha1.x5t(),
        key_usage: Vec::new(),
        extended_key_usage: Vec::new(),
        subject_alt_names: Vec::new(),
        is_ca: None,
        path_len: None,
        self_issued: tbs.subject == tbs.issuer,
        extension_problems: Vec::new(),
    };
    for extension in tbs.extensions.iter().flatten() {
        extensions::read(extension, &mut summary);
    }
    summary
}

/// Upper-case hex without the sign byte DER puts before a high bit, as
/// openssl and Windows print serial numbers.
fn serial(bytes: &[u8]) -> String {
    match bytes {
        [0, rest @ ..] if !rest.is_empty() => names::upper_hex(rest),
        all => names::upper_hex(all),
    }
}

fn unix(time: &Time) -> UnixTime {
    // x509-cert's times start at 1970, so the seconds fit an i64.
    UnixTime(i64::try_from(time.to_unix_duration().as_secs()).unwrap_or(i64::MAX))
}

/// `RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }`
/// (RFC 8017 A.1.1), for the key's size.
#[derive(Sequence)]
struct RsaPublicKey<'a> {
    modulus: UintRef<'a>,
    _public_exponent: UintRef<'a>,
}

fn public_key(spki: &SubjectPublicKeyInfoOwned) -> PublicKeyInfo {
    let oid = spki.algorithm.oid.to_string();
    if oid == names::OID_RSA_ENCRYPTION {
        // A damaged RSA key leaves the size unknown rather than failing the
        // certificate (it is shown, with what could be read).
        let bits = RsaPublicKey::from_der(spki.subject_public_key.raw_bytes())
            .ok()
            .map(|key| {
                let modulus = key.modulus.as_bytes();
                modulus.first().map_or(0, |lead| {
                    u32::try_from(modulus.len())
                        .unwrap_or(u32::MAX)
                        .saturating_mul(8)
                        .saturating_sub(lead.leading_zeros())
                })
            });
        return PublicKeyInfo {
            algorithm: "RSA".into(),
            bits,
            curve: None,
        };
    }
    if oid == names::OID_EC_PUBLIC_KEY {
        let curve = spki
            .algorithm
            .parameters
            .as_ref()
            .and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
        let (curve, bits) = match curve {
            Some(c) => names::curve(&c.to_string()),
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
